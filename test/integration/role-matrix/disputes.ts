import { staff_roles, type StaffRole } from '../../../main/api/console/contract'
import type { dispute_commands } from '../../../main/api/console/commands/disputes'
import { customerAccounts } from '../../../main/customers/customers'
import { findAccount } from '../../../main/ledger/accounts'
import { openNewDispute } from '../../../main/disputes/disputes'
import type { DemoApp } from '../demo-app'

/**
 * An input for every orders and disputes command, for the role matrix in console-api.test.ts:
 * each role sends it, and must be answered 200 where mayCall allows and 403 (nothing changed)
 * where not. Each role disputes charges of its own: a POS card payment per role and use,
 * made here from a demo customer's cash-access account to a demo merchant's payable.
 */
export function disputeInputs(t: DemoApp): Record<keyof typeof dispute_commands, (role: StaffRole) => unknown> {
  const customer = t.db.prepare("SELECT id FROM customers WHERE name = 'Hedy Lamarr'").get() as { id: number }
  const merchant = t.db.prepare("SELECT id FROM merchants WHERE name = 'Pixel Arcade'").get() as { id: number }
  const source = customerAccounts(t.db, customer.id).cash_access
  const payable = findAccount(t.db, 'merchant', merchant.id, 'merchant_payable', 'USD')
  if (!payable) throw new Error('the demo merchant has no USD payable')
  const staff = t.db.prepare("SELECT id FROM staff WHERE role = 'back_office_clerk' ORDER BY id LIMIT 1").get() as { id: number }
  const purchase = t.db.prepare("SELECT purchase_id FROM purchases WHERE status = 'approved' ORDER BY id LIMIT 1").get() as { purchase_id: string }
  const chargeFor = new Map<string, number>()
  const disputeFor = new Map<string, number>()
  for (const role of staff_roles) {
    for (const use of ['open', 'provisional', 'reverse', 'reject']) {
      const [charge] = t.ctx.ledger.apply(1, [{ type: 'single', debit_account_id: source.id, credit_account_id: payable.id, amount_minor: 10, currency: 'USD', code: 'pos_purchase', memo: `matrix ${role} ${use}` }], t.clock.now())
      if (!charge) throw new Error('no charge')
      chargeFor.set(`${role}:${use}`, charge.id)
      if (use !== 'open') {
        disputeFor.set(`${role}:${use}`, openNewDispute(t.ctx, staff.id, { transfer_id: charge.id, reason: `matrix ${use}`, idempotency_key: `matrix-${role}-${use}` }).dispute_id)
      }
    }
  }
  return {
    'orders.list': () => ({ status: 'approved', page_size: 5 }),
    'orders.get': () => ({ purchase_id: purchase.purchase_id }),
    'disputes.list': () => ({ status: 'open' }),
    'disputes.open': (role) => ({ transfer_id: chargeFor.get(`${role}:open`), reason: `disputed by ${role}`, idempotency_key: `open-${role}` }),
    'disputes.grant_provisional': (role) => ({ dispute_id: disputeFor.get(`${role}:provisional`), idempotency_key: `provisional-${role}` }),
    'disputes.resolve_reversal': (role) => ({ dispute_id: disputeFor.get(`${role}:reverse`), note: 'upheld', idempotency_key: `reverse-${role}` }),
    'disputes.reject': (role) => ({ dispute_id: disputeFor.get(`${role}:reject`), note: 'not upheld', idempotency_key: `reject-${role}` }),
    'settings.refund_thresholds': () => ({}),
    'settings.set_refund_threshold': () => ({ currency: 'USD', threshold_minor: 10_000 }),
  }
}
