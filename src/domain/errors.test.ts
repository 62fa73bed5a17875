import { describe, expect, it } from 'vitest'
import { explainApiError, explainFieldError, explainMessage, failureTitle, fieldMessages } from './errors'

describe('explainMessage', () => {
  it.each([
    ['Occupants_ids is missing opponent ID.', 'Pick the other person for this private dialog.', 'occupants_ids'],
    ['Incorrect format for parameter "admin_ids".', 'The admins must be a list of user IDs (numbers).', 'admin_ids'],
    ['Users with these IDs for "admin_ids" do not exist.', 'Some of the chosen admins are not users of this application. Check the IDs.', 'admin_ids'],
    ['Users are already present in occupants_ids', 'Some of these people are already in the dialog.', 'occupants_ids'],
    ['Parameter "is_join_required" should be a number: either 0 or 1.', '"Join required" can only be on or off.', 'is_join_required'],
    [
      'You do not have permission to modify the "is_join_required" parameter.',
      'Only the account owner or the dialog\'s owner can change "Join required".',
      'is_join_required',
    ],
    [
      'You don\'t have appropriate permissions to modify or delete "admin_ids". ',
      "Only the dialog's owner can change admins; an admin can only remove themselves.",
      'admin_ids',
    ],
  ])('%s', (original, text, field) => {
    expect(explainMessage(original)).toEqual({ text, original, field, known: true })
  })

  it('messages without a field', () => {
    expect(explainMessage("You don't have appropriate permissions to perform this operation")).toEqual({
      text: "The acting user isn't allowed to do this. Act as the dialog's owner, an admin or the account owner.",
      original: "You don't have appropriate permissions to perform this operation",
      known: true,
    })
    expect(explainMessage("The resource wasn't found").text).toBe('Not found. It may have been deleted in the meantime; reload the list.')
    expect(explainMessage('Unauthorized').text).toBe('The API key was not accepted. Check it in the sign-in settings.')
    expect(explainMessage('Forbidden. Need user.').text).toBe('This needs a user. Choose a user to act as and try again.')
    expect(explainMessage('Required session does not exist').text).toBe('The session has expired. Sign in again.')
    expect(explainMessage('Too Many Requests').text).toBe('Too many requests right now. Wait a moment and try again.')
  })

  it('tolerates curly quotes, case and spacing', () => {
    expect(explainMessage('users with these IDs for “occupants_ids”  do not exist')).toMatchObject({
      text: 'Some of the chosen members are not users of this application. Check the IDs.',
      field: 'occupants_ids',
      known: true,
    })
  })

  it('passes unknown text through unchanged', () => {
    expect(explainMessage('Something new')).toEqual({ text: 'Something new', original: 'Something new', known: false })
  })
})

describe('explainFieldError', () => {
  it('{"type":["is wrong."]}', () => {
    expect(explainFieldError('type', 'is wrong.')).toEqual({
      text: 'Choose a dialog type.',
      original: 'type is wrong.',
      field: 'type',
      known: true,
    })
  })

  it('unknown field errors read as a sentence', () => {
    expect(explainFieldError('name', 'is too long')).toEqual({
      text: 'Name is too long',
      original: 'name is too long',
      field: 'name',
      known: false,
    })
  })
})

describe('explainApiError', () => {
  it('field errors first, the same sentence among messages not repeated', () => {
    const explained = explainApiError({
      messages: ['type is wrong.', 'Occupants_ids is missing opponent ID.'],
      fieldErrors: { type: ['is wrong.'] },
    })
    expect(explained.map((e) => e.text)).toEqual(['Choose a dialog type.', 'Pick the other person for this private dialog.'])
    expect(fieldMessages(explained)).toEqual({
      type: 'Choose a dialog type.',
      occupants_ids: 'Pick the other person for this private dialog.',
    })
  })

  it('no messages, nothing to explain', () => {
    expect(explainApiError({ messages: [] })).toEqual([])
  })
})

describe('failureTitle', () => {
  it('does not call a lost answer a refusal', () => {
    expect(failureTitle({ kind: 'http' }, 'The server refused the change')).toBe('The server refused the change')
    expect(failureTitle({ kind: 'unknown-outcome' }, 'The server refused the change')).toBe('We couldn\'t confirm whether this went through')
    expect(failureTitle({ kind: 'not-applied' }, 'x')).toBe('It did not go through')
    expect(failureTitle({ kind: 'network' }, 'x')).toBe('No answer from the server')
    expect(failureTitle(null, 'x')).toBe('x')
  })
})
