/**
 * A small bank for the ledger property test, built once through the real code (real
 * migrations, createCustomer, payer logins) and then copied per run with SQLite's own
 * serialize/deserialize, so two hundred runs do not pay for two hundred scrypt hashes.
 * Each copy is a real in-memory SQLite database; nothing in it is mocked.
 */
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from '../../main/store/database'
import { FrozenClock } from '../../main/clock'
import { createContext, type HostContext } from '../../main/host/context'
import { blockMerchant, createCustomer, customerAccounts } from '../../main/customers/customers'
import { createMerchant } from '../../main/merchants/merchants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { spAccount } from '../../main/ledger/accounts'
import { payer_session_ttl_ms } from '../../main/customers/payer-sessions'
import { testDatabase } from '../support/db'

/** Every run starts ten minutes before a UTC midnight, so daily limits roll over in some runs. */
export const run_start_iso = '2026-11-02T23:50:00.000Z'
export const threshold_minor = 500
/** The "old" payer session was opened this long before the run starts, so it dies early in the run. */
export const old_session_age_ms = 25 * 60 * 1000

export interface CustomerPlan {
  credit_limit_minor: number
  top_up_increment_minor: number
  per_purchase_minor: number | null
  per_day_minor: number | null
  /** Indexes into the template's merchants. */
  blocks: number[]
}

export interface TemplateCustomer extends CustomerPlan {
  id: number
  credit_id: number
  value_id: number
  cash_access_id: number
  tokens: { fresh: string; old: string }
  /** When each token stops working, in ms since the epoch. */
  expires_ms: { fresh: number; old: number }
}

export interface BankTemplate {
  image: Buffer
  customers: TemplateCustomer[]
  merchants: Array<{ id: number; payable_id: number }>
  funding_id: number
}

/** Varied credit limits and top-up increments, including a line too small for one increment. */
export const bank_plans: CustomerPlan[][] = [
  [
    { credit_limit_minor: 2_000, top_up_increment_minor: 500, per_purchase_minor: null, per_day_minor: null, blocks: [] },
    { credit_limit_minor: 10_000, top_up_increment_minor: 1_000, per_purchase_minor: 300, per_day_minor: 600, blocks: [1] },
    { credit_limit_minor: 400, top_up_increment_minor: 600, per_purchase_minor: null, per_day_minor: null, blocks: [] },
  ],
  [
    { credit_limit_minor: 5_000, top_up_increment_minor: 750, per_purchase_minor: null, per_day_minor: null, blocks: [] },
    { credit_limit_minor: 1_000, top_up_increment_minor: 500, per_purchase_minor: null, per_day_minor: 400, blocks: [0] },
  ],
  [
    { credit_limit_minor: 0, top_up_increment_minor: 500, per_purchase_minor: null, per_day_minor: null, blocks: [] },
    { credit_limit_minor: 3_000, top_up_increment_minor: 2_000, per_purchase_minor: 450, per_day_minor: null, blocks: [] },
    { credit_limit_minor: 25_000, top_up_increment_minor: 500, per_purchase_minor: null, per_day_minor: null, blocks: [0, 1] },
  ],
]

const payer_password = 'correct horse battery'

export function buildTemplate(plan: CustomerPlan[]): BankTemplate {
  const { db, clock } = testDatabase(new Date(Date.parse(run_start_iso) - old_session_age_ms).toISOString())
  try {
    const ctx = createContext(db, clock)
    setMicropaymentThreshold(db, 'USD', threshold_minor, clock.now())
    const merchants = ['Daily Gazette', 'Pixel Arcade'].map((name) => {
      const m = createMerchant(db, clock, { name, category: 'news', currency: 'USD' })
      const payable = db.prepare("SELECT id FROM accounts WHERE owner_type = 'merchant' AND owner_id = ?").get(m.id) as { id: number }
      return { id: m.id, payable_id: payable.id }
    })
    const funding_id = spAccount(db, 'sp_funding', 'USD', clock.now().toISOString()).id
    const login = (payer_id: string): string => {
      const session = ctx.payers.login(payer_id, payer_password)
      if (!session) throw new Error(`template payer ${payer_id} could not log in`)
      return session.payer_token
    }
    const opened = plan.map((p, index) => {
      const customer = createCustomer(db, clock, {
        name: `Customer ${index}`,
        email: '',
        currency: 'USD',
        credit_limit_minor: p.credit_limit_minor,
        top_up_increment_minor: p.top_up_increment_minor,
        micropayment_limit_per_purchase_minor: p.per_purchase_minor,
        micropayment_limit_per_day_minor: p.per_day_minor,
        payer_password,
      })
      for (const m of p.blocks) blockMerchant(db, customer.id, merchants[m]!.id, clock.now())
      return { plan: p, customer, old: login(customer.payer_id) }
    })
    const old_expires_ms = clock.now().getTime() + payer_session_ttl_ms
    clock.advance(old_session_age_ms)
    const fresh_expires_ms = clock.now().getTime() + payer_session_ttl_ms
    const customers = opened.map(({ plan: p, customer, old }): TemplateCustomer => {
      const accounts = customerAccounts(db, customer.id)
      return {
        ...p,
        id: customer.id,
        credit_id: accounts.credit.id,
        value_id: accounts.value.id,
        cash_access_id: accounts.cash_access.id,
        tokens: { fresh: login(customer.payer_id), old },
        expires_ms: { fresh: fresh_expires_ms, old: old_expires_ms },
      }
    })
    return { image: db.serialize(), customers, merchants, funding_id }
  } finally {
    db.close()
  }
}

/** A fresh, writable in-memory copy of the template with its own frozen clock at the run start. */
export function openCopy(template: BankTemplate): { db: Database; clock: FrozenClock; ctx: HostContext } {
  const db = new BetterSqlite3(template.image)
  db.pragma('foreign_keys = ON')
  const clock = new FrozenClock(run_start_iso)
  return { db, clock, ctx: createContext(db, clock) }
}
