/**
 * Customer billing on a real database with a frozen clock: bills close at the cycle end
 * (catching up missed cycles), early at the cap, never twice across a restart; payments
 * are applied oldest bill first; an overdue bill makes the customer not billable until it
 * is paid; a write-off settles a bill exactly once. The ledger's invariants hold throughout.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { closeDueBills } from '../../main/billing/job'
import { writeOffBill } from '../../main/billing/write-off'
import { recordBillPayment } from '../../main/billing/payments'
import { setCustomerBilling } from '../../main/billing/customer-settings'
import { checkInvariants } from '../../main/ledger/invariants'
import { postedBalance } from '../../main/ledger/accounts'
import { setCustomerStatus } from '../../main/customers/customers'
import { RequestError } from '../../main/errors'
import { openDatabase } from '../../main/store/database'
import { FrozenClock } from '../../main/clock'
import { createContext } from '../../main/host/context'
import { createCustomer } from '../../main/customers/customers'
import { createMerchant } from '../../main/merchants/merchants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import type { Database } from '../../main/store/database'
import { createStaff } from '../../main/staff/staff'

const hour_ms = 3_600_000
const day_ms = 24 * hour_ms

interface BillRow {
  id: number
  reference: string
  close_reason: string
  cycle_start: string
  cycle_end: string
  charges_minor: number
  credits_minor: number
  fee_minor: number
  total_minor: number
  paid_minor: number
  written_off_minor: number
  fee_note: string
  due_at: string
}

function billsOf(db: Database, customer_id: number): BillRow[] {
  return db.prepare('SELECT * FROM bills WHERE customer_id = ? ORDER BY id').all(customer_id) as BillRow[]
}

function linesOf(db: Database, bill_id: number): Array<{ kind: string; amount_minor: number }> {
  return db.prepare('SELECT kind, amount_minor FROM bill_lines WHERE bill_id = ? ORDER BY transfer_id').all(bill_id) as Array<{ kind: string; amount_minor: number }>
}

function setClock(clock: FrozenClock, iso: string): void {
  clock.advance(new Date(iso).getTime() - clock.now().getTime())
}

/** A bank whose clock starts 2026-11-02 09:00 UTC; billing day 1 by default. */
function bank() {
  const b = testBank()
  const customer = () => {
    const c = b.openCustomer()
    // Payer sessions expire; a fresh token each time keeps month-long tests honest.
    const token = () => {
      const s = b.ctx.payers.login(c.customer.payer_id, 'correct horse')
      if (!s) throw new Error('no session')
      return s.payer_token
    }
    return { ...c, token }
  }
  const buy = (token: string, amount_minor: number) => b.buy(token, amount_minor).result
  const clerk = createStaff(b.db, b.clock, { username: 'clerk', display_name: 'Clerk', role: 'back_office_clerk', password: 'a long password 1' })
  return { ...b, customer, buy, clerk }
}

describe('billing cycle close', () => {
  it('closes at the cycle end with every charge and top-up before it, and leaves later ones for the next bill', () => {
    const b = bank()
    const ada = b.customer()
    expect(b.buy(ada.token(), 1200).status).toBe('approved') // credit purchase
    expect(b.buy(ada.token(), 200).status).toBe('approved') // micropayment with a 10.00 top-up
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    setClock(b.clock, '2026-12-01T00:30:00.000Z')
    expect(b.buy(ada.token(), 700).status).toBe('approved') // after the cycle end: next bill
    const outcome = closeDueBills(b.ctx, b.clock.now())
    expect(outcome?.bills_closed).toHaveLength(1)
    const [bill] = billsOf(b.db, ada.customer.id)
    expect(bill).toMatchObject({ close_reason: 'cycle_end', cycle_start: '2026-11-01T00:00:00.000Z', cycle_end: '2026-12-01T00:00:00.000Z', charges_minor: 2200, credits_minor: 0, fee_minor: 0, total_minor: 2200, paid_minor: 0 })
    expect(linesOf(b.db, bill!.id).map((l) => l.kind).sort()).toEqual(['credit_purchase', 'top_up'])
    expect(bill!.due_at).toBe(new Date(b.clock.now().getTime() + 21 * day_ms).toISOString())
    // Running again does nothing.
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    setClock(b.clock, '2027-01-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    const bills = billsOf(b.db, ada.customer.id)
    expect(bills).toHaveLength(2)
    expect(bills[1]).toMatchObject({ cycle_start: '2026-12-01T00:00:00.000Z', total_minor: 700 })
    const audits = b.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'job.bill_close'").get() as { n: number }
    expect(audits.n).toBe(2)
    expect(checkInvariants(b.db).problems).toEqual([])
  })

  it('catches up three missed cycles, each with its own transfers', () => {
    const b = bank()
    const ada = b.customer()
    setCustomerBilling(b.db, b.clock, ada.customer.id, { billing_day: 15, bill_cap_minor: null, bill_fee_minor: 0 }, null)
    b.buy(ada.token(), 1100) // Nov 2: cycle ending Nov 15
    setClock(b.clock, '2026-11-20T10:00:00.000Z')
    b.buy(ada.token(), 1300) // cycle ending Dec 15
    setClock(b.clock, '2026-12-20T10:00:00.000Z')
    b.buy(ada.token(), 1500) // cycle ending Jan 15
    setClock(b.clock, '2027-01-16T08:00:00.000Z')
    const outcome = closeDueBills(b.ctx, b.clock.now())
    expect(outcome?.bills_closed).toHaveLength(3)
    expect(billsOf(b.db, ada.customer.id).map((x) => [x.cycle_end.slice(0, 10), x.total_minor])).toEqual([
      ['2026-11-15', 1100],
      ['2026-12-15', 1300],
      ['2027-01-15', 1500],
    ])
  })

  it('closes a bill early when the running total reaches the cap (seed 001 figure 3A)', () => {
    const b = bank()
    const ada = b.customer()
    setCustomerBilling(b.db, b.clock, ada.customer.id, { billing_day: 1, bill_cap_minor: 2000, bill_fee_minor: 0 }, null)
    b.buy(ada.token(), 1200)
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    b.clock.advance(hour_ms)
    b.buy(ada.token(), 900)
    expect(closeDueBills(b.ctx, b.clock.now())?.bills_closed).toHaveLength(1)
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    const [bill] = billsOf(b.db, ada.customer.id)
    expect(bill).toMatchObject({ close_reason: 'cap_reached', total_minor: 2100, cycle_end: '2026-12-01T00:00:00.000Z' })
    // The month end closes what came after the cap bill only.
    b.buy(ada.token(), 600)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    expect(billsOf(b.db, ada.customer.id).map((x) => [x.close_reason, x.total_minor])).toEqual([
      ['cap_reached', 2100],
      ['cycle_end', 600],
    ])
  })

  it('adds the bill fee, or closes without it and says why when the credit limit refuses it', () => {
    const b = bank()
    const ada = b.customer() // limit 100.00
    setCustomerBilling(b.db, b.clock, ada.customer.id, { billing_day: 1, bill_cap_minor: null, bill_fee_minor: 150 }, null)
    b.buy(ada.token(), 1000)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    b.buy(ada.token(), 8850) // the line is now exactly full: 10.00 + 1.50 + 88.50
    setClock(b.clock, '2027-01-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    const [first, second] = billsOf(b.db, ada.customer.id)
    expect(first).toMatchObject({ charges_minor: 1000, fee_minor: 150, total_minor: 1150, fee_note: '' })
    expect(second).toMatchObject({ charges_minor: 8850, fee_minor: 0, total_minor: 8850 })
    expect(second!.fee_note).toMatch(/not charged.*credit limit/)
    expect(b.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'job.bill_fee_refused'").get()).toEqual({ n: 1 })
    expect(checkInvariants(b.db).problems).toEqual([])
  })
})

describe('a month of purchases', () => {
  it('bills every charge of many customers exactly once, to the cent, with daily job runs and caps', () => {
    const b = bank()
    const customers = Array.from({ length: 8 }, (_, i) => {
      const c = b.customer()
      setCustomerBilling(b.db, b.clock, c.customer.id, { billing_day: 1 + (i % 28), bill_cap_minor: i % 3 === 0 ? 3_000 : null, bill_fee_minor: i % 4 === 0 ? 99 : 0 }, null)
      return c
    })
    // A deterministic spread of micropayments (with top-ups) and credit purchases.
    let seed = 7
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648)
    for (let day = 0; day < 33; day++) {
      for (const c of customers) {
        if ((next() >> 16) % 2 === 0) continue
        const amount = (next() >> 16) % 2 === 0 ? 50 + (next() % 400) : 500 + (next() % 1_500)
        b.buy(c.token(), amount)
      }
      b.clock.advance(day_ms)
      closeDueBills(b.ctx, b.clock.now())
    }
    for (const c of customers) {
      const credit = c.accounts().credit
      const billed = b.db.prepare('SELECT ifnull(sum(charges_minor - credits_minor + fee_minor), 0) AS n FROM bills WHERE customer_id = ?').get(c.customer.id) as { n: number }
      const unbilled = b.db
        .prepare(
          `SELECT ifnull(sum(amount_minor), 0) AS n FROM transfers t WHERE t.debit_account_id = ? AND NOT EXISTS (SELECT 1 FROM bill_lines l WHERE l.transfer_id = t.id)`,
        )
        .get(credit.id) as { n: number }
      expect(billed.n + unbilled.n).toBe(postedBalance(credit))
      // Every cycle that ended has been closed once, and no more.
      const cycles = b.db.prepare("SELECT cycle_end, count(*) AS n FROM bills WHERE customer_id = ? AND close_reason = 'cycle_end' GROUP BY cycle_end HAVING n > 1").all(c.customer.id)
      expect(cycles).toEqual([])
    }
    const caps = b.db.prepare("SELECT count(*) AS n FROM bills WHERE close_reason = 'cap_reached'").get() as { n: number }
    expect(caps.n).toBeGreaterThan(0)
    expect(checkInvariants(b.db).problems).toEqual([])
  })
})

describe('restart', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('a new context on the same file closes nothing twice and skips no cycle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'centavo-billing-'))
    dirs.push(dir)
    const file = join(dir, 'bank.db')
    const clock = new FrozenClock('2026-11-02T09:00:00.000Z')
    const db1 = openDatabase(file, { clock })
    const ctx1 = createContext(db1, clock)
    setMicropaymentThreshold(db1, 'USD', 500, clock.now())
    const merchant = createMerchant(db1, clock, { name: 'Daily Gazette', category: 'news', currency: 'USD' })
    const c = createCustomer(db1, clock, {
      name: 'Ada', email: '', currency: 'USD', credit_limit_minor: 10_000, top_up_increment_minor: 1_000,
      micropayment_limit_per_purchase_minor: null, micropayment_limit_per_day_minor: null, payer_password: 'correct horse',
    })
    const buy = (ctx: typeof ctx1, key: string, amount_minor: number) =>
      ctx.purchases.purchase({ merchant, idempotency_key: key, payer_token: ctx.payers.login(c.payer_id, 'correct horse')!.payer_token, item: { id: 'a', title: 'An article' }, amount_minor, currency: 'USD' })
    buy(ctx1, 'k1', 1000)
    setClock(clock, '2026-12-01T00:00:05.000Z')
    closeDueBills(ctx1, clock.now())
    buy(ctx1, 'k2', 2000)
    db1.close()

    setClock(clock, '2027-01-03T00:00:00.000Z') // the host was down over the next cycle end
    const db2 = openDatabase(file, { clock })
    const ctx2 = createContext(db2, clock)
    expect(closeDueBills(ctx2, clock.now())?.bills_closed).toHaveLength(1)
    expect(closeDueBills(ctx2, clock.now())).toBeNull()
    const ctx3 = createContext(db2, clock)
    expect(closeDueBills(ctx3, clock.now())).toBeNull()
    expect(billsOf(db2, c.id).map((x) => [x.cycle_end.slice(0, 10), x.total_minor])).toEqual([
      ['2026-12-01', 1000],
      ['2027-01-01', 2000],
    ])
    db2.close()
  })
})

describe('overdue and payments', () => {
  it('overdue → not billable → purchase declined → payment → billable again', () => {
    const b = bank()
    const ada = b.customer()
    b.buy(ada.token(), 2500)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    const [bill] = billsOf(b.db, ada.customer.id)
    // Due 21 days later, grace 10 days: still billable the day before.
    setClock(b.clock, new Date(new Date(bill!.due_at).getTime() + 10 * day_ms - 1).toISOString())
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    b.clock.advance(1)
    expect(closeDueBills(b.ctx, b.clock.now())?.suspended).toEqual([ada.customer.id])
    const declined = b.buy(ada.token(), 700)
    expect(declined).toMatchObject({ status: 'declined', code: 'customer_not_billable' })

    // More than owed is refused in a sentence.
    expect(() => recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 2600, reference: 'giro 1', idempotency_key: 'p0' }, null)).toThrow(/owes 25.00 USD/)
    const part = recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1000, reference: 'giro 1', idempotency_key: 'p1' }, null)
    expect(part).toMatchObject({ reactivated: false, unapplied_minor: 0 })
    const rest = recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1500, reference: 'giro 2', idempotency_key: 'p2' }, null)
    expect(rest.reactivated).toBe(true)
    // The same key again moves nothing.
    expect(recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1500, reference: 'giro 2', idempotency_key: 'p2' }, null)).toEqual(rest)
    expect(billsOf(b.db, ada.customer.id)[0]).toMatchObject({ paid_minor: 2500, written_off_minor: 0 })
    expect(postedBalance(ada.accounts().credit)).toBe(0)
    expect(b.buy(ada.token(), 700).status).toBe('approved')
    const actions = (b.db.prepare("SELECT action FROM audit_log WHERE action LIKE '%bill%' ORDER BY id").all() as Array<{ action: string }>).map((r) => r.action)
    expect(actions).toEqual(['job.bill_close', 'job.bill_suspend', 'bill.payment', 'bill.payment', 'job.bill_reactivate'])
    expect(checkInvariants(b.db).problems).toEqual([])
  })

  it('never reactivates a customer staff suspended', () => {
    const b = bank()
    const ada = b.customer()
    b.buy(ada.token(), 2500)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    setCustomerStatus(b.db, ada.customer.id, 'suspended')
    setClock(b.clock, '2027-01-15T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    expect(recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 2500, reference: '', idempotency_key: 'p' }, null).reactivated).toBe(false)
    expect(closeDueBills(b.ctx, b.clock.now())).toBeNull()
    expect((b.db.prepare('SELECT status FROM customers WHERE id = ?').get(ada.customer.id) as { status: string }).status).toBe('suspended')
  })

  it('a payment made before the bill closes is applied to it when it closes', () => {
    const b = bank()
    const ada = b.customer()
    b.buy(ada.token(), 3000)
    recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1000, reference: '', idempotency_key: 'early' }, null)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    expect(billsOf(b.db, ada.customer.id)[0]).toMatchObject({ total_minor: 3000, paid_minor: 1000 })
  })
})

describe('bill write-off', () => {
  it('writes off the unpaid amount once, settles the bill and reactivates the customer', () => {
    const b = bank()
    const ada = b.customer()
    b.buy(ada.token(), 4000)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1500, reference: '', idempotency_key: 'p' }, null)
    setClock(b.clock, '2027-01-15T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    const [bill] = billsOf(b.db, ada.customer.id)
    const first = writeOffBill(b.ctx, bill!.id, b.clerk.id)
    expect(first.amount_minor).toBe(2500)
    expect(writeOffBill(b.ctx, bill!.id, b.clerk.id)).toEqual(first)
    expect(billsOf(b.db, ada.customer.id)[0]).toMatchObject({ total_minor: 4000, paid_minor: 4000, written_off_minor: 2500 })
    expect(postedBalance(ada.accounts().credit)).toBe(0)
    const transfer = b.db.prepare('SELECT code, amount_minor FROM transfers WHERE id = ?').get(first.transfer_id)
    expect(transfer).toEqual({ code: 'bill_write_off', amount_minor: 2500 })
    expect((b.db.prepare('SELECT status FROM customers WHERE id = ?').get(ada.customer.id) as { status: string }).status).toBe('active')
    expect(b.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'bill.write_off'").get()).toEqual({ n: 1 })
    expect(checkInvariants(b.db).problems).toEqual([])
  })

  it('refuses a bill with nothing unpaid and a bill that does not exist', () => {
    const b = bank()
    const ada = b.customer()
    b.buy(ada.token(), 1000)
    setClock(b.clock, '2026-12-01T00:00:00.000Z')
    closeDueBills(b.ctx, b.clock.now())
    const [bill] = billsOf(b.db, ada.customer.id)
    recordBillPayment(b.ctx, { customer_id: ada.customer.id, amount_minor: 1000, reference: '', idempotency_key: 'p' }, null)
    const refusal = (() => {
      try {
        writeOffBill(b.ctx, bill!.id, b.clerk.id)
      } catch (e) {
        return e
      }
    })()
    expect(refusal).toBeInstanceOf(RequestError)
    expect(refusal).toMatchObject({ code: 'refused', message: expect.stringMatching(/nothing unpaid/) })
    expect(() => writeOffBill(b.ctx, 9999, b.clerk.id)).toThrow(/no bill 9999/)
  })
})
