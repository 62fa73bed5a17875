import type { User } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { classifySearchTerm, pickPerson, searchTermText } from './searchTerm'

function user(id: number, fields: Partial<User> = {}): User {
  return { id, full_name: null, email: null, login: null, phone: null, website: null, created_at: '', updated_at: '', last_request_at: null, external_user_id: null, facebook_id: null, blob_id: null, custom_data: null, user_tags: null, ...fields }
}

const alice = user(1001, { full_name: 'Alice Martin', login: 'alice.martin', email: 'alice.martin@example.com' })
const aliceS = user(1026, { full_name: 'Alice Silva', login: 'alice.silva', email: 'alice.silva@example.com' })
const bob = user(1002, { full_name: 'Bob Okafor', login: 'bob', email: 'bob@example.com' })

describe('classifySearchTerm', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['65F1A2B3C4D5E6F708192A3B', { kind: 'dialog-id', id: '65f1a2b3c4d5e6f708192a3b' }],
    [' 65f1a2b3c4d5e6f708192a3b ', { kind: 'dialog-id', id: '65f1a2b3c4d5e6f708192a3b' }],
    ['1001', { kind: 'user-id', id: 1001 }],
    ['#1001', { kind: 'user-id', id: 1001 }],
    ['alice.martin@example.com', { kind: 'email', email: 'alice.martin@example.com' }],
    ['alice', { kind: 'text', text: 'alice' }],
    ['Alice Martin', { kind: 'text', text: 'Alice Martin' }],
    ['Support ticket #4821', { kind: 'text', text: 'Support ticket #4821' }],
    ['name:2024', { kind: 'dialog-name', text: '2024' }],
    ['Name: alice', { kind: 'dialog-name', text: 'alice' }],
    ['login:anna', { kind: 'login', login: 'anna' }],
    ['user:anna', { kind: 'login', login: 'anna' }],
    ['user:1042', { kind: 'user-id', id: 1042 }],
    ['email:a@b.io', { kind: 'email', email: 'a@b.io' }],
    ['id:65f1a2b3c4d5e6f708192a3b', { kind: 'dialog-id', id: '65f1a2b3c4d5e6f708192a3b' }],
    ['dialog:team', { kind: 'dialog-name', text: 'team' }],
    ['name:', { kind: 'empty' }],
  ])('%j → %j', (input, term) => {
    expect(classifySearchTerm(input)).toEqual(term)
  })

  it('does not take what only looks close for an ID', () => {
    expect(classifySearchTerm('0').kind).toBe('text')
    expect(classifySearchTerm('65f1a2b3c4d5e6f708192a3').kind).toBe('text')
    expect(classifySearchTerm('65f1a2b3c4d5e6f708192a3g').kind).toBe('text')
    expect(classifySearchTerm('99999999999999999999').kind).toBe('text')
    expect(classifySearchTerm('a@').kind).toBe('text')
  })

  it('writes a term back as text that reads the same', () => {
    for (const text of ['65f1a2b3c4d5e6f708192a3b', '1001', 'a@b.io', 'login:anna', 'name:2024', 'alice'])
      expect(classifySearchTerm(searchTermText(classifySearchTerm(text)))).toEqual(classifySearchTerm(text))
  })
})

describe('pickPerson', () => {
  const found = [alice, aliceS, bob]

  it('takes an exact login or email before any name', () => {
    expect(pickPerson(classifySearchTerm('bob'), found)).toEqual({ person: bob, by: 'login' })
    expect(pickPerson(classifySearchTerm('ALICE.MARTIN'), found)).toEqual({ person: alice, by: 'login' })
    expect(pickPerson(classifySearchTerm('alice.silva@example.com'), found)).toEqual({ person: aliceS, by: 'email' })
  })

  it('takes the one full name containing the text, or the one exact full name', () => {
    expect(pickPerson(classifySearchTerm('okafor'), found)).toEqual({ person: bob, by: 'full name' })
    expect(pickPerson(classifySearchTerm('alice martin'), found)).toEqual({ person: alice, by: 'full name' })
  })

  it('offers several people as candidates and finds no one in dialog names', () => {
    expect(pickPerson(classifySearchTerm('alice'), found)).toEqual({ person: null, candidates: [alice, aliceS] })
    expect(pickPerson(classifySearchTerm('support'), found)).toEqual({ person: null, candidates: [] })
    expect(pickPerson(classifySearchTerm('name:alice'), found)).toEqual({ person: null, candidates: [] })
  })

  it('matches IDs, emails and logins exactly, or not at all', () => {
    expect(pickPerson(classifySearchTerm('1002'), found)).toEqual({ person: bob, by: 'id' })
    expect(pickPerson(classifySearchTerm('9999'), found)).toEqual({ person: null, candidates: [] })
    expect(pickPerson(classifySearchTerm('nobody@example.com'), found)).toEqual({ person: null, candidates: [] })
    expect(pickPerson(classifySearchTerm('login:alice'), found)).toEqual({ person: null, candidates: [] })
  })
})
