import type { SessionSnapshot } from '@/api/client'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '@/api/errors'
import { getUser, listUsers } from '@/api/users'
import { readJson, removeItem, writeJson } from './storage'

export const SESSION_STORAGE_KEY = 'dialog-desk.session'

interface StoredSession {
  apiBase: string
  apiKey: string
  actingUserId: number | null
}

export interface SignInInput {
  apiBase: string
  apiKey: string
  actingUserId: number | null
  remember: boolean
}

export type SignInFailure = 'wrong-key' | 'forbidden' | 'unreachable' | 'timeout' | 'not-quickblox' | 'unknown-user' | 'server-error' | 'cancelled'

/** Why a sign-in check failed, with the API error behind it. */
export class SignInError extends Error {
  constructor(readonly reason: SignInFailure, override readonly cause: ApiError) {
    super(cause.message)
    this.name = 'SignInError'
  }
}

function classify(error: ApiError, step: 'key' | 'user'): SignInFailure {
  switch (error.kind) {
    case 'network': return 'unreachable'
    case 'timeout': return 'timeout'
    case 'abort': return 'cancelled'
    case 'invalid-response': return 'not-quickblox'
  }
  if (error.status === 401)
    return 'wrong-key'
  if (error.status === 403)
    return 'forbidden'
  if (error.status === 404)
    return step === 'user' ? 'unknown-user' : 'not-quickblox'
  if (error.status >= 500)
    return 'server-error'
  return step === 'user' ? 'unknown-user' : 'not-quickblox'
}

function isStored(value: unknown): value is StoredSession {
  const v = value as StoredSession | null
  return !!v && typeof v.apiBase === 'string' && typeof v.apiKey === 'string' && v.apiKey.length > 0
    && (v.actingUserId === null || Number.isInteger(v.actingUserId))
}

export const useSessionStore = defineStore('session', () => {
  const apiBase = ref('/api')
  const apiKey = ref<string | null>(null)
  const remember = ref(false)
  /** `On-Behalf-Of` user; null = the API key acts as the account owner. */
  const actingUserId = ref<number | null>(null)

  const signedIn = computed(() => apiKey.value !== null)
  /** Locked after being idle: the key is forgotten, the page stays as it was until it is given again. */
  const locked = ref(false)
  /** Why the last session ended without the person signing out; the sign-in screen explains it. */
  const endReason = ref<'revoked' | null>(null)

  function persist() {
    if (apiKey.value === null)
      return
    const stored: StoredSession = { apiBase: apiBase.value, apiKey: apiKey.value, actingUserId: actingUserId.value }
    writeJson('session', SESSION_STORAGE_KEY, stored)
    if (remember.value)
      writeJson('local', SESSION_STORAGE_KEY, stored)
    else
      removeItem('local', SESSION_STORAGE_KEY)
  }

  /** Picks up a session of this tab, else one remembered on this device. */
  function restore(defaultApiBase: string) {
    apiBase.value = defaultApiBase
    const inTab = readJson<unknown>('session', SESSION_STORAGE_KEY)
    const onDevice = readJson<unknown>('local', SESSION_STORAGE_KEY)
    const found = isStored(inTab) ? inTab : isStored(onDevice) ? onDevice : null
    if (!found)
      return
    apiBase.value = found.apiBase
    apiKey.value = found.apiKey
    actingUserId.value = found.actingUserId
    remember.value = isStored(onDevice)
    persist()
  }

  /** Checks the key with one cheap request (and the acting user, if any), then keeps the session. */
  async function signIn(input: SignInInput, signal?: AbortSignal) {
    const probe: SessionSnapshot = { baseURL: input.apiBase, apiKey: input.apiKey, actingUserId: null }
    try {
      await listUsers({ perPage: 1 }, signal, { session: probe, retries: 1 })
    }
    catch (error) {
      throw error instanceof ApiError ? new SignInError(classify(error, 'key'), error) : error
    }
    if (input.actingUserId !== null) {
      try {
        await getUser(input.actingUserId, signal, { session: probe, retries: 1 })
      }
      catch (error) {
        throw error instanceof ApiError ? new SignInError(classify(error, 'user'), error) : error
      }
    }
    apiBase.value = input.apiBase
    apiKey.value = input.apiKey
    actingUserId.value = input.actingUserId
    remember.value = input.remember
    locked.value = false
    endReason.value = null
    persist()
  }

  /** Forgets the key (memory, tab, device) but keeps everything else, so the page can stay as it is. */
  function lock() {
    if (apiKey.value === null)
      return
    removeItem('session', SESSION_STORAGE_KEY)
    removeItem('local', SESSION_STORAGE_KEY)
    apiKey.value = null
    locked.value = true
  }

  /** Checks the key again (same server, same acting user) and lifts the lock. */
  function unlock(key: string, signal?: AbortSignal) {
    return signIn({ apiBase: apiBase.value, apiKey: key, actingUserId: actingUserId.value, remember: remember.value }, signal)
  }

  /** The server stopped accepting the key: forget it everywhere and say why. */
  function expire() {
    signOut()
    endReason.value = 'revoked'
  }

  function setActingUser(userId: number | null) {
    actingUserId.value = userId
    persist()
  }

  /** Forgets the key in memory, in this tab and on this device. */
  function signOut() {
    removeItem('session', SESSION_STORAGE_KEY)
    removeItem('local', SESSION_STORAGE_KEY)
    apiKey.value = null
    actingUserId.value = null
    remember.value = false
    locked.value = false
    endReason.value = null
  }

  /** Plain values for the API client; read on every request. */
  function snapshot(): SessionSnapshot {
    return { baseURL: apiBase.value, apiKey: apiKey.value, actingUserId: actingUserId.value }
  }

  function $reset() {
    apiBase.value = '/api'
    apiKey.value = null
    remember.value = false
    actingUserId.value = null
    locked.value = false
    endReason.value = null
  }

  return { apiBase, apiKey, remember, actingUserId, signedIn, locked, endReason, restore, signIn, lock, unlock, expire, setActingUser, signOut, snapshot, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
