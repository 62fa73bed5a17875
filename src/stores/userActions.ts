import type { StepKind } from './userActionSteps'
import type { Dialog } from '@/api/types'
import type { ActionPlan, CrossDialogAction, PickedMessage, PlannedChange } from '@/domain/userActions'
import type { FanOutProgress } from '@/jobs/fanOut'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { actorFromUserId } from '@/domain/actor'
import { planDemotion, planMarks, planMessageDeletion, planRemoval, skipCounts } from '@/domain/userActions'
import { failedItems, fanOut } from '@/jobs/fanOut'
import { useActivityStore } from './activity'
import { useSessionStore } from './session'
import { dialogLabel, runStep, STEP_ACTION, stepRequest, unreadForAll } from './userActionSteps'
import { readAllDialogs } from './userPage'

/** What happened in one dialog. */
export interface DialogOutcome {
  dialogId: string
  status: 'done' | 'failed' | 'not-started'
  /** What it did ("Removed") or the server's words. */
  text: string
}

/** One action across dialogs: its dry run, then its progress and per-dialog summary. */
export interface ActionRun {
  action: CrossDialogAction
  /** What runs now: the action itself, a retry of its failures, or its undo. */
  step: StepKind
  userId: number
  userName: string
  plan: ActionPlan
  /** The dialogs the plan names, by ID (labels for the summary). */
  dialogs: ReadonlyMap<string, Pick<Dialog, '_id' | 'type' | 'name'>>
  phase: 'dry-run' | 'running' | 'done'
  progress: FanOutProgress
  outcomes: DialogOutcome[]
  cancelled: boolean
  /** The undo ran (or runs): not offered again. */
  undone: boolean
}

/** Actions whose changes can be put back: removal and demotion. */
const UNDO: Partial<Record<StepKind, StepKind>> = { remove: 'restore', demote: 'promote' }

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function summary(step: StepKind, name: string, count: number): string {
  const n = `${count} dialog${count === 1 ? '' : 's'}`
  switch (step) {
    case 'remove': return `Removed ${name} from ${n}`
    case 'restore': return `Put ${name} back in ${n}`
    case 'demote': return `Removed ${name}'s admin rights in ${n}`
    case 'promote': return `Gave ${name}'s admin rights back in ${n}`
    case 'mark-read': return `Marked ${n} read for ${name}`
    case 'mark-delivered': return `Marked ${n} delivered for ${name}`
    case 'delete-messages': return `Deleted ${name}'s messages for everyone in ${n}`
  }
}

/** The user page's actions across dialogs: dry run, progress, summary, Retry failed, Undo. */
export const useUserActionsStore = defineStore('userActions', () => {
  const run = shallowRef<ActionRun | null>(null)
  const preparing = ref<CrossDialogAction | null>(null)
  const prepareError = ref<string | null>(null)
  let controller: AbortController | null = null

  function patch(changes: Partial<ActionRun>) {
    if (run.value)
      run.value = { ...run.value, ...changes }
  }

  /**
   * Builds the dry run: their dialogs (those given, else all of them, read as they see them),
   * judged for the acting user; a read mark also reads their unread counts. Sends no write.
   */
  async function prepare(action: CrossDialogAction, userId: number, userName: string, options: { dialogs?: readonly Dialog[], messages?: readonly PickedMessage[], known?: ReadonlyMap<string, Dialog> } = {}): Promise<void> {
    cancel()
    run.value = null
    preparing.value = action
    prepareError.value = null
    const own = new AbortController()
    controller = own
    try {
      const dialogs = options.dialogs?.length ? [...options.dialogs] : options.known?.size ? [...options.known.values()] : await readAllDialogs(userId, own.signal)
      const actor = actorFromUserId(useSessionStore().actingUserId)
      let plan: ActionPlan
      if (action === 'remove')
        plan = planRemoval(actor, dialogs, userId)
      else if (action === 'demote')
        plan = planDemotion(actor, dialogs, userId)
      else if (action === 'delete-messages')
        plan = planMessageDeletion(actor, new Map(dialogs.map(d => [d._id, d])), options.messages ?? [])
      else
        plan = planMarks(dialogs, userId, action === 'mark-read' ? 'read' : 'delivered', action === 'mark-read' ? await unreadForAll(userId, dialogs.map(d => d._id), own.signal) : new Map())
      if (controller !== own)
        return
      run.value = {
        action,
        step: action,
        userId,
        userName,
        plan,
        dialogs: new Map(dialogs.map(d => [d._id, d])),
        phase: 'dry-run',
        progress: { finished: 0, total: plan.change.length, failed: 0 },
        outcomes: [],
        cancelled: false,
        undone: false,
      }
    }
    catch (error) {
      if (controller === own && !isApiError(error, 'abort') && !own.signal.aborted)
        prepareError.value = errorText(error)
    }
    finally {
      if (controller === own)
        preparing.value = null
    }
  }

  /** Runs `changes` as `step` (3 at a time), records one log entry, and keeps a per-dialog summary. */
  async function execute(step: StepKind, changes: readonly PlannedChange[], onGone?: (ids: readonly string[]) => void, retry = false): Promise<void> {
    const current = run.value
    if (!current || !changes.length)
      return
    const own = new AbortController()
    controller = own
    const { userId, userName } = current
    // A retry keeps the outcomes of the dialogs it does not touch (Undo needs every "done").
    const kept = retry ? current.outcomes.filter(o => !changes.some(c => c.dialogId === o.dialogId)) : []
    patch({ step, phase: 'running', progress: { finished: 0, total: changes.length, failed: 0 }, outcomes: kept, cancelled: false })
    const activity = useActivityStore()
    const label = (id: string) => dialogLabel(run.value?.dialogs.get(id))
    const work = async () => {
      const result = await fanOut({
        items: changes,
        kind: 'write',
        signal: own.signal,
        run: change => runStep(step, userId, change, onGone),
        onProgress: p => patch({ progress: p }),
      })
      const outcomes: DialogOutcome[] = result.outcomes.map(o => ({
        dialogId: o.item.dialogId,
        status: o.status === 'skipped' ? 'not-started' : o.status,
        text: o.status === 'done' ? o.value : o.status === 'failed' ? errorText(o.error) : 'Not started: cancelled',
      }))
      patch({ phase: 'done', outcomes: [...kept, ...outcomes], cancelled: result.cancelled })
      if (result.failed && !result.done)
        throw new Error(`Failed in every dialog tried (${result.failed}); first: ${outcomes.find(o => o.status === 'failed')!.text}`)
      return result
    }
    try {
      await activity.track({
        action: STEP_ACTION[step],
        summary: `${retry ? 'Retry: ' : ''}${summary(step, userName, changes.length)}`,
        target: { kind: 'user', id: String(userId), label: userName },
        request: stepRequest(step, userId, changes.length),
        before: step === current.action ? { dialogs: changes.length, skipped: Object.fromEntries(skipCounts(current.plan.skipped).map(s => [s.label, s.count])) } : { dialogs: changes.length },
      }, work, {
        // Per dialog, kept small: counts, and the dialogs only of what went wrong.
        after: r => ({
          done: r.done,
          failed: failedItems(r).slice(0, 20).map((c) => {
            const o = r.outcomes.find(x => x.item === c)
            return { dialog: c.dialogId, name: label(c.dialogId), error: o?.status === 'failed' ? errorText(o.error).slice(0, 200) : '' }
          }),
          notStarted: r.skipped,
        }),
        partial: r => r.failed || r.skipped ? `${r.failed} of ${changes.length} dialogs failed${r.skipped ? `, ${r.skipped} not started (cancelled)` : ''}` : null,
      })
    }
    catch {
      // Every dialog failed: the summary shows each one's error, and the log has the entry.
    }
    finally {
      if (controller === own)
        controller = null
    }
  }

  /** Sends the dry run's changes. */
  function confirm(onGone?: (ids: readonly string[]) => void): Promise<void> {
    const current = run.value
    return current ? execute(current.action, current.plan.change, onGone) : Promise.resolve()
  }

  /** Runs again only the dialogs that failed. */
  function retryFailed(onGone?: (ids: readonly string[]) => void): Promise<void> {
    const current = run.value
    if (!current)
      return Promise.resolve()
    const failed = new Set(current.outcomes.filter(o => o.status === 'failed').map(o => o.dialogId))
    return execute(current.step, current.plan.change.filter(c => failed.has(c.dialogId)), onGone, true)
  }

  function undoChanges(current: ActionRun): PlannedChange[] {
    const done = new Set(current.outcomes.filter(o => o.status === 'done').map(o => o.dialogId))
    return current.plan.change.filter(c => done.has(c.dialogId))
  }

  /** Puts back what the removal (or demotion) changed: only the dialogs where it was done. */
  async function undo(): Promise<void> {
    const current = run.value
    const step = current && UNDO[current.action]
    if (!current || !step || current.undone || current.step !== current.action)
      return
    const changes = undoChanges(current)
    patch({ undone: true })
    await execute(step, changes)
  }

  /** Cancels a dry run being prepared, or a run: nothing new is sent; writes under way finish. */
  function cancel() {
    controller?.abort()
    controller = null
    preparing.value = null
  }

  function dismiss() {
    if (run.value?.phase === 'running')
      return
    cancel()
    run.value = null
    prepareError.value = null
  }

  function canUndo(current: ActionRun | null): boolean {
    return !!current && !!UNDO[current.action] && !current.undone && current.step === current.action && current.phase === 'done' && current.outcomes.some(o => o.status === 'done')
  }

  function $reset() {
    cancel()
    run.value = null
    prepareError.value = null
  }

  return { run, preparing, prepareError, prepare, confirm, retryFailed, undo, cancel, dismiss, canUndo, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useUserActionsStore, import.meta.hot))
