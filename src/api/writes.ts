import { ApiError, isApiError } from './errors'

/**
 * How a write whose answer was lost is settled:
 * - `verify` reads the server's state and returns what the write produced if it landed, else null;
 * - `repeatable`: doing it again changes nothing twice (deletes, push_all/pull_all, mark read).
 */
export type WriteCheck<T> =
  | { kind: 'verify', verify: (signal?: AbortSignal) => Promise<T | null> }
  | { kind: 'repeatable' }

export interface WriteSpec<T> {
  /** What the person did, in a few words ("Send message"): shown in notices. */
  what: string
  /**
   * The same key means the same write. When an earlier attempt with this key ended unconfirmed
   * or unanswered, a new attempt checks first and sends only if the earlier one did not land.
   */
  key: string
  send: (signal?: AbortSignal) => Promise<T>
  check: WriteCheck<T>
  signal?: AbortSignal
}

/** What the desk found out about a write whose answer was lost. */
export type OutcomePhase = 'landed' | 'not-applied' | 'unconfirmed' | 'repeatable'

export interface OutcomeEvent {
  phase: OutcomePhase
  what: string
  key: string
}

export interface WriteSettings {
  /** Wait before checking, so a write the server is still applying is seen. */
  settleMs: number
}

const settings: WriteSettings = { settleMs: 400 }

/** Adjusts the pause before a check (tests use 0). */
export function configureWrites(changes: Partial<WriteSettings>): void {
  Object.assign(settings, changes)
}

let listener: (event: OutcomeEvent) => void = () => {}

/** Registers who is told what happened to a write whose answer was lost. Called once at start-up. */
export function registerOutcomeListener(handler: (event: OutcomeEvent) => void): void {
  listener = handler
}

/** Keys of writes sent whose outcome is not known yet (their answer was lost). */
const unresolved = new Set<string>()

/** Whether a write with this key was sent and its outcome is not known yet. */
export function isUnresolved(key: string): boolean {
  return unresolved.has(key)
}

/** Forgets every unresolved write (sign-out, tests). */
export function forgetUnresolvedWrites(): void {
  unresolved.clear()
}

/**
 * Whether a failed write may have been applied anyway: no answer came (network, time-out), or a
 * gateway or server error came instead of the answer. 503 and 429 say the server turned it away.
 */
export function mayHaveLanded(error: unknown): error is ApiError {
  if (!isApiError(error) || error.method === 'GET')
    return false
  if (error.kind === 'network' || error.kind === 'timeout')
    return true
  return error.kind === 'http' && (error.status === 500 || error.status === 502 || error.status === 504)
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0)
    return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    }, { once: true })
  })
}

async function check<T>(spec: WriteSpec<T>, verify: (signal?: AbortSignal) => Promise<T | null>, lost?: ApiError): Promise<T | null> {
  try {
    return await verify(spec.signal)
  }
  catch (error) {
    if (isApiError(error, 'abort'))
      throw error
    listener({ phase: 'unconfirmed', what: spec.what, key: spec.key })
    const why = error instanceof Error ? error.message : String(error)
    throw new ApiError({
      kind: 'unknown-outcome',
      method: lost?.method,
      path: lost?.path,
      cause: lost ?? error,
      messages: [
        `We couldn't confirm whether this went through: the request was sent, but no answer came, and checking failed too (${why}).`,
        'It is checked again before it is repeated, so trying again never does it twice.',
      ],
    })
  }
}

/**
 * Sends a write at most once in effect. When its answer is lost, finds out whether it landed
 * (by `check`) instead of reporting a failure: a write that landed resolves as if answered; one
 * that did not throws `not-applied`; one that cannot be checked throws `unknown-outcome`, and a
 * later attempt with the same key checks again before it sends.
 */
export async function writeOnce<T>(spec: WriteSpec<T>): Promise<T> {
  const { check: how } = spec
  if (how.kind === 'verify' && unresolved.has(spec.key)) {
    const earlier = await check(spec, how.verify)
    if (earlier !== null) {
      unresolved.delete(spec.key)
      listener({ phase: 'landed', what: spec.what, key: spec.key })
      return earlier
    }
  }
  let value: T
  try {
    value = await spec.send(spec.signal)
  }
  catch (error) {
    if (!mayHaveLanded(error))
      throw error
    if (how.kind === 'repeatable') {
      listener({ phase: 'repeatable', what: spec.what, key: spec.key })
      throw new ApiError({
        kind: 'unknown-outcome',
        method: error.method,
        path: error.path,
        cause: error,
        repeatable: true,
        messages: [`We couldn't confirm whether this went through (${error.message}). Doing it again is safe: it changes nothing twice.`],
      })
    }
    unresolved.add(spec.key)
    await wait(settings.settleMs, spec.signal)
    const landed = await check(spec, how.verify, error)
    if (landed === null) {
      listener({ phase: 'not-applied', what: spec.what, key: spec.key })
      throw new ApiError({
        kind: 'not-applied',
        method: error.method,
        path: error.path,
        cause: error,
        messages: [
          `It did not go through: no proper answer came (${error.message}), and a check shows the server did not apply it.`,
          'Nothing was changed; you can try again.',
        ],
      })
    }
    unresolved.delete(spec.key)
    listener({ phase: 'landed', what: spec.what, key: spec.key })
    return landed
  }
  unresolved.delete(spec.key)
  return value
}
