import type { Dialog, DialogCustomData, UpdateDialogBody } from '@/api/types'
import type { NameLookup } from './format'

/**
 * Minimal update bodies, as DESIGN.md asks: only changed fields, members as push_all/pull_all
 * of the difference, nothing at all for an unchanged draft.
 *
 * Custom data: QuickBlox does not document whether `data` on update replaces or merges. So
 * when anything in it changed the whole new object is sent, `class_name` included, and every
 * field the draft dropped is sent as `null`. That clears it under merge semantics and leaves
 * a harmless null under replace semantics. When `class_name` itself changes, the old class's
 * fields are not nulled: they do not exist in the new class. Removing custom data entirely
 * sends the old class with every field null, the closest documented shape to "none".
 * Consequently a null field in loaded data is treated as absent everywhere.
 *
 * Fields that do not apply to the dialog type are never sent (private: name, photo, admins,
 * is_join_required; public: is_join_required); the server ignores them anyway. Occupant
 * changes on a private dialog are sent so that checkUpdate() can refuse them visibly.
 */

/** The editable state of a dialog, as the editor holds it. */
export interface DialogDraft {
  name: string
  photo: string
  is_join_required: 0 | 1 | null
  data: DialogCustomData | null
  user_id: number
  occupants_ids: Iterable<number>
  admin_ids: Iterable<number>
}

/** Fields that can change on a dialog. */
export type DialogField = 'name' | 'photo' | 'is_join_required' | 'data' | 'user_id' | 'occupants_ids' | 'admin_ids'

export const DIALOG_FIELDS: readonly DialogField[] = [
  'name',
  'photo',
  'is_join_required',
  'data',
  'user_id',
  'occupants_ids',
  'admin_ids',
]

/** A fresh draft holding the dialog's current values. */
export function draftFromDialog(dialog: Dialog): DialogDraft {
  return {
    name: dialog.name ?? '',
    photo: dialog.photo ?? '',
    is_join_required: dialog.is_join_required,
    data: dialog.data ? { ...dialog.data } : null,
    user_id: dialog.user_id,
    occupants_ids: [...dialog.occupants_ids],
    admin_ids: [...dialog.admin_ids],
  }
}

function uniq(ids: Iterable<number>): number[] {
  return [...new Set(ids)]
}

/** Ids in `next` but not in `prev`, in `next`'s order. */
function added(prev: readonly number[], next: readonly number[]): number[] {
  const p = new Set(prev)
  return next.filter((id) => !p.has(id))
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((id) => sb.has(id))
}

/** Keys of custom data that hold a value; a null field is a removed one. */
function liveKeys(data: DialogCustomData): string[] {
  return Object.keys(data).filter((k) => data[k] !== null && data[k] !== undefined)
}

/** Whether two custom data objects hold the same class and field values (key order ignored, null = absent). */
export function sameCustomData(a: DialogCustomData | null | undefined, b: DialogCustomData | null | undefined): boolean {
  if (!a || !b) return !a && !b
  const ka = liveKeys(a)
  const kb = liveKeys(b)
  return ka.length === kb.length && ka.every((k) => a[k] === b[k])
}

function dataForUpdate(prev: DialogCustomData | undefined, next: DialogCustomData | null): DialogCustomData | undefined {
  if (sameCustomData(prev, next)) return undefined
  if (!next) {
    if (!prev) return undefined
    const cleared: DialogCustomData = { class_name: prev.class_name }
    for (const k of liveKeys(prev)) if (k !== 'class_name') cleared[k] = null
    return cleared
  }
  const out: DialogCustomData = { ...next }
  if (prev && prev.class_name === next.class_name) {
    for (const k of liveKeys(prev)) if (next[k] === undefined) out[k] = null
  }
  return out
}

/** The minimal update body turning `loaded` into `draft`, or null when nothing changed. */
export function buildUpdateBody(loaded: Dialog, draft: DialogDraft): UpdateDialogBody | null {
  const body: UpdateDialogBody = {}
  const isPrivate = loaded.type === 3
  if (!isPrivate) {
    // Both sides trimmed: a stored ' padded ' name is not a change the person made.
    const name = draft.name.trim()
    if (name !== (loaded.name ?? '').trim()) body.name = name
    const photo = draft.photo.trim()
    if (photo !== (loaded.photo ?? '').trim()) body.photo = photo
  }
  if (loaded.type === 2 && draft.is_join_required !== null && draft.is_join_required !== loaded.is_join_required) {
    body.is_join_required = draft.is_join_required
  }
  const data = dataForUpdate(loaded.data, draft.data)
  if (data) body.data = data
  if (draft.user_id !== loaded.user_id) body.user_id = draft.user_id

  const occ = uniq(draft.occupants_ids)
  const pushOcc = added(loaded.occupants_ids, occ)
  const pullOcc = added(occ, loaded.occupants_ids)
  const adm = isPrivate ? [...loaded.admin_ids] : uniq(draft.admin_ids)
  const pushAdm = added(loaded.admin_ids, adm)
  // In a group, admins must be occupants, so leaving the occupants ends the admin role too;
  // pulling them from admin_ids as well would need the owner's right for nothing.
  const pullAdm = added(adm, loaded.admin_ids).filter((id) => loaded.type !== 2 || !pullOcc.includes(id))
  if (pushOcc.length || pushAdm.length) {
    body.push_all = {}
    if (pushOcc.length) body.push_all.occupants_ids = pushOcc
    if (pushAdm.length) body.push_all.admin_ids = pushAdm
  }
  if (pullOcc.length || pullAdm.length) {
    body.pull_all = {}
    if (pullOcc.length) body.pull_all.occupants_ids = pullOcc
    if (pullAdm.length) body.pull_all.admin_ids = pullAdm
  }
  return Object.keys(body).length ? body : null
}

/** The dialog as it will look after the server applies `body` (for previews and optimistic UI). */
export function applyUpdate(dialog: Dialog, body: UpdateDialogBody): Dialog {
  const next: Dialog = { ...dialog, occupants_ids: [...dialog.occupants_ids], admin_ids: [...dialog.admin_ids] }
  if (body.name !== undefined) next.name = body.name
  if (body.photo !== undefined) next.photo = body.photo === '' ? null : body.photo
  if (body.is_join_required !== undefined) next.is_join_required = body.is_join_required
  if (body.user_id !== undefined) next.user_id = body.user_id
  if (body.data) {
    const merged: DialogCustomData = body.data.class_name === dialog.data?.class_name
      ? { ...dialog.data, ...body.data }
      : { ...body.data }
    for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k]
    if (Object.keys(merged).length > 1) next.data = merged
    else delete next.data
  }
  const pullOcc = new Set(body.pull_all?.occupants_ids ?? [])
  const pullAdm = new Set(body.pull_all?.admin_ids ?? [])
  next.occupants_ids = uniq([...next.occupants_ids.filter((id) => !pullOcc.has(id)), ...(body.push_all?.occupants_ids ?? [])])
  next.admin_ids = uniq([...next.admin_ids.filter((id) => !pullAdm.has(id)), ...(body.push_all?.admin_ids ?? [])])
  if (dialog.type === 2) {
    // Group admins must be occupants: they are added automatically (create-dialog.md, admin
    // role overview), and (as the emulator does) someone leaving the group stops being admin.
    // A new owner joins the occupants too.
    next.admin_ids = next.admin_ids.filter((id) => !pullOcc.has(id))
    next.occupants_ids = uniq([...next.occupants_ids, ...next.admin_ids, next.user_id])
  }
  return next
}

function who(ids: readonly number[], nameOf?: NameLookup): string {
  return ids.map((id) => nameOf?.(id) || `User ${id}`).join(', ')
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function quote(v: unknown): string {
  return v === null || v === undefined || v === '' ? '(none)' : `'${String(v)}'`
}

function joinLabel(v: 0 | 1 | null): string {
  return v === 1 ? 'on' : v === 0 ? 'off' : 'default'
}

/** Human lines describing what `body` does to `before` ("Name: 'A' → 'B'", "Add 3 occupants: …"). */
export function describeUpdate(before: Dialog, body: UpdateDialogBody | null, nameOf?: NameLookup): string[] {
  if (!body) return []
  const lines: string[] = []
  if (body.name !== undefined) lines.push(`Name: ${quote(before.name)} → ${quote(body.name)}`)
  if (body.photo !== undefined) {
    lines.push(body.photo === '' ? `Photo: remove ${quote(before.photo)}` : `Photo: ${quote(before.photo)} → ${quote(body.photo)}`)
  }
  if (body.is_join_required !== undefined) {
    lines.push(`Join required: ${joinLabel(before.is_join_required)} → ${joinLabel(body.is_join_required)}`)
  }
  if (body.user_id !== undefined) lines.push(`Owner: ${who([before.user_id], nameOf)} → ${who([body.user_id], nameOf)}`)
  if (body.data) lines.push(...describeData(before.data, body.data))
  const p = body.push_all
  const q = body.pull_all
  if (p?.occupants_ids?.length) lines.push(`Add ${count(p.occupants_ids.length, 'member')}: ${who(p.occupants_ids, nameOf)}`)
  if (q?.occupants_ids?.length) lines.push(`Remove ${count(q.occupants_ids.length, 'member')}: ${who(q.occupants_ids, nameOf)}`)
  if (p?.admin_ids?.length) lines.push(`Add ${count(p.admin_ids.length, 'admin')}: ${who(p.admin_ids, nameOf)}`)
  if (q?.admin_ids?.length) lines.push(`Remove ${count(q.admin_ids.length, 'admin')}: ${who(q.admin_ids, nameOf)}`)
  return lines
}

function describeData(prev: DialogCustomData | undefined, next: DialogCustomData): string[] {
  const fields = Object.keys(next).filter((k) => k !== 'class_name')
  if (prev && prev.class_name === next.class_name) {
    const prevFields = liveKeys(prev).filter((k) => k !== 'class_name')
    if (prevFields.length && prevFields.every((k) => next[k] === null) && fields.every((k) => next[k] === null)) {
      return [`Custom data: remove all (class '${prev.class_name}')`]
    }
  } else {
    const head = prev
      ? `Custom data: class '${prev.class_name}' → '${next.class_name}'`
      : `Custom data: set class '${next.class_name}'`
    return [head, ...fields.map((k) => `Custom data: ${k} = ${quote(next[k])}`)]
  }
  const lines: string[] = []
  for (const k of fields) {
    const old = prev[k]
    if (next[k] === null) {
      if (old !== undefined && old !== null) lines.push(`Custom data: remove ${k} (was ${quote(old)})`)
    } else if (old === undefined) {
      lines.push(`Custom data: ${k} = ${quote(next[k])}`)
    } else if (old !== next[k]) {
      lines.push(`Custom data: ${k}: ${quote(old)} → ${quote(next[k])}`)
    }
  }
  return lines
}

/** Human lines for the confirmation dialog: what saving `draft` over `before` would change. */
export function describeChanges(before: Dialog, draft: DialogDraft, nameOf?: NameLookup): string[] {
  return describeUpdate(before, buildUpdateBody(before, draft), nameOf)
}

function fieldEqual(a: Dialog, b: Dialog, f: DialogField): boolean {
  switch (f) {
    case 'occupants_ids':
    case 'admin_ids':
      return sameSet(a[f], b[f])
    case 'data':
      return sameCustomData(a.data, b.data)
    default:
      return (a[f] ?? null) === (b[f] ?? null)
  }
}

/** Fields whose values differ between two versions of a dialog. */
export function changedFields(a: Dialog, b: Dialog): DialogField[] {
  return DIALOG_FIELDS.filter((f) => !fieldEqual(a, b, f))
}

/** Fields that saving the draft would change. */
export function draftChangedFields(loaded: Dialog, draft: DialogDraft): DialogField[] {
  const body = buildUpdateBody(loaded, draft)
  if (!body) return []
  const out = new Set<DialogField>()
  if (body.name !== undefined) out.add('name')
  if (body.photo !== undefined) out.add('photo')
  if (body.is_join_required !== undefined) out.add('is_join_required')
  if (body.data !== undefined) out.add('data')
  if (body.user_id !== undefined) out.add('user_id')
  if (body.push_all?.occupants_ids || body.pull_all?.occupants_ids) out.add('occupants_ids')
  if (body.push_all?.admin_ids || body.pull_all?.admin_ids) out.add('admin_ids')
  return DIALOG_FIELDS.filter((f) => out.has(f))
}

export interface ConflictReport {
  /** Fields someone changed on the server since the dialog was loaded. */
  changedOnServer: DialogField[]
  /** Of those, the ones the draft changes too: saving would overwrite or mix with that change. */
  alsoInDraft: DialogField[]
}

/** What changed on the server since loading, and which of those the draft also changes. */
export function conflicts(loaded: Dialog, current: Dialog, draft: DialogDraft): ConflictReport {
  const changedOnServer = changedFields(loaded, current)
  const mine = new Set(draftChangedFields(loaded, draft))
  return { changedOnServer, alsoInDraft: changedOnServer.filter((f) => mine.has(f)) }
}
