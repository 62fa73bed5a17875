import type { ActivityEntry } from './types'

/** A plain entry for tests; override what matters. */
export function makeEntry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: 1,
    at: '2026-11-22T10:00:00.000Z',
    apiBase: '/api',
    actingAs: { userId: null, label: 'Account owner (API key)' },
    action: 'dialog.update',
    summary: 'Renamed dialog “Support” to “Help desk”',
    target: { kind: 'dialog', id: '672c8eec5eedda7a00000001', label: 'Help desk' },
    result: 'success',
    ...overrides,
  }
}
