import type { HandlersFor } from '../handler-types'
import { staffOf } from '../handler-types'
import type { dispute_commands } from '../commands/disputes'
import { disputeView, grantProvisionalCredit, listDisputes, openNewDispute, rejectDispute, resolveByReversal } from '../../../disputes/disputes'
import { listOrders, orderDetail } from '../../../disputes/orders'
import { refundThreshold, setRefundThreshold } from '../../../host/settings'
import { currency as currencyOf, thresholds } from '../../../payments/thresholds'
import { RequestError } from '../../../errors'
import { audit } from '../../../staff/audit'

// The dispute steps audit themselves inside their transaction (main/disputes/disputes.ts).
export const dispute_handlers: HandlersFor<typeof dispute_commands> = {
  'orders.list': (ctx, input) => listOrders(ctx.db, input),
  'orders.get': (ctx, input) => orderDetail(ctx.db, input.purchase_id),
  'disputes.list': (ctx, input) => listDisputes(ctx, input),
  'disputes.open': (ctx, input, caller) => {
    const opened = openNewDispute(ctx, staffOf(caller).id, input)
    return { dispute: disputeView(ctx, opened.dispute_id), replayed: opened.replayed }
  },
  'disputes.grant_provisional': (ctx, input, caller) => {
    const granted = grantProvisionalCredit(ctx, staffOf(caller).id, input.dispute_id, input.idempotency_key)
    return { dispute: disputeView(ctx, granted.dispute_id), replayed: granted.replayed }
  },
  'disputes.resolve_reversal': (ctx, input, caller) => {
    const resolved = resolveByReversal(ctx, staffOf(caller).id, input.dispute_id, input.note, input.idempotency_key)
    return { dispute: disputeView(ctx, resolved.dispute_id), approval_id: resolved.approval_id, replayed: resolved.replayed }
  },
  'disputes.reject': (ctx, input, caller) => {
    const rejected = rejectDispute(ctx, staffOf(caller).id, input.dispute_id, input.note, input.idempotency_key)
    return { dispute: disputeView(ctx, rejected.dispute_id), replayed: rejected.replayed }
  },
  // The currencies the SP takes purchases in: those with a micropayment threshold.
  'settings.refund_thresholds': (ctx) => ({
    thresholds: thresholds(ctx.db).map((t) => ({ currency: t.currency, exponent: t.exponent, threshold_minor: refundThreshold(ctx.db, t.currency) })),
  }),
  'settings.set_refund_threshold': (ctx, input, caller) => {
    if (!currencyOf(ctx.db, input.currency)) throw new RequestError('bad_request', `${input.currency} is not a currency this bank knows`)
    ctx.db.transaction(() => {
      const before = refundThreshold(ctx.db, input.currency)
      setRefundThreshold(ctx.db, input.currency, input.threshold_minor)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settings.set_refund_threshold', subject: input.currency, detail: { from: before, to: input.threshold_minor } })
    })()
    return {}
  },
}
