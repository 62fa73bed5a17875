import type { PersonMatch } from '@/domain/searchTerm'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { classifySearchTerm, pickPerson } from '@/domain/searchTerm'
import { useUsersStore } from './users'

/** What a search of the dialog list came to once people were looked up. */
export type SearchResolution =
  | { kind: 'none' }
  | { kind: 'dialog', id: string }
  | { kind: 'person', userId: number, by: PersonMatch }
  /** Dialog names containing `text`; `people` also have it in their name (to choose from). */
  | { kind: 'name', text: string, people: number[] }
  /** An email or `login:` that no user has. */
  | { kind: 'nobody', what: 'email' | 'login', value: string }

/** Searches remembered, so paging and sorting do not look people up again. */
const REMEMBERED = 50

/**
 * Turns the list's search text into a filter: a dialog ID finds that dialog, a user ID, login,
 * email or a person's name finds the dialogs that person is in, other text searches dialog names.
 */
export const useDialogSearchStore = defineStore('dialogSearch', () => {
  const cache = new Map<string, SearchResolution>()

  /** The resolution when no one needs looking up, or one already made; undefined otherwise. */
  function known(text: string): SearchResolution | undefined {
    const term = classifySearchTerm(text)
    switch (term.kind) {
      case 'empty': return { kind: 'none' }
      case 'dialog-id': return { kind: 'dialog', id: term.id }
      case 'user-id': return { kind: 'person', userId: term.id, by: 'id' }
      case 'dialog-name': return { kind: 'name', text: term.text, people: [] }
      default: return cache.get(text.trim())
    }
  }

  /** Looks people up when the text may name one (rejects when the users API fails). */
  async function resolve(text: string, signal?: AbortSignal): Promise<SearchResolution> {
    const ready = known(text)
    if (ready)
      return ready
    const term = classifySearchTerm(text)
    const value = term.kind === 'email' ? term.email : term.kind === 'login' ? term.login : term.kind === 'text' ? term.text : ''
    const found = await useUsersStore().searchUsers(value, signal)
    const pick = pickPerson(term, found)
    let resolution: SearchResolution
    if (pick.person)
      resolution = { kind: 'person', userId: pick.person.id, by: pick.by }
    else if (term.kind === 'email' || term.kind === 'login')
      resolution = { kind: 'nobody', what: term.kind, value }
    else
      resolution = { kind: 'name', text: value, people: pick.candidates.map(u => u.id) }
    if (cache.size >= REMEMBERED)
      cache.delete(cache.keys().next().value!)
    cache.set(text.trim(), resolution)
    return resolution
  }

  function $reset() {
    cache.clear()
  }

  return { known, resolve, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDialogSearchStore, import.meta.hot))
