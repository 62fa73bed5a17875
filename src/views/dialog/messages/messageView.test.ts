import type { Dialog, Message } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_OWNER, asUser } from '@/domain'
import { attachmentView, formatBytes, namesSummary, rowActions } from './messageView'

const dialog = { _id: 'd'.repeat(24), type: 2, user_id: 1001, occupants_ids: [1001, 1002, 1003], admin_ids: [] } as unknown as Dialog
const message = { _id: 'a'.repeat(24), sender_id: 1002 } as Message

describe('rowActions', () => {
  it('the account owner may edit and delete for everyone but not mark', () => {
    const a = rowActions(ACCOUNT_OWNER, dialog, message)
    expect([a.edit.allowed, a.remove.allowed, a.mark.allowed]).toEqual([true, true, false])
    expect(a.mark.reason).toMatch(/Act as a user/)
  })

  it('an occupant may delete another\'s message only for themselves, and says why not edit', () => {
    const a = rowActions(asUser(1003), dialog, message)
    expect(a.edit.allowed).toBe(false)
    expect(a.edit.reason).toMatch(/Only the sender/)
    expect(a.remove.allowed).toBe(true)
  })
})

describe('attachmentView', () => {
  it('a picture with a file ID is a thumbnail fetched from /blobs/{id}/download', () => {
    expect(attachmentView({ type: 'image', id: '80001', name: 'photo-1.jpg', size: 614400 })).toEqual({
      name: 'photo-1.jpg', type: 'image', picture: true, blobPath: '/blobs/80001/download', link: null, url: null, size: '600 KB',
    })
  })

  it('a file is a chip; a link is kept only when it is http(s)', () => {
    const pdf = attachmentView({ type: 'file', id: '81000', name: 'report.pdf', url: 'https://files.example.com/report.pdf' })
    expect([pdf.picture, pdf.blobPath, pdf.link]).toEqual([false, '/blobs/81000/download', 'https://files.example.com/report.pdf'])
    const hostile = attachmentView({ type: 'file', id: '9', url: 'javascript:alert(2)' })
    expect([hostile.link, hostile.url, hostile.name]).toEqual([null, 'javascript:alert(2)', 'File 9'])
  })

  it('a picture known only by an outside link is not fetched (it would tell that site about the moderator)', () => {
    const v = attachmentView({ type: 'image', url: 'https://elsewhere.example/cat.png' })
    expect([v.picture, v.blobPath, v.link, v.name]).toEqual([false, null, 'https://elsewhere.example/cat.png', 'https://elsewhere.example/cat.png'])
  })
})

describe('small formatters', () => {
  it('formatBytes', () => {
    expect([formatBytes(1), formatBytes(900), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(['1 byte', '900 bytes', '2 KB', '3.0 MB'])
  })

  it('namesSummary names up to two people, else counts them; the tooltip names all', () => {
    const nameOf = (id: number) => `U${id}`
    expect(namesSummary([1, 2, 3, 4], nameOf)).toEqual({ text: '4', all: 'U1, U2, U3, U4' })
    expect(namesSummary([1, 2], nameOf)).toEqual({ text: 'U1, U2', all: 'U1, U2' })
    expect(namesSummary([], nameOf)).toEqual({ text: '', all: '' })
  })
})
