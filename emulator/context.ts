import type { Statements } from './db'
import type { IdGenerator } from './util'

export interface EmulatorConfig {
  apiKey: string
  appId: number
  authKey: string
  authSecret: string
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  apiKey: 'demo-dialog-desk-api-key',
  appId: 76730,
  authKey: 'demo-auth-key',
  authSecret: 'demo-auth-secret',
}

/** What every route module needs. */
export interface Deps {
  st: Statements
  config: EmulatorConfig
  ids: IdGenerator
}

/**
 * Who a request acts as: the account owner (API key alone), a user (API key with
 * On-Behalf-Of, or a user session token), or an application session (read only).
 */
export type Actor =
  | { kind: 'owner' }
  | { kind: 'user', userId: number }
  | { kind: 'app' }
