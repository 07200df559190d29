import { staff_roles, type StaffRole } from '../../../main/api/console/contract'
import type { settlement_commands } from '../../../main/api/console/commands/settlement'
import type { Database } from '../../../main/store/database'
import type { Clock } from '../../../main/clock'
import type { HostContext } from '../../../main/host/context'
import { createCustomer, type CustomerRow } from '../../../main/customers/customers'
import { merchant as merchantRow } from '../../../main/merchants/merchants'
import { onboardMerchant } from '../../../main/merchants/onboarding'
import { setMerchantTerms } from '../../../main/merchants/terms'
import type { MerchantTerms } from '../../../main/merchants/rules'
import { closeBatch } from '../../../main/settlement/batches'
import { markPayoutSent, payoutForExport, returnPayout } from '../../../main/settlement/payouts'
import { testProfile } from './merchants'
import type { DemoApp } from '../demo-app'

// Merchants must have a rule; this one (USD 1,000,000.00) is never met in a test unless asked.
const no_rule: MerchantTerms = { discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: 100_000_000, settle_every_days: null }

/** A merchant with a settlement IBAN and the given terms (none by default: closed by hand only). */
export function settlementShop(db: Database, clock: Clock, code: string, terms: Partial<MerchantTerms> = {}, currency = 'USD'): number {
  const { merchant_id } = onboardMerchant(db, clock, { ...testProfile(code), currency })
  setMerchantTerms(db, merchant_id, { ...no_rule, ...terms })
  return merchant_id
}

/** A customer with room to buy a lot, in the currency. */
export function settlementBuyer(db: Database, clock: Clock, name = 'Bea Buyer', currency = 'USD'): CustomerRow {
  return createCustomer(db, clock, {
    name,
    email: '',
    currency,
    credit_limit_minor: 100_000_000,
    top_up_increment_minor: 1_000,
    micropayment_limit_per_purchase_minor: null,
    micropayment_limit_per_day_minor: null,
    payer_password: 'correct horse',
  })
}

/** A real purchase through the purchase flow; returns its purchase id. */
export function settlementBuy(ctx: HostContext, merchant_id: number, buyer: CustomerRow, amount_minor: number, key: string): string {
  const token = ctx.payers.login(buyer.payer_id, 'correct horse')
  if (!token) throw new Error('test buyer cannot log in')
  const { result } = ctx.purchases.purchase({
    merchant: merchantRow(ctx.db, merchant_id),
    idempotency_key: key,
    payer_token: token.payer_token,
    item: { id: `item-${key}`, title: `Article ${key}` },
    amount_minor,
    currency: buyer.currency,
  })
  if (result.status !== 'approved') throw new Error(`test purchase declined: ${result.message}`)
  return result.purchase_id
}

/**
 * An input for every settlement command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Each role closes its own merchant's batch and steps its own payouts, so one role's success
 * never leaves the next nothing to do.
 */
export function settlementInputs(t: DemoApp): Record<keyof typeof settlement_commands, (role: StaffRole) => unknown> {
  const buyer = settlementBuyer(t.db, t.clock, 'Matrix Buyer')
  const now = () => t.clock.now()
  const per_role = new Map<StaffRole, { merchant_id: number; batch_id: number; exported_id: number; sent_id: number; returned_batch_id: number }>()
  for (const [index, role] of staff_roles.entries()) {
    const merchant_id = settlementShop(t.db, t.clock, `MX-STL-${index}`)
    const batch_of = (n: number) => {
      settlementBuy(t.ctx, merchant_id, buyer, 1_500, `matrix-${index}-${n}`)
      return closeBatch(t.ctx, { merchant_id, closed_by: 'staff', staff_id: 1, idempotency_key: `matrix-${index}-${n}` }, now()).batch.batch_id
    }
    const exported = payoutForExport(t.ctx, batch_of(1), 1, true).payout
    const sent = markPayoutSent(t.ctx, payoutForExport(t.ctx, batch_of(2), 1, true).payout.id, 1, now()).payout
    const returned_batch_id = batch_of(3)
    const to_return = markPayoutSent(t.ctx, payoutForExport(t.ctx, returned_batch_id, 1, true).payout.id, 1, now()).payout
    returnPayout(t.ctx, to_return.id, 'Account closed', 1, now())
    // Something left to close by hand.
    settlementBuy(t.ctx, merchant_id, buyer, 2_000, `matrix-${index}-open`)
    per_role.set(role, { merchant_id, batch_id: exported.batch_id, exported_id: exported.id, sent_id: sent.id, returned_batch_id })
  }
  const of = (role: StaffRole) => {
    const found = per_role.get(role)
    if (!found) throw new Error(`no settlement fixture for ${role}`)
    return found
  }
  return {
    'settlement.due': () => ({}),
    'settlement.list': () => ({ page: 1, page_size: 20 }),
    'settlement.get': (role) => ({ batch_id: of(role).batch_id }),
    'settlement.close': (role) => ({ merchant_id: of(role).merchant_id, idempotency_key: `matrix-close-${role}` }),
    'settlement.export_csv': (role) => ({ batch_id: of(role).batch_id }),
    'settlement.export_pain001': (role) => ({ batch_id: of(role).batch_id }),
    'settlement.export_pdf': (role) => ({ batch_id: of(role).batch_id }),
    'settlement.payout_sent': (role) => ({ payout_id: of(role).exported_id }),
    'settlement.payout_return': (role) => ({ payout_id: of(role).sent_id, reason: `Returned for ${role}` }),
    'settlement.payout_resend': (role) => ({ batch_id: of(role).returned_batch_id }),
    'settlement.payout_account': () => ({}),
    'settlement.set_payout_account': () => ({ iban: 'GB29 NWBK 6016 1331 9268 19', bic: 'NWBKGB2L' }),
  }
}
