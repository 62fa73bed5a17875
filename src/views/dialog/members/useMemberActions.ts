import type { MemberIndex } from './memberRows'
import type { Dialog } from '@/api/types'
import type { Actor } from '@/domain'
import type { MemberChange, MemberChangeResult } from '@/stores/members'
import type { InjectionKey } from 'vue'
import { NButton } from 'naive-ui'
import { h, inject, provide, ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { useConfirm } from '@/composables/useConfirm'
import { useNotices } from '@/composables/useNotices'
import { canAddAdmins, canAddOccupants, canRemoveAdmin, canRemoveOccupant, explainApiError } from '@/domain'
import { useMembersStore } from '@/stores/members'
import { useUsersStore } from '@/stores/users'
import { bulkCheck } from './memberRows'
import { plural } from './memberRules'

export type MembersBusy = 'add' | 'paste' | 'remove' | 'promote' | 'demote' | 'undo'

export const BUSY_TEXT: Record<MembersBusy, string> = {
  add: 'Adding…',
  paste: 'Adding the pasted people…',
  remove: 'Removing…',
  promote: 'Making admins…',
  demote: 'Removing the admin role…',
  undo: 'Putting them back…',
}

interface Context {
  dialog: () => Dialog
  actor: () => Actor
  index: () => MemberIndex
  /** Asks the page to load the dialog again (after a refusal, in case someone else changed it). */
  reload: () => void
  /** Called with the people a change took out, so a selection can drop them. */
  removed?: (ids: readonly number[]) => void
}

/**
 * Every change of a dialog's members: one request each, its progress, the result as one toast
 * (with Undo where the acting user may put it back) and failures in the server's words. Asks
 * first only where nothing can undo it.
 */
export function useMemberActions(ctx: Context) {
  const members = useMembersStore()
  const users = useUsersStore()
  const notification = useNotices()
  const confirm = useConfirm()

  const busy = ref<MembersBusy | null>(null)
  const failure = shallowRef<{ title: string, lines: string[] } | null>(null)

  function names(ids: readonly number[], max = 5): string {
    const shown = ids.slice(0, max).map(id => users.nameOf(id)).join(', ')
    return ids.length > max ? `${shown} and ${ids.length - max} more` : shown
  }

  function showFailure(title: string, caught: unknown) {
    if (isApiError(caught)) {
      const lines = explainApiError(caught).map(e => e.known && e.text !== e.original
        ? `${e.text} (Server said: “${e.original.trim()}”${caught.status ? `, HTTP ${caught.status}` : ''})`
        : `${e.text}${caught.status ? ` (HTTP ${caught.status})` : ''}`)
      if (caught.status === 403)
        lines.push('The server refused although the rules on this page allowed it. The members shown have been reloaded in case someone else changed them.')
      failure.value = { title, lines: lines.length ? lines : [caught.message] }
      if (caught.status === 403 || caught.status === 400 || caught.status === 404)
        ctx.reload()
    }
    else {
      failure.value = { title, lines: [caught instanceof Error ? caught.message : String(caught)] }
    }
  }

  async function run(kind: MembersBusy, change: MemberChange, failTitle: string): Promise<MemberChangeResult | null | undefined> {
    busy.value = kind
    failure.value = null
    try {
      return await members.changeMembers(ctx.dialog(), change)
    }
    catch (caught) {
      showFailure(failTitle, caught)
      return undefined
    }
    finally {
      busy.value = null
    }
  }

  function toast(title: string, content: string, undo?: () => void) {
    const note = notification.success({
      title,
      content,
      duration: undo ? 15_000 : 6_000,
      keepAliveOnHover: true,
      action: undo ? () => h(NButton, { size: 'small', type: 'primary', onClick: () => { note.destroy(); undo() } }, { default: () => 'Undo' }) : undefined,
    })
  }

  function nothing(content: string) {
    notification.info({ title: 'Nothing to change', content, duration: 4000 })
  }

  /** Adds people as occupants, or as admins (who join the occupants of a group too). */
  async function add(ids: number[], asAdmins: boolean): Promise<boolean> {
    const permission = asAdmins ? canAddAdmins(ctx.actor(), ctx.dialog(), ids) : canAddOccupants(ctx.actor(), ctx.dialog(), ids)
    if (!permission.allowed) {
      failure.value = { title: 'Not sent', lines: [permission.reason ?? 'Not allowed.'] }
      return false
    }
    const result = await run('add', { kind: asAdmins ? 'add-admins' : 'add-occupants', ids }, asAdmins ? 'Could not add the admins' : 'Could not add these people')
    if (result === undefined)
      return false
    if (result === null) {
      nothing(asAdmins ? 'They are all admins already.' : 'They are all in the dialog already.')
      return true
    }
    const pushed = (asAdmins ? result.body.push_all?.admin_ids : result.body.push_all?.occupants_ids) ?? []
    const joined = result.alsoOccupants
    toast(
      asAdmins ? `Made ${plural(pushed.length, 'admin', 'admins')}` : `Added ${plural(pushed.length, 'person', 'people')}`,
      `${names(pushed)}.${joined.length ? ` ${plural(joined.length, 'of them was', 'of them were')} not in the dialog and joined it as members too: a group's admins are always members.` : ''}`,
    )
    return true
  }

  async function addPasted(ids: number[]): Promise<boolean> {
    const result = await run('paste', { kind: 'add-occupants', ids }, 'Could not add the pasted people')
    if (result === undefined)
      return false
    if (result === null) {
      nothing('Everyone on the list is in the dialog already.')
      return true
    }
    const pushed = result.body.push_all?.occupants_ids ?? []
    toast(`Added ${plural(pushed.length, 'person', 'people')} from the list`, `${names(pushed)}.`)
    return true
  }

  /** Asks once (naming who leaves and who is left out), removes in one pull_all, then offers Undo. */
  async function remove(ids: readonly number[]) {
    const index = ctx.index()
    const dialog = ctx.dialog()
    const check = bulkCheck(index, ctx.actor(), ids, canRemoveOccupant)
    if (!check.allowed.length)
      return
    const left = [...check.denied].map(([reason, denied]) => `${plural(denied.length, 'selected person', 'selected people')}: ${reason}`)
    const adminsAmong = check.allowed.filter(id => index.admins.has(id))
    const content = [
      `${names(check.allowed, 10)} will leave “${dialog.name ?? 'this dialog'}”.`,
      adminsAmong.length && dialog.type === 2 ? `${plural(adminsAmong.length, 'of them is an admin', 'of them are admins')} and will lose that role too.` : '',
      left.length ? `Not removed — ${left.join(' ')}` : '',
    ].filter(Boolean).join(' ')
    const count = plural(check.allowed.length, 'person', 'people')
    if (!await confirm.ask(`Remove ${count}?`, content, `Remove ${count}`, 'error'))
      return
    const result = await run('remove', { kind: 'remove-occupants', ids: check.allowed }, 'Could not remove these people')
    if (!result)
      return
    const removed = result.body.pull_all?.occupants_ids ?? []
    const wereAdmins = removed.filter(id => dialog.admin_ids.includes(id))
    ctx.removed?.(removed)
    const canPutBack = canAddOccupants(ctx.actor(), result.dialog, removed)
    toast(
      `Removed ${plural(removed.length, 'person', 'people')}`,
      `${names(removed)}.${canPutBack.allowed ? '' : ` Undo isn't possible here: ${canPutBack.reason}`}`,
      canPutBack.allowed ? () => void putBack(removed, wereAdmins) : undefined,
    )
  }

  async function putBack(ids: number[], wereAdmins: number[]) {
    // Their admin role comes back in the same push_all when the acting user may give it.
    const mayRestoreAdmins = wereAdmins.length > 0 && canAddAdmins(ctx.actor(), ctx.dialog(), wereAdmins).allowed
    const result = await run('undo', { kind: 'restore', ids, admins: mayRestoreAdmins ? wereAdmins : [] }, 'Could not undo the removal')
    if (result === undefined)
      return
    if (result === null) {
      notification.info({ title: 'Nothing to undo', content: 'They are all back in the dialog already.', duration: 4000 })
      return
    }
    const back = result.body.push_all?.occupants_ids ?? []
    const lostRole = wereAdmins.length && !mayRestoreAdmins
      ? ` ${plural(wereAdmins.length, 'of them was an admin', 'of them were admins')}: only the dialog's owner can give that role back.`
      : mayRestoreAdmins ? ` ${plural(wereAdmins.length, 'admin role', 'admin roles')} restored too.` : ''
    toast(`Put back ${plural(back.length, 'person', 'people')}`, `${names(back)}.${lostRole}`)
  }

  async function promote(ids: readonly number[]) {
    const index = ctx.index()
    const check = bulkCheck(index, ctx.actor(), ids.filter(id => !index.admins.has(id)), (a, d, id) => canAddAdmins(a, d, [id]))
    if (!check.allowed.length)
      return
    const result = await run('promote', { kind: 'add-admins', ids: check.allowed }, 'Could not make them admins')
    if (!result)
      return
    const pushed = result.body.push_all?.admin_ids ?? []
    toast(`Made ${plural(pushed.length, 'admin', 'admins')}`, `${names(pushed)}.`)
  }

  /** Takes the admin role away: at once with Undo when the acting user may give it back, else after asking. */
  async function demote(ids: readonly number[]) {
    const check = bulkCheck(ctx.index(), ctx.actor(), ids, canRemoveAdmin)
    if (!check.allowed.length)
      return
    const actor = ctx.actor()
    const canGiveBack = canAddAdmins(actor, ctx.dialog(), check.allowed).allowed
    if (!canGiveBack) {
      const self = actor.kind === 'user' && check.allowed.includes(actor.userId)
      const ok = await confirm.ask(
        `Remove the admin role of ${plural(check.allowed.length, 'person', 'people')}?`,
        `${names(check.allowed, 10)} will stay in the dialog as ${check.allowed.length === 1 ? 'a member' : 'members'}.${self ? ' You are among them: only the owner can make you an admin again.' : ' Only the owner can make them admins again.'}`,
        'Remove admin role',
      )
      if (!ok)
        return
    }
    const result = await run('demote', { kind: 'remove-admins', ids: check.allowed }, 'Could not remove the admin role')
    if (!result)
      return
    const pulled = result.body.pull_all?.admin_ids ?? []
    toast(
      `Removed the admin role of ${plural(pulled.length, 'person', 'people')}`,
      `${names(pulled)}. They stay in the dialog.`,
      canGiveBack ? () => void promote(pulled) : undefined,
    )
  }

  return { busy, failure, confirm, add, addPasted, remove, promote, demote }
}

export type MemberActions = ReturnType<typeof useMemberActions>

const KEY: InjectionKey<MemberActions> = Symbol('member-actions')

export function provideMemberActions(actions: MemberActions): void {
  provide(KEY, actions)
}

/** The Members page's actions, for its parts. */
export function injectMemberActions(): MemberActions {
  const actions = inject(KEY)
  if (!actions)
    throw new Error('injectMemberActions: no Members page around this part')
  return actions
}
