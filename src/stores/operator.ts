import { ref } from 'vue'
import { readJson, removeItem, writeJson } from './storage'

export const OPERATOR_STORAGE_KEY = 'dialog-desk.operator'
const MAX_LENGTH = 80

function initial(): string {
  const stored = readJson<unknown>('session', OPERATOR_STORAGE_KEY) ?? readJson<unknown>('local', OPERATOR_STORAGE_KEY)
  return typeof stored === 'string' ? stored.slice(0, MAX_LENGTH) : ''
}

/**
 * The staff member's own name from the sign-in screen, recorded with each activity entry.
 * Kept in this tab (and on the device when the session is remembered); '' when not given.
 * It lives outside the stores so the sign-in screen can set it without loading the log.
 */
export const operatorName = ref(initial())

/** Sets the name for this tab, and on this device too when `remember` is on. */
export function setOperatorName(name: string, remember: boolean): void {
  const value = name.trim().slice(0, MAX_LENGTH)
  operatorName.value = value
  if (value)
    writeJson('session', OPERATOR_STORAGE_KEY, value)
  else
    removeItem('session', OPERATOR_STORAGE_KEY)
  if (value && remember)
    writeJson('local', OPERATOR_STORAGE_KEY, value)
  else
    removeItem('local', OPERATOR_STORAGE_KEY)
}

/** Forgets the name everywhere (on sign-out). */
export function forgetOperatorName(): void {
  setOperatorName('', false)
}
