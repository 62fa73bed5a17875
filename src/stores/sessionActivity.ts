import type { Pinia } from 'pinia'
import type { ActivityInput } from '@/activity/types'
import type { ActivityContext, useActivityStore } from './activity'
import type { SignInFailure, SignInInput, useSessionStore } from './session'
import { forgetOperatorName, operatorName } from './operator'
import { SignInError } from './session'

type SessionStore = ReturnType<typeof useSessionStore>
type UseActivityStore = typeof useActivityStore

const FAILURE_TEXT: Record<SignInFailure, string> = {
  'wrong-key': 'wrong API key',
  'forbidden': 'API key refused',
  'unreachable': 'server unreachable',
  'timeout': 'no answer in time',
  'not-quickblox': 'not a QuickBlox API',
  'unknown-user': 'unknown user to act as',
  'server-error': 'server error',
  'cancelled': 'cancelled',
}

/** The parts of an entry for a sign-in or unlock that failed: "Unlock of /api failed: wrong API key". */
function failed(what: string, apiBase: string | undefined, error: unknown): Pick<ActivityInput, 'summary' | 'result' | 'status' | 'error'> {
  const refused = error instanceof SignInError ? error : null
  return {
    summary: `${what} ${apiBase} failed${refused ? `: ${FAILURE_TEXT[refused.reason]}` : ''}`,
    result: 'failure',
    status: refused?.cause?.status,
    error: error instanceof Error ? error.message : String(error),
  }
}

function who(userId: number | null): string {
  return userId === null ? 'the account owner' : `user #${userId}`
}

/**
 * Records sign-in (and failed attempts), sign-out and acting-user switches, wherever in the app
 * they are made, by watching the session store's actions. The log's code loads only when the
 * first one happens, so the sign-in screen stays small.
 */
export function recordSessionActivity(pinia: Pinia, session: SessionStore): () => void {
  let loading: Promise<UseActivityStore> | null = null
  let loaded: UseActivityStore | null = null
  const load = () => loading ??= import('./activity').then(m => loaded = m.useActivityStore)
  const write = (input: ActivityInput, context: ActivityContext, how: 'record' | 'signedOut' = 'record') => {
    // Once loaded, the entry is built at once: a sign-out resets the user names right after.
    const record = async (use: UseActivityStore) => {
      await use(pinia)[how](input, context)
    }
    return (loaded ? record(loaded) : load().then(record)).catch(() => undefined)
  }
  // A restored session can switch users or sign out at any moment: have the log ready.
  if (session.signedIn)
    void load()

  return session.$onAction(({ name, args, after, onError }) => {
    if (!['signIn', 'signOut', 'setActingUser', 'lock', 'unlock', 'expire'].includes(name))
      return
    // Fetched while the action runs, so the entry is written right after it, not a round trip later.
    void load()
    // The moment before the action: sign-out clears the very values the entry must name.
    const before: ActivityContext = {
      at: new Date().toISOString(),
      apiBase: session.apiBase,
      actingUserId: session.actingUserId,
      operator: operatorName.value,
      apiKey: session.apiKey,
    }

    if (name === 'signIn') {
      const input = args[0] as SignInInput
      const context: ActivityContext = { ...before, apiBase: input.apiBase, actingUserId: input.actingUserId, apiKey: input.apiKey }
      const target = { kind: 'session' as const, label: input.apiBase }
      const request = { method: 'GET', path: '/users.json', body: { per_page: 1 } }
      after(() => {
        void write({
          action: 'session.sign-in',
          summary: `Signed in to ${input.apiBase} as ${who(input.actingUserId)}`,
          target,
          after: { apiBase: input.apiBase, actingUserId: input.actingUserId, remembered: input.remember },
          request,
        }, { ...context, at: new Date().toISOString() })
      })
      onError((error) => {
        if (error instanceof SignInError && error.reason === 'cancelled')
          return
        const cause = error instanceof SignInError ? error.cause : null
        // A refused key reached no application: the entry goes with the API base only.
        void write({
          action: 'session.sign-in',
          target,
          request: cause?.path ? { method: cause.method, path: cause.path } : request,
          ...failed('Sign-in to', input.apiBase, error),
        }, { ...context, apiKey: null, secrets: [input.apiKey] })
      })
    }
    else if (name === 'signOut') {
      if (!session.signedIn)
        return
      after(() => {
        void write({
          action: 'session.sign-out',
          summary: `Signed out of ${before.apiBase}`,
          target: { kind: 'session', label: before.apiBase },
        }, before, 'signedOut')
        forgetOperatorName()
      })
    }
    else if (name === 'lock') {
      if (!session.signedIn)
        return
      after(() => {
        void write({
          action: 'session.lock',
          summary: `Locked: the API key for ${before.apiBase} was forgotten until it is entered again`,
          target: { kind: 'session', label: before.apiBase },
        }, before)
      })
    }
    else if (name === 'unlock') {
      const key = args[0] as string
      // Locked, the session has no key: the app is the one the store still knows.
      const context: ActivityContext = { ...before, apiKey: undefined, secrets: [key] }
      const target = { kind: 'session' as const, label: before.apiBase }
      after(() => {
        void write({ action: 'session.unlock', summary: `Unlocked ${before.apiBase}`, target }, { ...context, apiKey: key, at: new Date().toISOString() })
      })
      onError((error) => {
        if (error instanceof SignInError && error.reason === 'cancelled')
          return
        void write({ action: 'session.unlock', target, ...failed('Unlock of', before.apiBase, error) }, context)
      })
    }
    else if (name === 'expire') {
      if (!session.signedIn)
        return
      after(() => {
        void write({
          action: 'session.revoked',
          summary: `${before.apiBase} stopped accepting the API key: signed out`,
          target: { kind: 'session', label: before.apiBase },
          result: 'failure',
          status: 401,
          error: 'The server no longer accepts this API key.',
        }, before)
        forgetOperatorName()
      })
    }
    else if (name === 'setActingUser') {
      const next = args[0] as number | null
      if (next === before.actingUserId)
        return
      after(() => {
        void write({
          action: 'session.act-as',
          summary: `Switched from ${who(before.actingUserId ?? null)} to ${who(next)}`,
          target: { kind: 'session', label: before.apiBase },
          before: { actingUserId: before.actingUserId },
          after: { actingUserId: next },
        }, { ...before, actingUserId: next })
      })
    }
  })
}
