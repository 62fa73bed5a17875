import type { Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import { API_KEY } from './fixtures'

/** The app the e2e key names, as the desk fingerprints it: SHA-256 of base, newline, key. */
export const THIS_APP = createHash('sha256').update(`/api\n${API_KEY}`).digest('hex').slice(0, 16)
export const OTHER_APP = 'feedfacefeedface'

/** Puts entries straight into the browser's log, as another tab or an older version would have. */
export async function seedActivity(page: Page, entries: Record<string, unknown>[]) {
  await page.evaluate(list => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('dialog-desk')
    open.onupgradeneeded = () => open.result.createObjectStore('activity', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction('activity', 'readwrite')
      for (const entry of list)
        tx.objectStore('activity').add({ at: new Date().toISOString(), apiBase: '/api', actingAs: { userId: null, label: 'Account owner (API key)' }, target: { kind: 'dialog' }, result: 'success', action: 'dialog.update', ...entry })
      tx.oncomplete = () => {
        db.close()
        resolve()
      }
      tx.onerror = () => reject(tx.error)
    }
  }), entries)
}

const D1 = '672c8eec5eedda7a00000001'
const D2 = '672c8eec5eedda7a00000002'
const dialog = { _id: D1, type: 2, name: 'Support', photo: null, user_id: 1001, occupants_ids: [1001, 1002, 1003], admin_ids: [1001], data: { class_name: 'Settings', color: 'red' }, updated_at: '2026-11-22T10:00:00Z' }

/** One entry of every kind and result the screen shows, of this app, newest first once stored. */
export const SAMPLE_ENTRIES: Record<string, unknown>[] = [
  { app: THIS_APP, operator: 'Dana QA', action: 'session.sign-in', summary: 'Signed in to /api as the account owner', target: { kind: 'session', label: '/api' }, request: { method: 'GET', path: '/users.json', body: { per_page: 1 } } },
  { app: THIS_APP, operator: 'Dana QA', action: 'dialog.create', summary: 'Created group dialog “Team”', target: { kind: 'dialog', id: D2, label: 'Team' }, after: { _id: D2, type: 2, name: 'Team', occupants_ids: [1001, 1004] }, request: { method: 'POST', path: '/chat/Dialog.json', body: { type: 2, name: 'Team', occupants_ids: '1004' } } },
  { app: THIS_APP, operator: 'Dana QA', action: 'dialog.update', summary: 'Updated “Support”: Name “Support” → “Help desk”; added 1 member; removed 1; custom data', target: { kind: 'dialog', id: D1, label: 'Help desk' }, before: dialog, after: { ...dialog, name: 'Help desk', occupants_ids: [1001, 1003, 1005], data: { class_name: 'Settings', color: 'blue', tier: 'gold' }, updated_at: '2026-11-22T11:00:00Z' }, request: { method: 'PUT', path: `/chat/Dialog/${D1}.json`, body: { name: 'Help desk', push_all: { occupants_ids: [1005] }, pull_all: { occupants_ids: [1002] } } } },
  { app: THIS_APP, operator: 'Dana QA', actingAs: { userId: 1005, label: 'User #1005' }, action: 'dialog.admins.add', summary: 'Made user #1002 an admin of “All hands”', target: { kind: 'dialog', id: D2, label: 'All hands' }, before: { admin_ids: [1001] }, request: { method: 'PUT', path: `/chat/Dialog/${D2}.json`, body: { push_all: { admin_ids: [1002] } } }, result: 'failure', status: 403, error: 'You don\'t have permission to update this dialog' },
  { app: THIS_APP, action: 'message.delete', summary: 'Deleted 3 messages for everyone', target: { kind: 'message', id: 'm1', ids: ['m1', 'm2', 'm3'], dialogId: D1, label: '3 messages' }, after: { deleted: 2, notFound: ['m3'], refused: [], failed: [] }, request: { method: 'DELETE', path: '/chat/Message/{ids}.json (1 request)', body: { force: 1 } }, result: 'partial', error: '1 of 3 not deleted (1 not found, 0 refused, 0 failed)' },
  { app: THIS_APP, action: 'message.create', summary: 'Sent “Please keep it civil”', target: { kind: 'message', dialogId: D1, label: 'Please keep it civil' }, request: { method: 'POST', path: '/chat/Message.json', body: { chat_dialog_id: D1, message: 'Please keep it civil', send_to_chat: 1 } }, result: 'unknown', status: 0, error: 'We couldn\'t confirm whether this went through: the request was sent, but no answer came.' },
  { app: THIS_APP, action: 'dialog.update', summary: 'Updated “Help desk”: Photo', target: { kind: 'dialog', id: D1, label: 'Help desk' }, before: { ...dialog, name: 'Help desk' }, request: { method: 'PUT', path: `/chat/Dialog/${D1}.json`, body: { photo: 'https://example.com/p.png' } }, result: 'pending' },
]
