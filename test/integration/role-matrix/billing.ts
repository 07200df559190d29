import { staff_roles, type StaffRole } from '../../../main/api/console/contract'
import type { billing_commands } from '../../../main/api/console/commands/billing'
import { createCustomer, customerAccounts } from '../../../main/customers/customers'
import { spAccount } from '../../../main/ledger/accounts'
import { closeBillNow } from '../../../main/billing/close-now'
import type { DemoApp } from '../demo-app'

/** A USD customer owing `charge_minor` on the credit account, not yet billed. */
export function owingCustomer(t: DemoApp, name: string, charge_minor: number): number {
  const customer = createCustomer(t.db, t.clock, {
    name,
    email: '',
    currency: 'USD',
    credit_limit_minor: 50_000,
    top_up_increment_minor: 1_000,
    micropayment_limit_per_purchase_minor: null,
    micropayment_limit_per_day_minor: null,
    payer_password: 'correct horse battery',
  })
  const credit = customerAccounts(t.db, customer.id).credit
  const now = t.clock.now()
  t.ctx.requests.run({ scope: 'test', idempotency_key: `charge:${customer.id}`, kind: 'adjustment', content: {} }, now, (request_id) =>
    t.ctx.ledger.apply(
      request_id,
      [{ type: 'single', debit_account_id: credit.id, credit_account_id: spAccount(t.db, 'sp_funding', 'USD', now.toISOString()).id, amount_minor: charge_minor, currency: 'USD', code: 'adjustment', memo: 'test charge' }],
      now,
    ),
  )
  return customer.id
}

/**
 * An input for every billing command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Each role closes its own customer's bill, since a bill closes once.
 */
export function billingInputs(t: DemoApp): Record<keyof typeof billing_commands, (role: StaffRole) => unknown> {
  const admin = (t.db.prepare("SELECT id FROM staff WHERE username = 'admin'").get() as { id: number }).id
  const billed = owingCustomer(t, 'Matrix Billed', 5_000)
  const bill = closeBillNow(t.ctx, billed, admin, 'matrix')
  const to_close = new Map<StaffRole, number>(staff_roles.map((role) => [role, owingCustomer(t, `Matrix ${role}`, 1_000)]))
  return {
    'bills.list': () => ({ status: 'unpaid' }),
    'bills.get': () => ({ bill_id: bill.bill_id }),
    'bills.statement_csv': () => ({ bill_id: bill.bill_id }),
    'bills.statement_pdf': () => ({ bill_id: bill.bill_id }),
    'bills.record_payment': (role) => ({ customer_id: billed, amount_minor: 100, reference: `paid via ${role}`, idempotency_key: `matrix-${role}` }),
    'bills.close_now': (role) => ({ customer_id: to_close.get(role), idempotency_key: `matrix-${role}` }),
    'billing.summary': () => ({ customer_id: billed }),
    'customers.set_billing': (role) => ({ customer_id: billed, billing_day: 1 + staff_roles.indexOf(role), bill_cap_minor: 20_000, bill_fee_minor: 100 }),
  }
}
