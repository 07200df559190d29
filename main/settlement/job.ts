import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { LedgerRefusal } from '../ledger/errors'
import { closeDueBatch } from './batches'
import { settlementDue } from './due'

/**
 * The host's settlement job: closes one batch for each merchant whose rule is met. A batch
 * takes everything unsettled, so a long downtime closes one batch with all of it, and a rerun
 * (or a restart) finds nothing left, or replays the same request: nothing is closed twice.
 * Each close is audited as job.settlement_close inside its own transaction.
 */
export function settleDueMerchants(ctx: HostContext, now: Date): Record<string, unknown> | null {
  let closed = 0
  let net_minor_by_currency: Record<string, number> = {}
  const refused: string[] = []
  for (const due of settlementDue(ctx.db, now)) {
    if (!due.due || due.due_reason === null) continue
    try {
      const result = closeDueBatch(ctx, due.merchant_id, due.due_reason, now)
      if (!result || result.replayed) continue
      closed += 1
      net_minor_by_currency = { ...net_minor_by_currency, [due.currency]: (net_minor_by_currency[due.currency] ?? 0) + result.batch.net_minor }
    } catch (error) {
      // One merchant's refusal (e.g. its payable account suspended) must not stop the others.
      if (!(error instanceof RequestError) && !(error instanceof LedgerRefusal)) throw error
      refused.push(`${due.merchant_name}: ${(error as Error).message}`)
    }
  }
  if (closed === 0 && refused.length === 0) return null
  return { closed, net_minor_by_currency, ...(refused.length > 0 ? { refused } : {}) }
}
