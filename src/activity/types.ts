/** Every kind of mutation the dashboard records. Add new kinds here (and a label below). */
export const ACTIVITY_ACTIONS = [
  'session.sign-in',
  'session.sign-out',
  'session.act-as',
  'session.lock',
  'session.unlock',
  'session.revoked',
  'log.clear',
  'dialog.create',
  'dialog.update',
  'dialog.delete',
  'dialog.occupants.add',
  'dialog.occupants.remove',
  'dialog.admins.add',
  'dialog.admins.remove',
  'message.create',
  'message.update',
  'message.delete',
  'message.read',
  'message.delivered',
  'user.dialogs.remove',
  'user.dialogs.restore',
  'user.admin.remove',
  'user.admin.restore',
  'user.messages.delete',
  'user.messages.read',
  'user.messages.delivered',
] as const

export type ActivityAction = typeof ACTIVITY_ACTIONS[number]

export const ACTIVITY_ACTION_LABEL: Record<ActivityAction, string> = {
  'session.sign-in': 'Sign in',
  'session.sign-out': 'Sign out',
  'session.act-as': 'Switch acting user',
  'session.lock': 'Lock',
  'session.unlock': 'Unlock',
  'session.revoked': 'Key refused',
  'log.clear': 'Clear activity log',
  'dialog.create': 'Create dialog',
  'dialog.update': 'Update dialog',
  'dialog.delete': 'Delete dialog',
  'dialog.occupants.add': 'Add members',
  'dialog.occupants.remove': 'Remove members',
  'dialog.admins.add': 'Add admins',
  'dialog.admins.remove': 'Remove admins',
  'message.create': 'Send message',
  'message.update': 'Edit message',
  'message.delete': 'Delete message',
  'message.read': 'Mark read',
  'message.delivered': 'Mark delivered',
  'user.dialogs.remove': 'Remove from dialogs',
  'user.dialogs.restore': 'Put back in dialogs',
  'user.admin.remove': 'Remove admin rights',
  'user.admin.restore': 'Give admin rights back',
  'user.messages.delete': 'Delete their messages',
  'user.messages.read': 'Mark read for a user',
  'user.messages.delivered': 'Mark delivered for a user',
}

/** The part of an action before its first dot: what the Action filter groups by. */
export type ActivityGroup = ActivityAction extends `${infer G}.${string}` ? G : never

/** Every group needs a label (a new prefix without one does not compile). */
export const ACTIVITY_GROUP_LABEL: Record<ActivityGroup, string> = {
  session: 'Session',
  log: 'Activity log',
  dialog: 'Dialogs',
  message: 'Messages',
  user: 'People (across dialogs)',
}

/**
 * `pending`: written before the request is sent, completed after; still pending in a later
 * page load, the page went away before the answer. `unknown`: sent, no answer, and the desk
 * could not confirm whether it went through.
 */
export type ActivityResult = 'success' | 'failure' | 'partial' | 'unknown' | 'pending'
export const ACTIVITY_RESULTS: readonly ActivityResult[] = ['success', 'failure', 'partial', 'unknown', 'pending']

export const ACTIVITY_RESULT_LABEL: Record<ActivityResult, string> = {
  success: 'Success',
  failure: 'Failure',
  partial: 'Partial',
  unknown: 'Not confirmed',
  pending: 'Pending',
}

/** Shown for an entry still pending from an earlier page load. */
export const ABANDONED_LABEL = 'No answer recorded (the page was closed or reloaded before the answer)'

/** The result as people read it; `running` tells whether this page is still waiting for the answer. */
export function resultText(entry: Pick<ActivityEntry, 'result'>, running: boolean): string {
  if (entry.result === 'pending' && !running)
    return ABANDONED_LABEL
  return entry.result === 'pending' ? 'Pending: waiting for the answer' : ACTIVITY_RESULT_LABEL[entry.result]
}

export type ActivityTargetKind = 'dialog' | 'message' | 'session' | 'log' | 'user'

/** What a mutation touched. */
export interface ActivityTarget {
  kind: ActivityTargetKind
  /** Dialog ID for `dialog`, message ID for `message`, user ID for `user`. */
  id?: string
  /** Several messages changed by one request (`id` then holds the first). */
  ids?: string[]
  /** The dialog a message belongs to. */
  dialogId?: string
  /** A readable name: the dialog's name, a message's first words. */
  label?: string
}

/** The request as sent: never headers, so never the API key or On-Behalf-Of. */
export interface ActivityRequest {
  method: string
  path: string
  body?: unknown
}

/** Who the request acted as: `userId` null is the account owner (API key, no On-Behalf-Of). */
export interface ActivityActor {
  userId: number | null
  label: string
}

/** One recorded mutation. */
export interface ActivityEntry {
  /** Auto-increment key of the IndexedDB store; order of recording. */
  id: number
  /** ISO 8601, UTC. */
  at: string
  /** The name the staff member gave on the sign-in screen, if any. */
  operator?: string
  apiBase: string
  /**
   * The application: a fingerprint of API base and key (never the key). Absent on entries
   * from before the log was kept per application, and on failed sign-ins (no app was reached).
   */
  app?: string
  actingAs: ActivityActor
  action: ActivityAction
  /** One human line, e.g. `Renamed dialog “Support” to “Help desk”`. */
  summary: string
  target: ActivityTarget
  before?: unknown
  after?: unknown
  request?: ActivityRequest
  result: ActivityResult
  /** HTTP status of a failure (0: no answer). */
  status?: number
  /** The server's own error text, or why a result is partial. */
  error?: string
}

/** What a caller gives `record`; the store fills id, time, API base, operator and acting user. */
export interface ActivityInput {
  action: ActivityAction
  summary: string
  target: ActivityTarget
  before?: unknown
  after?: unknown
  request?: ActivityRequest
  /** Defaults to `success`. */
  result?: ActivityResult
  status?: number
  error?: string
}

/** What a caller gives `track`: the outcome is filled in from what `run` does. */
export type TrackInput = Omit<ActivityInput, 'result' | 'status' | 'error'>

export interface TrackOptions<T> {
  /** The state after a success, from what `run` returned (e.g. the updated dialog). */
  after?: (value: T) => unknown
  /** A reason when a success was only partial (e.g. "2 of 5 messages were not deleted"), else null. */
  partial?: (value: T) => string | null | undefined
  /** Fields the result adds to the target (e.g. the ID of a created dialog). */
  target?: (value: T) => Partial<ActivityTarget>
}

/** An entry before IndexedDB gives it an id. */
export type NewActivityEntry = Omit<ActivityEntry, 'id'>
