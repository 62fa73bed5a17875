import type { CreateDialogBody, Dialog, DialogCustomData, DialogType } from '@/api/types'
import type { Actor } from './actor'
import { type DialogDraft, sameCustomData } from './dialogDiff'

/**
 * Client-side checks of dialog create/update input, keyed by field so the form can show
 * each message next to its control. Decisions where the docs are silent:
 * - Name length counts Unicode code points (what `[...s].length` gives): "200 symbols" on a
 *   Ruby/Mongo server is most likely code points; counting grapheme clusters would let a
 *   name of combined emoji pass here and fail there. Names are trimmed first.
 * - Photo: a file id (digits, as in the docs' recipes) or an http(s) URL.
 * - Custom data: `class_name` like a class identifier (letter first, then letters, digits,
 *   `_`); field names of letters, digits, `_` and `-`, at most 64 (as the emulator accepts),
 *   unique, and none of the Custom Objects' own fields. Values are text. Entirely blank rows
 *   are ignored. Null-valued fields count as absent (see dialogDiff.ts).
 * - Updates validate only what the draft changes, so legacy values nobody touched never
 *   block a save.
 */

/** Field → message. Keys: type, name, photo, occupants_ids, admin_ids, is_join_required, user_id, data.class_name, data.fields.N.name, data.fields.N.value. */
export type FieldErrors = Record<string, string>

export interface CustomDataField {
  name: string
  value: string
}

/** Custom data as a form edits it: a class plus an ordered list of rows. */
export interface CustomDataForm {
  class_name: string
  fields: CustomDataField[]
}

export const NAME_MAX = 200

const CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
const FIELD_NAME = /^[A-Za-z0-9_-]{1,64}$/
const RESERVED_FIELDS = new Set(['_id', 'class_name', 'user_id', '_parent_id', 'created_at', 'updated_at'])

/** Length of a name as the server limit counts it (Unicode code points, after trimming). */
export function nameLength(name: string): number {
  return [...name.trim()].length
}

/** The error for a dialog name, or null. Private dialogs have no name and never fail. */
export function validateName(type: DialogType, name: string): string | null {
  if (type === 3) return null
  const n = nameLength(name)
  if (n === 0) return type === 1 ? 'A public dialog needs a name.' : 'A group dialog needs a name.'
  if (n > NAME_MAX) return `Names can be at most ${NAME_MAX} characters (this one has ${n}).`
  return null
}

/** The error for a photo (empty = no photo), or null. */
export function validatePhoto(photo: string): string | null {
  const p = photo.trim()
  if (p === '' || /^\d+$/.test(p)) return null
  try {
    const url = new URL(p)
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return null
  } catch {
    // not a URL: fall through to the message
  }
  return 'Use a file ID (digits only) or a link starting with http:// or https://.'
}

/** Whether a value is a valid QuickBlox user id. */
export function isUserId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

/** The error for a list of user ids, or null. */
export function validateUserIds(ids: readonly number[]): string | null {
  const bad = ids.filter((id) => !isUserId(id))
  if (bad.length) return `Not valid user IDs: ${bad.map(String).join(', ')}.`
  return null
}

/** Custom data as form rows (null fields are removed ones and left out); null when there is none. */
export function customDataToForm(data: DialogCustomData | null | undefined): CustomDataForm | null {
  if (!data) return null
  return {
    class_name: data.class_name,
    fields: Object.keys(data)
      .filter((k) => k !== 'class_name' && data[k] !== null && data[k] !== undefined)
      .map((k) => ({ name: k, value: String(data[k]) })),
  }
}

function isBlankRow(f: CustomDataField): boolean {
  return f.name.trim() === '' && f.value === ''
}

/** Custom data for the wire from form rows (blank rows dropped); null when the form is empty. */
export function customDataFromForm(form: CustomDataForm | null | undefined): DialogCustomData | null {
  if (!form) return null
  const fields = form.fields.filter((f) => !isBlankRow(f))
  const className = form.class_name.trim()
  if (className === '' && fields.length === 0) return null
  const data: DialogCustomData = { class_name: className }
  for (const f of fields) data[f.name.trim()] = f.value
  return data
}

/** Field errors for custom data form rows. */
export function validateCustomData(form: CustomDataForm | null | undefined): FieldErrors {
  const errors: FieldErrors = {}
  if (!form) return errors
  const className = form.class_name.trim()
  const rows = form.fields.map((f, i) => ({ f, i })).filter(({ f }) => !isBlankRow(f))
  if (className === '' && rows.length === 0) return errors
  if (className === '') errors['data.class_name'] = 'Enter the custom object class name (it is required when there are fields).'
  else if (!CLASS_NAME.test(className)) {
    errors['data.class_name'] = 'Class names start with a letter and use only letters, digits and _ (like CoolDialog).'
  }
  const seen = new Set<string>()
  for (const { f, i } of rows) {
    const key = `data.fields.${i}.name`
    const name = f.name.trim()
    if (name === '') errors[key] = 'Enter a field name.'
    else if (RESERVED_FIELDS.has(name)) errors[key] = `"${name}" is reserved by QuickBlox. Choose another field name.`
    else if (!FIELD_NAME.test(name)) errors[key] = 'Field names use only letters, digits, _ and - (at most 64).'
    else if (seen.has(name)) errors[key] = `The field "${name}" is listed twice.`
    seen.add(name)
  }
  return errors
}

/** Field errors for custom data already in wire shape (e.g. a dialog draft). */
export function validateCustomDataObject(data: DialogCustomData | null | undefined): FieldErrors {
  if (!data) return {}
  const errors = validateCustomData({
    class_name: typeof data.class_name === 'string' ? data.class_name : '',
    fields: Object.keys(data)
      .filter((k) => k !== 'class_name' && data[k] !== null)
      .map((k) => ({ name: k, value: data[k] as string })),
  })
  Object.keys(data)
    .filter((k) => k !== 'class_name' && data[k] !== null)
    .forEach((k, i) => {
      if (typeof data[k] !== 'string') errors[`data.fields.${i}.value`] = `The value of "${k}" must be text.`
    })
  return errors
}

/** The create-dialog form; which fields count depends on the type. */
export interface CreateDialogForm {
  name: string
  photo: string
  occupants_ids: number[]
  admin_ids: number[]
  is_join_required: 0 | 1 | null
  data: CustomDataForm | null
}

/** An empty create form. */
export function emptyCreateForm(): CreateDialogForm {
  return { name: '', photo: '', occupants_ids: [], admin_ids: [], is_join_required: null, data: null }
}

function isDialogType(t: unknown): t is DialogType {
  return t === 1 || t === 2 || t === 3
}

function others(ids: readonly number[], actor: Actor): number[] {
  const self = actor.kind === 'user' ? actor.userId : null
  return [...new Set(ids)].filter((id) => id !== self)
}

/** Field errors for creating a dialog of `type` as `actor`. */
export function validateCreate(type: DialogType | null | undefined, form: CreateDialogForm, actor: Actor): FieldErrors {
  const errors: FieldErrors = {}
  if (!isDialogType(type)) {
    errors.type = 'Choose a dialog type.'
    return errors
  }
  const nameErr = validateName(type, form.name)
  if (nameErr) errors.name = nameErr
  if (type !== 3) {
    const photoErr = validatePhoto(form.photo)
    if (photoErr) errors.photo = photoErr
  }
  if (type === 3) {
    const occErr = validateUserIds(form.occupants_ids)
    const opponents = others(form.occupants_ids, actor)
    if (actor.kind !== 'user') {
      errors.occupants_ids = 'A private dialog is between the acting user and one other person. Act as a user to create one.'
    } else if (occErr) errors.occupants_ids = occErr
    else if (opponents.length === 0) {
      errors.occupants_ids = form.occupants_ids.length
        ? 'Nobody can have a private dialog with themselves. Pick another person.'
        : 'Pick the other person for this private dialog.'
    } else if (opponents.length > 1) {
      errors.occupants_ids = 'A private dialog has exactly one other person. Create a group dialog for more.'
    }
  } else {
    if (type === 2) {
      const occErr = validateUserIds(form.occupants_ids)
      if (occErr) errors.occupants_ids = occErr
      if (form.is_join_required !== null && form.is_join_required !== 0 && form.is_join_required !== 1) {
        errors.is_join_required = '"Join required" must be on or off.'
      }
    }
    const admErr = validateUserIds(form.admin_ids)
    if (admErr) errors.admin_ids = admErr
  }
  Object.assign(errors, validateCustomData(form.data))
  return errors
}

/**
 * The POST body for a new dialog with only the fields that apply to its type:
 * private: the one opponent (the first, if several); group: name, photo, occupants, admins, is_join_required;
 * public: name, photo, admins. Custom data applies to every type. Ids go as comma strings,
 * as in the docs' recipes; the acting user is left out (the server adds the creator).
 */
export function buildCreateBody(type: DialogType, form: CreateDialogForm, actor: Actor): CreateDialogBody {
  const body: CreateDialogBody = { type }
  const occupants = others(form.occupants_ids, actor)
  const admins = [...new Set(form.admin_ids)]
  if (type === 3) {
    // validateCreate refuses more than one; the body never carries more than the first.
    if (occupants[0] !== undefined) body.occupants_ids = String(occupants[0])
  } else {
    body.name = form.name.trim()
    const photo = form.photo.trim()
    if (photo) body.photo = photo
    if (type === 2 && occupants.length) body.occupants_ids = occupants.join(',')
    if (admins.length) body.admin_ids = admins.join(',')
    if (type === 2 && form.is_join_required !== null) body.is_join_required = form.is_join_required
  }
  const data = customDataFromForm(form.data)
  if (data) body.data = data
  return body
}

function sameSet(a: Iterable<number>, b: Iterable<number>): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

/** Field errors for saving `draft` over the dialog as loaded (only changed fields are checked). */
export function validateUpdate(dialog: Dialog, draft: DialogDraft): FieldErrors {
  const errors: FieldErrors = {}
  const occupants = [...new Set(draft.occupants_ids)]
  const admins = [...new Set(draft.admin_ids)]
  if (dialog.type !== 3 && draft.name.trim() !== (dialog.name ?? '').trim()) {
    const e = validateName(dialog.type, draft.name)
    if (e) errors.name = e
  }
  if (dialog.type !== 3 && draft.photo.trim() !== (dialog.photo ?? '').trim()) {
    const e = validatePhoto(draft.photo)
    if (e) errors.photo = e
  }
  if (draft.is_join_required !== dialog.is_join_required && draft.is_join_required !== null) {
    if (dialog.type !== 2) errors.is_join_required = '"Join required" only applies to group dialogs.'
    else if (draft.is_join_required !== 0 && draft.is_join_required !== 1) errors.is_join_required = '"Join required" must be on or off.'
  }
  if (!sameCustomData(dialog.data, draft.data)) Object.assign(errors, validateCustomDataObject(draft.data))
  const membersChanged = !sameSet(occupants, dialog.occupants_ids)
  if (draft.user_id !== dialog.user_id) {
    if (!isUserId(draft.user_id)) errors.user_id = 'Pick a valid user as the new owner.'
    else if (dialog.type !== 1 && !occupants.includes(draft.user_id)) errors.user_id = 'The new owner must be in the dialog.'
  }
  if (membersChanged) {
    const e = validateUserIds(occupants)
    if (dialog.type === 3) errors.occupants_ids = 'People can\'t be added to or removed from a private dialog.'
    else if (e) errors.occupants_ids = e
    else if (dialog.type === 2 && !occupants.includes(draft.user_id)) {
      errors.occupants_ids = "The dialog's owner can't be removed. Change the owner first."
    }
  }
  if (!sameSet(admins, dialog.admin_ids)) {
    const e = validateUserIds(admins)
    if (dialog.type === 3) errors.admin_ids = 'Private dialogs have no admins.'
    else if (e) errors.admin_ids = e
  }
  return errors
}
