import type { SettingsForm } from './settingsForm'
import type { Dialog, UpdateDialogBody } from '@/api/types'
import type { ConflictReport } from '@/domain'
import type { InjectionKey } from 'vue'
import { computed, inject, provide, ref, shallowRef, watch } from 'vue'
import { isApiError } from '@/api/errors'
import { actorFromUserId, buildUpdateBody, checkUpdate, conflicts, describeUpdate, dialogDisplayName, dialogPermissions, explainApiError, fieldMessages } from '@/domain'
import { useActivityStore } from '@/stores/activity'
import { useDialogsStore } from '@/stores/dialogs'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { formFrom, rebaseForm, toDraft, undoBody as reverseOf } from './settingsForm'

/** Fields the form can show errors next to; the rest go above the form. */
const FORM_FIELDS = new Set(['name', 'photo', 'is_join_required', 'user_id', 'data'])

/** What became of a save. `saved` carries what is needed to offer Undo. */
export type SaveOutcome =
  | { kind: 'saved', lines: string[], before: Dialog, after: Dialog }
  | { kind: 'conflict' }
  | { kind: 'failed' }
  | { kind: 'nothing' }

/**
 * The Overview's settings draft: a copy of the dialog's editable fields, what a save would send,
 * the conflict check against the server's newest version, the save itself (logged) and its Undo.
 * The draft survives every failure; only a successful save or Discard replaces it.
 */
export function useSettingsDraft(dialog: () => Dialog) {
  const dialogs = useDialogsStore()
  const session = useSessionStore()
  const users = useUsersStore()
  const activity = useActivityStore()

  /** The version of the dialog the draft was made from: saves are diffed against it. */
  const base = shallowRef<Dialog>(dialog())
  const settings = ref<SettingsForm>(formFrom(dialog()))
  const serverErrors = ref<Record<string, string>>({})
  const formErrors = ref<string[]>([])
  const saving = ref(false)
  const conflict = shallowRef<{ fresh: Dialog, report: ConflictReport } | null>(null)

  function reset(d: Dialog) {
    base.value = d
    settings.value = formFrom(d)
    serverErrors.value = {}
    formErrors.value = []
    conflict.value = null
  }

  const draft = computed(() => toDraft(settings.value, base.value))
  const body = computed<UpdateDialogBody | null>(() => buildUpdateBody(base.value, draft.value))
  const dirty = computed(() => body.value !== null)
  const changeLines = computed(() => describeUpdate(base.value, body.value, id => users.nameOf(id)))
  const actor = computed(() => actorFromUserId(session.actingUserId))
  const perms = computed(() => dialogPermissions(actor.value, base.value))
  const violations = computed(() => body.value ? checkUpdate(actor.value, base.value, body.value) : [])
  const title = computed(() => dialogDisplayName(base.value, id => users.nameOf(id), session.actingUserId))

  // A reload (after another tab saved, or another acting user) takes the new version unless the
  // person is in the middle of changes: those stay, and the conflict check runs before saving.
  watch(dialog, (d) => {
    if (d._id !== base.value._id || !dirty.value)
      reset(d)
  })

  function showServerError(caught: unknown) {
    if (!isApiError(caught)) {
      formErrors.value = [String(caught)]
      return
    }
    // Plain words first; the server's own words travel along for anyone who knows the docs.
    const explained = explainApiError(caught).map(e => e.known && e.text !== e.original ? { ...e, text: `${e.text} (Server: “${e.original}”)` } : e)
    const byField = fieldMessages(explained)
    serverErrors.value = Object.fromEntries(Object.entries(byField).filter(([f]) => FORM_FIELDS.has(f)))
    formErrors.value = explained.filter(e => !e.field || !FORM_FIELDS.has(e.field)).map(e => e.text)
    if (!formErrors.value.length && !Object.keys(serverErrors.value).length)
      formErrors.value = [caught.message]
  }

  function clearErrors() {
    serverErrors.value = {}
    formErrors.value = []
  }

  /** Takes a newer version as the base while keeping every change the person made. */
  function rebase(fresh: Dialog) {
    settings.value = rebaseForm(settings.value, base.value, fresh)
    base.value = fresh
  }

  /** Sends one update body against `before`, logged; the draft stays when it fails. */
  async function sendBody(before: Dialog, changes: UpdateDialogBody, summary: string): Promise<SaveOutcome> {
    const lines = describeUpdate(before, changes, id => users.nameOf(id))
    saving.value = true
    try {
      const after = await activity.track({
        action: 'dialog.update',
        summary: `${summary}: ${lines.join('; ')}`,
        target: { kind: 'dialog', id: before._id, label: title.value },
        before,
        request: { method: 'PUT', path: `/chat/Dialog/${before._id}.json`, body: changes },
      }, () => dialogs.saveDialog(before._id, changes), { after: d => d })
      return { kind: 'saved', lines, before, after }
    }
    catch (caught) {
      showServerError(caught)
      return { kind: 'failed' }
    }
    finally {
      saving.value = false
    }
  }

  /** Sends the draft's changes; the answer becomes the new base. */
  async function send(): Promise<SaveOutcome> {
    const changes = body.value
    if (!changes)
      return { kind: 'nothing' }
    const outcome = await sendBody(base.value, changes, `Updated “${title.value}”`)
    if (outcome.kind === 'saved')
      reset(outcome.after)
    return outcome
  }

  /**
   * Saves after the caller validated the form: reads the server's version first, stops on a
   * conflict with what changed elsewhere, otherwise sends only the difference.
   */
  async function save(): Promise<SaveOutcome> {
    clearErrors()
    if (!body.value || violations.value.length)
      return { kind: 'nothing' }
    saving.value = true
    try {
      let fresh: Dialog
      try {
        fresh = await dialogs.refetchDialog(base.value._id)
      }
      catch (caught) {
        showServerError(caught)
        return { kind: 'failed' }
      }
      const report = conflicts(base.value, fresh, draft.value)
      if (report.changedOnServer.length) {
        conflict.value = { fresh, report }
        return { kind: 'conflict' }
      }
      // Only the time moved (a message, say): nothing the form shows differs, so save on the fresh version.
      if (fresh.updated_at !== base.value.updated_at)
        rebase(fresh)
      return await send()
    }
    finally {
      saving.value = false
    }
  }

  function keepMineOnTop() {
    if (!conflict.value)
      return
    rebase(conflict.value.fresh)
    conflict.value = null
  }

  function discardAndReload() {
    if (conflict.value)
      reset(conflict.value.fresh)
  }

  async function overwrite(): Promise<SaveOutcome> {
    const fresh = conflict.value?.fresh
    conflict.value = null
    const outcome = await send()
    // Refused: show the person where they stand now (permissions included), edits kept on top.
    if (outcome.kind === 'failed' && fresh)
      rebase(fresh)
    return outcome
  }

  function discard() {
    reset(base.value)
  }

  /** The update that puts back what a save changed, or null when the acting user may not send it. */
  function undoBody(saved: { before: Dialog, after: Dialog }): UpdateDialogBody | null {
    const back = reverseOf(saved.before, saved.after)
    return back && checkUpdate(actor.value, saved.after, back).length === 0 ? back : null
  }

  /** Undoes a save against the dialog as the save left it; edits made since stay on top. */
  async function undo(saved: { before: Dialog, after: Dialog }): Promise<SaveOutcome> {
    const back = undoBody(saved)
    if (!back)
      return { kind: 'nothing' }
    clearErrors()
    const outcome = await sendBody(saved.after, back, `Undid the change of “${title.value}”`)
    if (outcome.kind === 'saved')
      rebase(outcome.after)
    return outcome
  }

  return {
    base,
    settings,
    serverErrors,
    formErrors,
    saving,
    conflict,
    body,
    dirty,
    changeLines,
    actor,
    perms,
    violations,
    title,
    save,
    send,
    keepMineOnTop,
    discardAndReload,
    overwrite,
    discard,
    undoBody,
    undo,
  }
}

export type SettingsDraft = ReturnType<typeof useSettingsDraft>

const KEY: InjectionKey<SettingsDraft> = Symbol('settings-draft')

/** Makes the page's draft available to its parts (form, save bar, conflict notice). */
export function provideSettingsDraft(draft: SettingsDraft): void {
  provide(KEY, draft)
}

/** The draft of the Overview page this part sits in. */
export function injectSettingsDraft(): SettingsDraft {
  const draft = inject(KEY)
  if (!draft)
    throw new Error('injectSettingsDraft: no Overview page around this part')
  return draft
}
