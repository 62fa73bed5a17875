import type { CreateDialogBody, Dialog, DialogType } from '@/api/types'
import type { CreateDialogForm, FieldErrors } from '@/domain'
import { computed, ref, watch } from 'vue'
import { isApiError } from '@/api/errors'
import { actorFromUserId, buildCreateBody, emptyCreateForm, explainApiError, failureTitle, fieldMessages, validateCreate } from '@/domain'
import { existedBefore } from '@/domain/created'
import { useActivityStore } from '@/stores/activity'
import { useDialogsStore } from '@/stores/dialogs'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'

export const TYPE_BY_SLUG: Record<string, DialogType> = { public: 1, group: 2, private: 3 }
export const SLUG_BY_TYPE: Record<DialogType, string> = { 1: 'public', 2: 'group', 3: 'private' }

const FORM_FIELDS = new Set(['type', 'name', 'photo', 'occupants_ids', 'admin_ids', 'is_join_required', 'data'])

/** What became of a create: the dialog, and whether it was an existing private dialog opened instead. */
export type CreateOutcome = { kind: 'created', dialog: Dialog, label: string } | { kind: 'existed', dialog: Dialog, other: string } | { kind: 'failed' }

/**
 * The New dialog form: the draft for the chosen type, what Create will send, errors next to
 * their fields (ours as the person types, once they tried; the server's after it answers),
 * and the create itself, logged. What was entered stays on any failure.
 */
export function useCreateDialog(type: () => DialogType | null) {
  const session = useSessionStore()
  const users = useUsersStore()
  const dialogs = useDialogsStore()
  const activity = useActivityStore()

  const form = ref<CreateDialogForm>(emptyCreateForm())
  const opponent = ref<number | null>(null)
  const joinRequired = ref(false)
  const clientErrors = ref<FieldErrors>({})
  const serverErrors = ref<Record<string, string>>({})
  const formErrors = ref<string[]>([])
  const formErrorTitle = ref('The server did not create the dialog')
  const creating = ref(false)
  const created = ref(false)
  const tried = ref(false)

  const actor = computed(() => actorFromUserId(session.actingUserId))

  /** The form as the domain reads it for the chosen type. */
  const domainForm = computed<CreateDialogForm>(() => ({
    ...form.value,
    occupants_ids: type() === 3 ? (opponent.value !== null ? [opponent.value] : []) : form.value.occupants_ids,
    // Off is the server's default for groups: only "on" is sent.
    is_join_required: type() === 2 && joinRequired.value ? 1 : null,
  }))

  const body = computed<CreateDialogBody | null>(() => {
    const t = type()
    return t ? buildCreateBody(t, domainForm.value, actor.value) : null
  })
  const dirty = computed(() => JSON.stringify(form.value) !== JSON.stringify(emptyCreateForm()) || opponent.value !== null || joinRequired.value)

  // Once a create was tried, errors follow the input as the person fixes it.
  watch([domainForm, type, actor], () => {
    if (tried.value)
      clientErrors.value = validateCreate(type(), domainForm.value, actor.value)
  }, { deep: true })

  watch(type, () => {
    serverErrors.value = {}
    formErrors.value = []
  })

  function errorOf(field: string): string | undefined {
    return serverErrors.value[field] ?? clientErrors.value[field]
  }

  const dataErrors = computed<FieldErrors>(() => {
    const out: FieldErrors = {}
    for (const [k, v] of Object.entries(clientErrors.value)) {
      if (k.startsWith('data.'))
        out[k] = v
    }
    if (serverErrors.value.data)
      out['data.class_name'] = serverErrors.value.data
    return out
  })

  function showServerError(caught: unknown) {
    if (!isApiError(caught)) {
      formErrors.value = [String(caught)]
      return
    }
    formErrorTitle.value = failureTitle(caught, 'The server did not create the dialog')
    const explained = explainApiError(caught)
    const byField = fieldMessages(explained)
    serverErrors.value = Object.fromEntries(Object.entries(byField).filter(([f]) => FORM_FIELDS.has(f)))
    formErrors.value = explained.filter(e => !e.field || !FORM_FIELDS.has(e.field)).map(e => e.text)
    // The server's own words travel along for anyone who reads the docs.
    for (const e of explained) {
      if (e.field && FORM_FIELDS.has(e.field) && e.known && e.text !== e.original)
        serverErrors.value[e.field] = `${e.text} (Server: “${e.original}”)`
    }
  }

  async function create(): Promise<CreateOutcome> {
    tried.value = true
    serverErrors.value = {}
    formErrors.value = []
    const t = type()
    clientErrors.value = validateCreate(t, domainForm.value, actor.value)
    if (Object.keys(clientErrors.value).length || !t || !body.value)
      return { kind: 'failed' }
    const sent = body.value
    const other = users.nameOf(opponent.value ?? 0)
    const label = t === 3 ? `Private with ${other}` : sent.name ?? ''
    creating.value = true
    const startedAt = Date.now()
    try {
      const dialog = await activity.track({
        action: 'dialog.create',
        summary: `Created ${SLUG_BY_TYPE[t]} dialog “${label}”`,
        target: { kind: 'dialog', label },
        request: { method: 'POST', path: '/chat/Dialog.json', body: sent },
      }, () => dialogs.createDialog(sent), { after: d => d })
      created.value = true
      return t === 3 && existedBefore(dialog, startedAt) ? { kind: 'existed', dialog, other } : { kind: 'created', dialog, label }
    }
    catch (caught) {
      showServerError(caught)
      return { kind: 'failed' }
    }
    finally {
      creating.value = false
    }
  }

  return { form, opponent, joinRequired, serverErrors, formErrors, formErrorTitle, creating, created, body, dirty, dataErrors, errorOf, create }
}

export type CreateDraft = ReturnType<typeof useCreateDialog>
