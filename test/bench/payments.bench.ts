/**
 * `npm run bench`: approved micropayments per second through the real purchase flow
 * (`ctx.purchases.purchase`) on a file database with durable commits (WAL, synchronous
 * FULL), against a floor: a bare SQL loop on a second fresh file database with the same
 * schema doing, per purchase, the same writes in its own transaction (a requests row,
 * one transfer, two account updates, a purchases row). The ratio says how much of the
 * cost is the flow's own work rather than SQLite's durable commit.
 *
 * Prints human-readable lines, then a final line that is exactly one JSON object. Exits 1
 * if the ledger's invariants fail on the bench database. The temp dir is always removed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type Database } from '../../main/store/database'
import { systemClock } from '../../main/clock'
import { createContext, type HostContext } from '../../main/host/context'
import { createCustomer, customerAccounts } from '../../main/customers/customers'
import { createMerchant, type MerchantRow } from '../../main/merchants/merchants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { fundValueAccount } from '../../main/payments/value-moves'
import { checkInvariants } from '../../main/ledger/invariants'

const customers_n = 50
const purchases_max = 3_000
const duration_max_ms = 20_000
const threshold_minor = 500
const top_up_increment_minor = 1_000
const credit_limit_minor = 10_000_000
/** Four customers in five start with this much value; the fifth starts empty and lives on top-ups. */
const opening_value_minor = 20_000
const synchronous = 'FULL' as const

/** A small deterministic generator, so two runs buy the same amounts. */
function amounts(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return 1 + (state % (threshold_minor - 1))
  }
}

interface Bank {
  db: Database
  ctx: HostContext
  merchant: MerchantRow
  tokens: string[]
}

function openBank(file: string): Bank {
  const db = openDatabase(file, { clock: systemClock, synchronous })
  const ctx = createContext(db, systemClock)
  setMicropaymentThreshold(db, 'USD', threshold_minor, systemClock.now())
  const merchant = createMerchant(db, systemClock, { name: 'Bench Gazette', category: 'news', currency: 'USD' })
  const tokens: string[] = []
  for (let i = 0; i < customers_n; i++) {
    const password = `bench password ${i}`
    const customer = createCustomer(db, systemClock, {
      name: `Bench Customer ${i}`,
      email: '',
      currency: 'USD',
      credit_limit_minor,
      top_up_increment_minor,
      micropayment_limit_per_purchase_minor: null,
      micropayment_limit_per_day_minor: null,
      payer_password: password,
    })
    if (i % 5 !== 0) {
      fundValueAccount(db, systemClock, ctx.ledger, ctx.requests, {
        scope: 'bench',
        idempotency_key: `open-${i}`,
        account_id: customerAccounts(db, customer.id).value.id,
        amount_minor: opening_value_minor,
        memo: 'opening deposit',
      })
    }
    const session = ctx.payers.login(customer.payer_id, password)
    if (!session) throw new Error(`bench payer ${customer.payer_id} could not log in`)
    tokens.push(session.payer_token)
  }
  return { db, ctx, merchant, tokens }
}

interface Measured {
  count: number
  elapsed_ms: number
  approved: number
  top_ups: number
  declined: Map<string, number>
}

function measurePurchases(bank: Bank): Measured {
  const next_amount = amounts(42)
  const declined = new Map<string, number>()
  let approved = 0
  let top_ups = 0
  let count = 0
  const started = process.hrtime.bigint()
  const deadline = started + BigInt(duration_max_ms) * 1_000_000n
  for (; count < purchases_max && process.hrtime.bigint() < deadline; count++) {
    const { result } = bank.ctx.purchases.purchase({
      merchant: bank.merchant,
      idempotency_key: `bench-${count}`,
      payer_token: bank.tokens[count % bank.tokens.length] ?? '',
      item: { id: `item-${count % 97}`, title: 'Bench article' },
      amount_minor: next_amount(),
      currency: 'USD',
    })
    if (result.status === 'approved') {
      approved++
      if (result.top_up_minor > 0) top_ups++
    } else {
      declined.set(result.code, (declined.get(result.code) ?? 0) + 1)
    }
  }
  const elapsed_ms = Number(process.hrtime.bigint() - started) / 1e6
  return { count, elapsed_ms, approved, top_ups, declined }
}

/**
 * The floor: the same writes a micropayment makes, as bare SQL, one transaction each.
 * Customers are inserted directly (no scrypt) and funded by writing their sums, since
 * only the loop is timed and this database is never verified.
 */
function measureFloor(file: string, count: number): { count: number; elapsed_ms: number } {
  const db = openDatabase(file, { clock: systemClock, synchronous })
  try {
    const now = () => new Date().toISOString()
    db.prepare("INSERT INTO merchants (name, category, currency, created_at) VALUES ('Floor Gazette', 'news', 'USD', ?)").run(now())
    const open = db.prepare(
      `INSERT INTO accounts (kind, owner_type, owner_id, currency, number, credit_limit_minor, credits_posted, created_at)
       VALUES (?, ?, ?, 'USD', ?, ?, ?, ?) RETURNING id`,
    )
    const payable_id = (open.get('merchant_payable', 'merchant', 1, 'MP-1', null, 0, now()) as { id: number }).id
    const value_ids: number[] = []
    for (let i = 1; i <= customers_n; i++) {
      db.prepare(`INSERT INTO customers (payer_id, name, currency, top_up_increment_minor, created_at) VALUES (?, ?, 'USD', ?, ?)`).run(`F${i}`, `Floor ${i}`, top_up_increment_minor, now())
      value_ids.push((open.get('value', 'customer', i, `VA-${i}`, null, 1_000_000_000, now()) as { id: number }).id)
    }
    const insert_request = db.prepare(
      `INSERT INTO requests (scope, idempotency_key, kind, content_sha256, response_json, created_at) VALUES ('merchant:1', ?, 'purchase', ?, ?, ?) RETURNING id`,
    )
    const insert_transfer = db.prepare(
      `INSERT INTO transfers (request_id, debit_account_id, credit_account_id, amount_minor, currency, code, phase, created_at)
       VALUES (?, ?, ?, ?, 'USD', 'micropayment', 'single', ?)`,
    )
    const debit = db.prepare('UPDATE accounts SET debits_posted = debits_posted + ? WHERE id = ?')
    const credit = db.prepare('UPDATE accounts SET credits_posted = credits_posted + ? WHERE id = ?')
    const insert_purchase = db.prepare(
      `INSERT INTO purchases (purchase_id, request_id, merchant_id, customer_id, payer_pseudonym, item_id, item_title, amount_minor, currency, status, method, created_at)
       VALUES (?, ?, 1, ?, 'payer_floor', 'item', 'Bench article', ?, 'USD', 'approved', 'micropayment', ?)`,
    )
    const one = db.transaction((i: number, amount_minor: number) => {
      const at = now()
      const customer = (i % customers_n) + 1
      const value_id = value_ids[customer - 1] ?? 0
      const { id } = insert_request.get(`floor-${i}`, `sha-${i}`, '{"status":"approved"}', at) as { id: number }
      insert_transfer.run(id, value_id, payable_id, amount_minor, at)
      debit.run(amount_minor, value_id)
      credit.run(amount_minor, payable_id)
      insert_purchase.run(`pur_${i.toString(16).padStart(20, '0')}`, id, customer, amount_minor, at)
    })
    const next_amount = amounts(42)
    const started = process.hrtime.bigint()
    const deadline = started + BigInt(duration_max_ms) * 1_000_000n
    let done = 0
    for (; done < count && process.hrtime.bigint() < deadline; done++) one(done, next_amount())
    return { count: done, elapsed_ms: Number(process.hrtime.bigint() - started) / 1e6 }
  } finally {
    db.close()
  }
}

function perSecond(count: number, elapsed_ms: number): number {
  return elapsed_ms > 0 ? Math.round((count * 1000) / elapsed_ms) : 0
}

function main(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-bench-'))
  try {
    const setup_started = Date.now()
    const bank = openBank(path.join(dir, 'bench.sqlite'))
    let invariants_ok = false
    try {
      console.log(`bench payments: ${customers_n} customers, 1 merchant, threshold ${threshold_minor}, synchronous ${synchronous}, WAL; set up in ${Date.now() - setup_started} ms`)
      const run = measurePurchases(bank)
      const purchases_per_s = perSecond(run.approved, run.elapsed_ms)
      const declines = [...run.declined].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'
      console.log(`purchase flow: ${run.count} purchases in ${run.elapsed_ms.toFixed(0)} ms: ${run.approved} approved (${run.top_ups} with a top-up), declined: ${declines}`)
      console.log(`purchase flow: ${purchases_per_s} approved micropayments/s, ${(run.elapsed_ms / Math.max(1, run.count)).toFixed(3)} ms per purchase`)

      const floor = measureFloor(path.join(dir, 'floor.sqlite'), run.count)
      const floor_per_s = perSecond(floor.count, floor.elapsed_ms)
      console.log(`floor (bare SQL, same writes, one transaction each): ${floor.count} in ${floor.elapsed_ms.toFixed(0)} ms: ${floor_per_s}/s, ${(floor.elapsed_ms / Math.max(1, floor.count)).toFixed(3)} ms each`)

      const report = checkInvariants(bank.db)
      invariants_ok = report.ok
      console.log(
        report.ok
          ? `invariants: ok on the bench database (${report.accounts} accounts, ${report.transfers} transfers)`
          : `invariants: FAILED on the bench database: ${report.problems.join('; ')}`,
      )
      const ratio = floor_per_s > 0 ? Math.round((purchases_per_s / floor_per_s) * 100) / 100 : 0
      console.log(JSON.stringify({ bench: 'payments', purchases_per_s, floor_per_s, ratio: Number(ratio.toFixed(2)), purchases: run.count, synchronous }))
    } finally {
      bank.db.close()
    }
    return invariants_ok ? 0 : 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

process.exitCode = main()
