import { describe, expect, it } from 'vitest'
import { describeUserSearch, parseUserSearch, userOrder, userSearchFilters } from './userSearch'

function search(text: string) {
  const parsed = parseUserSearch(text)
  if (!parsed.ok)
    throw new Error(parsed.error)
  return parsed.search
}

function error(text: string) {
  const parsed = parseUserSearch(text)
  return parsed.ok ? null : parsed.error
}

describe('parseUserSearch', () => {
  it('understands what was typed without a prefix', () => {
    expect(search('')).toEqual({ kind: 'all' })
    expect(search(' 1042 ')).toEqual({ kind: 'id', ids: [1042] })
    expect(search('#1042, 1043 1043')).toEqual({ kind: 'id', ids: [1042, 1043] })
    expect(search('anna@x.io')).toEqual({ kind: 'email', value: 'anna@x.io' })
    expect(search('+44 20 7946 0000')).toEqual({ kind: 'phone', value: '+44 20 7946 0000' })
    expect(search('555-0134')).toEqual({ kind: 'phone', value: '555-0134' })
    expect(search('alice.martin')).toEqual({ kind: 'login', value: 'alice.martin' })
    expect(search('member00042')).toEqual({ kind: 'login', value: 'member00042' })
    expect(search('Alice Martin')).toEqual({ kind: 'name', value: 'Alice Martin' })
  })

  it('takes a prefix at its word', () => {
    expect(search('login:anna')).toEqual({ kind: 'login', value: 'anna' })
    expect(search('LOGIN: anna')).toEqual({ kind: 'login', value: 'anna' })
    expect(search('name:bo b')).toEqual({ kind: 'name', value: 'bo b' })
    expect(search('tag:vip')).toEqual({ kind: 'tag', tags: ['vip'] })
    expect(search('tags: vip, beta ,vip')).toEqual({ kind: 'tag', tags: ['vip', 'beta'] })
    expect(search('id:7')).toEqual({ kind: 'id', ids: [7] })
    expect(search('external:900005')).toEqual({ kind: 'external', id: 900005 })
    expect(search('phone:12')).toEqual({ kind: 'phone', value: '12' })
  })

  it('says plainly what cannot be searched', () => {
    expect(error('an')).toMatch(/at least 3 letters/)
    expect(error('anna@')).toMatch(/not a whole email/)
    expect(error('login:')).toMatch(/after “login:”/)
    expect(error('login:an na')).toMatch(/no spaces/)
    expect(error('id:abc')).toMatch(/whole number/)
    expect(error('id:0')).toMatch(/from 1 up/)
    expect(error('colour:red')).toMatch(/“colour:” is not something to search by/)
    expect(error('tag:a,b,c,d,e,f')).toMatch(/At most 5 tags/)
    expect(error(Array.from({ length: 101 }, (_, i) => i + 1).join(','))).toMatch(/At most 100 IDs/)
    expect(error('external:-3')).toMatch(/whole number/)
  })
})

describe('to the users API', () => {
  it('turns a search into filter[] entries, or null for the endpoints of their own', () => {
    expect(userSearchFilters(search(''))).toEqual([])
    expect(userSearchFilters(search('1042'))).toEqual(['number id eq 1042'])
    expect(userSearchFilters(search('1,2'))).toEqual(['number id in 1,2'])
    expect(userSearchFilters(search('login:anna'))).toEqual(['string login eq anna'])
    expect(userSearchFilters(search('anna@x.io'))).toEqual(['string email eq anna@x.io'])
    expect(userSearchFilters(search('+1 555 0100'))).toEqual(['string phone eq +1 555 0100'])
    expect(userSearchFilters(search('external:9'))).toEqual(['number external_user_id eq 9'])
    expect(userSearchFilters(search('tag:vip'))).toBeNull()
    expect(userSearchFilters(search('Alice'))).toBeNull()
  })

  it('writes the order the API takes and a sentence for people', () => {
    expect(userOrder('created_at', 'desc')).toBe('desc date created_at')
    expect(userOrder('full_name', 'asc')).toBe('asc string full_name')
    expect(userOrder('id', 'asc')).toBe('asc number id')
    expect(describeUserSearch(search('tag:vip,beta'))).toBe('Tagged “vip” or “beta”')
    expect(describeUserSearch(search('Alice'))).toBe('Full name contains “Alice”')
  })
})
