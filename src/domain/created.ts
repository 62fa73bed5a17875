/**
 * Allowance for the browser's clock running ahead of the server's: a dialog created less than
 * this long before the request counts as new.
 */
export const CLOCK_ALLOWANCE_MS = 120_000

/**
 * Whether the dialog a create answered with existed before the create was sent: QuickBlox
 * answers a private dialog's create with the pair's existing dialog.
 */
export function existedBefore(dialog: { created_at: string }, sentAt: number, allowanceMs = CLOCK_ALLOWANCE_MS): boolean {
  const created = Date.parse(dialog.created_at)
  return Number.isFinite(created) && created < sentAt - allowanceMs
}
