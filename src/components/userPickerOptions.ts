import type { SelectOption } from 'naive-ui'
import type { User } from '@/api/types'
import { userLabel } from '@/stores/users'

/** One choice in a user picker. */
export interface UserOption extends SelectOption {
  label: string
  value: number
}

/** "Name (login) · #id"; the login only where it says more than the name. */
export function describeUser(user: User): string {
  const name = userLabel(user)
  const login = user.login && user.login !== name ? ` (${user.login})` : ''
  return `${name}${login} · #${user.id}`
}

/**
 * A picker's options: the "none" choice if any, then the picked users (so their labels stay
 * while a search lists others), then the search's users once each. Users in `taken` are listed
 * with `takenNote` but cannot be picked.
 */
export function userPickerOptions(input: {
  picked: readonly number[]
  found: readonly User[]
  userById: (id: number) => User | undefined
  nameOf: (id: number) => string
  none?: UserOption
  taken?: ReadonlySet<number>
  takenNote?: string
}): UserOption[] {
  const list: UserOption[] = input.none ? [input.none] : []
  const seen = new Set<number>()
  for (const id of input.picked) {
    seen.add(id)
    const user = input.userById(id)
    list.push({ label: user ? describeUser(user) : input.nameOf(id), value: id })
  }
  for (const user of input.found) {
    if (seen.has(user.id))
      continue
    seen.add(user.id)
    if (input.taken?.has(user.id))
      list.push({ label: `${describeUser(user)} — ${input.takenNote}`, value: user.id, disabled: true })
    else
      list.push({ label: describeUser(user), value: user.id })
  }
  return list
}
