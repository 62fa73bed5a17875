import type { User } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { makeUser } from '@/test/fetch-mock'
import { describeUser, userPickerOptions } from './userPickerOptions'

const ann = makeUser(1, { full_name: 'Ann', login: 'ann.l' }) as User
const bob = makeUser(2, { full_name: null, login: 'bob' }) as User
const cy = makeUser(3, { full_name: 'Cy', login: 'cy' }) as User
const known = new Map([ann, bob, cy].map(u => [u.id, u]))
const lookups = {
  userById: (id: number) => known.get(id),
  nameOf: (id: number) => `#${id}`,
}

describe('describeUser', () => {
  it('adds the login only where it differs from the name', () => {
    expect(describeUser(ann)).toBe('Ann (ann.l) · #1')
    expect(describeUser(bob)).toBe('bob · #2')
    expect(describeUser(makeUser(4, { full_name: ' ', login: null }) as User)).toBe('User #4 · #4')
  })
})

describe('userPickerOptions', () => {
  it('lists the none choice, then the picked users, then the found ones, each once', () => {
    expect(userPickerOptions({ ...lookups, picked: [2], found: [cy, bob, cy], none: { label: 'Nobody', value: -1 } })).toEqual([
      { label: 'Nobody', value: -1 },
      { label: 'bob · #2', value: 2 },
      { label: 'Cy (cy) · #3', value: 3 },
    ])
  })

  it('names a picked user not yet loaded by nameOf', () => {
    expect(userPickerOptions({ ...lookups, picked: [9, 1], found: [] })).toEqual([
      { label: '#9', value: 9 },
      { label: 'Ann (ann.l) · #1', value: 1 },
    ])
  })

  it('shows taken users with the note but disabled, unless they are picked', () => {
    const options = userPickerOptions({ ...lookups, picked: [1], found: [ann, bob, cy], taken: new Set([1, 3]), takenNote: 'already a member' })
    expect(options).toEqual([
      { label: 'Ann (ann.l) · #1', value: 1 },
      { label: 'bob · #2', value: 2 },
      { label: 'Cy (cy) · #3 — already a member', value: 3, disabled: true },
    ])
  })

  it('has nothing to offer with nothing picked or found', () => {
    expect(userPickerOptions({ ...lookups, picked: [], found: [] })).toEqual([])
  })
})
