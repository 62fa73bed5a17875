import type { InjectionKey } from 'vue'

/** Runtime settings from `config.json`, so one build serves any deployment. */
export interface AppConfig {
  apiBase: string
  title: string
  /** Minutes without input before the dashboard locks; 0 = never. */
  idleMinutes: number
}

export const DEFAULT_CONFIG: AppConfig = { apiBase: '/api', title: 'Dialog Desk', idleMinutes: 30 }

export const APP_CONFIG: InjectionKey<AppConfig> = Symbol('app-config')

/**
 * Reads `config.json` next to index.html (relative to the document base); defaults when missing.
 * A plain GET, so it takes the answer of index.html's `<link rel="preload">`, fetched while the
 * code loaded; the server marks config.json `no-cache`, so an edit is seen at the next start.
 */
export async function loadConfig(baseURI: string): Promise<AppConfig> {
  try {
    const response = await fetch(new URL('config.json', baseURI))
    if (!response.ok)
      return DEFAULT_CONFIG
    const raw = await response.json() as Partial<AppConfig>
    return {
      apiBase: typeof raw.apiBase === 'string' && raw.apiBase.trim() ? raw.apiBase.trim() : DEFAULT_CONFIG.apiBase,
      title: typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : DEFAULT_CONFIG.title,
      idleMinutes: typeof raw.idleMinutes === 'number' && Number.isFinite(raw.idleMinutes) && raw.idleMinutes >= 0 ? raw.idleMinutes : DEFAULT_CONFIG.idleMinutes,
    }
  }
  catch {
    return DEFAULT_CONFIG
  }
}
