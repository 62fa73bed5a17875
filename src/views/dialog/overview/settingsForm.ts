import type { Dialog, UpdateDialogBody } from '@/api/types'
import type { CustomDataForm, DialogDraft } from '@/domain'
import { buildUpdateBody, customDataFromForm, customDataToForm } from '@/domain'

/** The settings form's model: a draft copy of a dialog's editable fields. */
export interface SettingsForm {
  name: string
  photo: string
  joinRequired: boolean
  user_id: number
  data: CustomDataForm | null
}

/** A fresh form holding the dialog's current values. */
export function formFrom(d: Dialog): SettingsForm {
  return {
    name: d.name ?? '',
    photo: d.photo ?? '',
    joinRequired: d.is_join_required === 1,
    user_id: d.user_id,
    data: customDataToForm(d.data),
  }
}

/** The domain draft for a form over the dialog it was made from (members are not edited here). */
export function toDraft(f: SettingsForm, base: Dialog): DialogDraft {
  const join = f.joinRequired ? 1 : 0
  return {
    name: f.name,
    photo: f.photo,
    // A group stored without the flag (null) reads as "off": only a real change is sent.
    is_join_required: base.type === 2 && join !== (base.is_join_required ?? 0) ? join : base.is_join_required,
    data: customDataFromForm(f.data),
    user_id: f.user_id,
    occupants_ids: base.occupants_ids,
    admin_ids: base.admin_ids,
  }
}

/**
 * The form moved onto a newer version of the dialog: every field the person changed keeps
 * their value, every field they did not touch takes the newer one.
 */
export function rebaseForm(form: SettingsForm, oldBase: Dialog, fresh: Dialog): SettingsForm {
  const old = formFrom(oldBase)
  const next = formFrom(fresh)
  const same = (k: keyof SettingsForm) => JSON.stringify(form[k]) === JSON.stringify(old[k])
  return {
    name: same('name') ? next.name : form.name,
    photo: same('photo') ? next.photo : form.photo,
    joinRequired: same('joinRequired') ? next.joinRequired : form.joinRequired,
    user_id: same('user_id') ? next.user_id : form.user_id,
    data: same('data') ? next.data : form.data,
  }
}

/** The update that puts back what a save changed (`before` → `after`), or null when nothing differs. */
export function undoBody(before: Dialog, after: Dialog): UpdateDialogBody | null {
  return buildUpdateBody(after, toDraft(formFrom(before), after))
}
