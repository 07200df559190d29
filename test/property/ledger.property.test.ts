/**
 * Property: whatever sequence of money-moving commands a small bank receives (deposits;
 * purchases below, at and above the threshold with live, expired or unknown payer tokens;
 * repeats of earlier idempotency keys with the same or different content; value moves;
 * holds posted in full or in part or voided; reversals; time passing), after every
 * command the ledger keeps its invariants, no value or cash-access account is below zero,
 * no credit line is over its limit, an identical repeat returns the first answer and
 * moves nothing, and every account's four sums equal those of an independent model.
 * Declines and refusals are expected answers; any other exception fails the property.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Database } from '../../main/store/database'
import type { HostContext } from '../../main/host/context'
import type { FrozenClock } from '../../main/clock'
import { checkInvariants } from '../../main/ledger/invariants'
import { IdempotencyConflict, LedgerRefusal } from '../../main/ledger/errors'
import { RequestError } from '../../main/errors'
import { merchant as merchantRow } from '../../main/merchants/merchants'
import { fundValueAccount, moveValue, type ValueMoveDirection } from '../../main/payments/value-moves'
import type { PurchaseResult } from '../../main/payments/purchase'
import type { TransferRow, TransferSpec } from '../../main/ledger/transfers'
import { bank_plans, buildTemplate, openCopy, type BankTemplate, type TemplateCustomer } from './bank-template'
import { LedgerModel, type ModelAccount, type PlannedTransfer } from './ledger-model'

const runs = 200
const commands_max = 40

type TokenKind = 'fresh' | 'old' | 'bogus'
type Change = 'same' | 'amount' | 'item'

type Command =
  | { kind: 'fund'; customer: number; amount_minor: number }
  | { kind: 'purchase'; customer: number; merchant: number; token: TokenKind; amount_minor: number; item: number }
  | { kind: 'repeat_purchase'; pick: number; change: Change }
  | { kind: 'move'; customer: number; direction: ValueMoveDirection; amount_minor: number }
  | { kind: 'repeat_move'; pick: number; same: boolean }
  | { kind: 'hold'; customer: number; merchant: number; from: 'value' | 'credit'; amount_minor: number; expires_in_ms: number }
  | { kind: 'post'; pick: number; amount_minor: number | null }
  | { kind: 'void'; pick: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'advance'; ms: number }

const purchase_amount = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 499 }) },
  { weight: 1, arbitrary: fc.constantFrom(499, 500, 501) },
  { weight: 2, arbitrary: fc.integer({ min: 500, max: 4_000 }) },
)
const who = fc.nat({ max: 2 })
const pick = fc.nat({ max: 1_000 })

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fund' as const), customer: who, amount_minor: fc.integer({ min: 1, max: 3_000 }) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      customer: who,
      merchant: fc.nat({ max: 1 }),
      token: fc.constantFrom<TokenKind>('fresh', 'fresh', 'fresh', 'old', 'bogus'),
      amount_minor: purchase_amount,
      item: fc.nat({ max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat_purchase' as const), pick, change: fc.constantFrom<Change>('same', 'same', 'amount', 'item') }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      customer: who,
      direction: fc.constantFrom<ValueMoveDirection>('value_to_cash_access', 'cash_access_to_value'),
      amount_minor: fc.integer({ min: 1, max: 1_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat_move' as const), pick, same: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      customer: who,
      merchant: fc.nat({ max: 1 }),
      from: fc.constantFrom<'value' | 'credit'>('value', 'credit'),
      amount_minor: fc.integer({ min: 1, max: 1_500 }),
      expires_in_ms: fc.oneof(
        { weight: 2, arbitrary: fc.integer({ min: 1_000, max: 4 * 60 * 1000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 4 * 60 * 1000, max: 60 * 60 * 1000 }) },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('post' as const), pick, amount_minor: fc.option(fc.integer({ min: 1, max: 1_600 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('void' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1_000, max: 3 * 60 * 1000 }) }, { weight: 1, arbitrary: fc.integer({ min: 3 * 60 * 1000, max: 20 * 60 * 1000 }) }),
    }),
  },
)

/** What a command came to: done, or one of the three expected operating errors. */
type Outcome = { done: true } | { done: false; error: 'ledger_refusal' | 'request_error' | 'idempotency_conflict'; code: string }

function attempt(run: () => void): Outcome {
  try {
    run()
    return { done: true }
  } catch (error) {
    if (error instanceof LedgerRefusal) return { done: false, error: 'ledger_refusal', code: error.code }
    if (error instanceof RequestError) return { done: false, error: 'request_error', code: error.code }
    if (error instanceof IdempotencyConflict) return { done: false, error: 'idempotency_conflict', code: 'conflict' }
    throw error
  }
}

interface PurchaseRecord {
  key: string
  merchant: number
  payer_token: string
  item: { id: string; title: string }
  amount_minor: number
  result: PurchaseResult
}

interface MoveRecord {
  key: string
  call: () => { transfer_id: number; replayed: boolean }
  conflicting: () => { transfer_id: number; replayed: boolean }
  transfer_id: number
}

/** An account row as the model keeps it: the four running sums and the balance rule's inputs. */
type AccountSnapshot = ModelAccount

function accountRows(db: Database): AccountSnapshot[] {
  return db
    .prepare('SELECT id, kind, credit_limit_minor, debits_posted, credits_posted, debits_pending, credits_pending FROM accounts ORDER BY id')
    .all() as AccountSnapshot[]
}

function counts(db: Database): { transfers: number; requests: number; purchases: number } {
  return db
    .prepare('SELECT (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM purchases) AS purchases')
    .get() as { transfers: number; requests: number; purchases: number }
}

/** One run: a fresh copy of the bank, the commands in order, every check after each. */
class Run {
  readonly db: Database
  readonly clock: FrozenClock
  readonly ctx: HostContext
  readonly model: LedgerModel
  private readonly purchases: PurchaseRecord[] = []
  private readonly moves: MoveRecord[] = []
  private keys = 0
  private transfers_seen = 0

  constructor(
    private readonly template: BankTemplate,
    /** How often each kind of outcome happened, across runs: proof the property is not vacuous. */
    private readonly tally: Map<string, number>,
  ) {
    const copy = openCopy(template)
    this.db = copy.db
    this.clock = copy.clock
    this.ctx = copy.ctx
    this.model = new LedgerModel(accountRows(this.db))
    this.transfers_seen = counts(this.db).transfers
  }

  private customer(index: number): TemplateCustomer {
    const c = this.template.customers[index % this.template.customers.length]
    if (!c) throw new Error('the template has no customers')
    return c
  }

  private merchant(index: number): { index: number; id: number; payable_id: number } {
    const m = this.template.merchants[index]
    if (!m) throw new Error(`the template has no merchant ${index}`)
    return { index, ...m }
  }

  private count(outcome: string): void {
    this.tally.set(outcome, (this.tally.get(outcome) ?? 0) + 1)
  }

  private nowMs(): number {
    return this.clock.now().getTime()
  }

  /** The rows the last command wrote must be exactly the ones the model planned. */
  private expectWritten(planned: PlannedTransfer[]): number[] {
    const rows = this.db.prepare('SELECT * FROM transfers WHERE id > ? ORDER BY id').all(this.transfers_seen) as TransferRow[]
    expect(
      rows.map((r) => ({
        debit_account_id: r.debit_account_id,
        credit_account_id: r.credit_account_id,
        amount_minor: r.amount_minor,
        code: r.code,
        phase: r.phase,
        pending_id: r.pending_id,
        expires_at: r.expires_at,
        reverses_id: r.reverses_id,
      })),
    ).toEqual(planned)
    for (const r of rows) expect(r.currency).toBe('USD')
    this.transfers_seen += rows.length
    return rows.map((r) => r.id)
  }

  /** Runs a ledger group under its own idempotent request, as every money-moving caller does. */
  private applyGroup(kind: string, specs: TransferSpec[]): void {
    const key = `op-${++this.keys}`
    this.ctx.requests.run({ scope: 'property', idempotency_key: key, kind, content: { key } }, this.clock.now(), (request_id) =>
      this.ctx.ledger.apply(request_id, specs, this.clock.now()).map((t) => t.id),
    )
  }

  /** The model's plan for a group of ledger specs: applied in the model if allowed, and compared with the ledger. */
  private ledgerStep(kind: string, specs: TransferSpec[], planned: PlannedTransfer[], expected_refusal: string | null): void {
    const refusal = expected_refusal ?? this.model.tryGroup(planned)
    const outcome = attempt(() => this.applyGroup(kind, specs))
    this.count(`${kind}:${refusal ?? 'done'}`)
    if (refusal === null) {
      expect(outcome).toEqual({ done: true })
      this.model.recordWritten(planned, this.expectWritten(planned))
    } else {
      expect(outcome).toEqual({ done: false, error: 'ledger_refusal', code: refusal })
      this.expectWritten([])
    }
  }

  step(c: Command): void {
    switch (c.kind) {
      case 'fund':
        return this.fund(c.customer, c.amount_minor)
      case 'purchase':
        return this.purchase(c)
      case 'repeat_purchase':
        return this.repeatPurchase(c.pick, c.change)
      case 'move':
        return this.move(c.customer, c.direction, c.amount_minor)
      case 'repeat_move':
        return this.repeatMove(c.pick, c.same)
      case 'hold':
        return this.hold(c)
      case 'post':
      case 'void':
        return this.resolve(c)
      case 'reverse':
        return this.reverse(c.pick)
      case 'advance':
        this.clock.advance(c.ms)
        return
    }
  }

  private fund(customer_index: number, amount_minor: number): void {
    const customer = this.customer(customer_index)
    const input = { scope: 'property', idempotency_key: `fund-${++this.keys}`, account_id: customer.value_id, amount_minor, memo: 'deposit' }
    const call = () => fundValueAccount(this.db, this.clock, this.ctx.ledger, this.ctx.requests, input)
    const conflicting = () => fundValueAccount(this.db, this.clock, this.ctx.ledger, this.ctx.requests, { ...input, amount_minor: amount_minor + 1 })
    const planned: PlannedTransfer = {
      debit_account_id: this.template.funding_id,
      credit_account_id: customer.value_id,
      amount_minor,
      code: 'value_funding',
      phase: 'single',
      pending_id: null,
      expires_at: null,
      reverses_id: null,
    }
    expect(this.model.tryGroup([planned])).toBeNull()
    const moved = call()
    expect(moved.replayed).toBe(false)
    const ids = this.expectWritten([planned])
    expect(ids).toEqual([moved.transfer_id])
    this.model.recordWritten([planned], ids)
    this.moves.push({ key: input.idempotency_key, call, conflicting, transfer_id: moved.transfer_id })
  }

  private move(customer_index: number, direction: ValueMoveDirection, amount_minor: number): void {
    const customer = this.customer(customer_index)
    const [from, to] = direction === 'value_to_cash_access' ? [customer.value_id, customer.cash_access_id] : [customer.cash_access_id, customer.value_id]
    const input = { scope: 'property', idempotency_key: `move-${++this.keys}`, customer_id: customer.id, direction, amount_minor }
    const call = () => moveValue(this.db, this.clock, this.ctx.ledger, this.ctx.requests, input)
    const conflicting = () => moveValue(this.db, this.clock, this.ctx.ledger, this.ctx.requests, { ...input, amount_minor: amount_minor + 1 })
    const planned: PlannedTransfer = {
      debit_account_id: from,
      credit_account_id: to,
      amount_minor,
      code: direction,
      phase: 'single',
      pending_id: null,
      expires_at: null,
      reverses_id: null,
    }
    const refusal = this.model.tryGroup([planned])
    let transfer_id = 0
    this.count(`move:${refusal ?? 'done'}`)
    const outcome = attempt(() => {
      transfer_id = call().transfer_id
    })
    if (refusal === null) {
      expect(outcome).toEqual({ done: true })
      const ids = this.expectWritten([planned])
      expect(ids).toEqual([transfer_id])
      this.model.recordWritten([planned], ids)
      this.moves.push({ key: input.idempotency_key, call, conflicting, transfer_id })
    } else {
      // A refused move is a sentence for the user, never a half-written transfer.
      expect(outcome).toEqual({ done: false, error: 'request_error', code: 'refused' })
      this.expectWritten([])
    }
  }

  private repeatMove(pick_index: number, same: boolean): void {
    const earlier = this.moves[pick_index % Math.max(1, this.moves.length)]
    if (!earlier) return
    const before = { accounts: accountRows(this.db), counts: counts(this.db) }
    this.count(`repeat_move:${same ? 'same' : 'conflict'}`)
    if (same) {
      const again = earlier.call()
      expect(again).toEqual({ transfer_id: earlier.transfer_id, replayed: true })
    } else {
      expect(attempt(() => earlier.conflicting())).toEqual({ done: false, error: 'idempotency_conflict', code: 'conflict' })
    }
    expect(accountRows(this.db)).toEqual(before.accounts)
    expect(counts(this.db)).toEqual(before.counts)
  }

  private purchase(c: Extract<Command, { kind: 'purchase' }>): void {
    const customer = this.customer(c.customer)
    const merchant = this.merchant(c.merchant)
    const payer_token = c.token === 'bogus' ? `pt_unknown-${c.customer}-session-token` : customer.tokens[c.token]
    const token_live = c.token !== 'bogus' && this.nowMs() < customer.expires_ms[c.token]
    const item = { id: `item-${c.item}`, title: `Article ${c.item}` }
    const key = `buy-${++this.keys}`
    const prediction = this.model.predictPurchase(customer, merchant, token_live, c.amount_minor, this.nowMs())
    const before = counts(this.db)
    const { result, replayed } = this.ctx.purchases.purchase({
      merchant: merchantRow(this.db, merchant.id),
      idempotency_key: key,
      payer_token,
      item,
      amount_minor: c.amount_minor,
      currency: 'USD',
    })
    expect(replayed).toBe(false)
    expect(result).toMatchObject({ amount_minor: c.amount_minor, currency: 'USD', item, created_at: this.clock.now().toISOString() })
    expect(result.payer).toBe(token_live ? this.ctx.payers.pseudonym(customer.id, merchant.id) : null)
    this.count(prediction.status === 'approved' ? `purchase:${prediction.method}${prediction.top_up_minor > 0 ? '+top_up' : ''}` : `purchase:${prediction.code}`)
    if (prediction.status === 'approved') {
      expect(result).toMatchObject({ status: 'approved', method: prediction.method, top_up_minor: prediction.top_up_minor })
      this.model.recordWritten(prediction.transfers, this.expectWritten(prediction.transfers))
    } else {
      expect(result).toMatchObject({ status: 'declined', code: prediction.code })
      this.expectWritten([])
    }
    // Approved or declined, the answer is one request and one purchase row.
    expect(counts(this.db)).toMatchObject({ requests: before.requests + 1, purchases: before.purchases + 1 })
    this.purchases.push({ key, merchant: c.merchant, payer_token, item, amount_minor: c.amount_minor, result })
  }

  private repeatPurchase(pick_index: number, change: Change): void {
    const earlier = this.purchases[pick_index % Math.max(1, this.purchases.length)]
    if (!earlier) return
    const before = { accounts: accountRows(this.db), counts: counts(this.db) }
    const request = {
      merchant: merchantRow(this.db, this.merchant(earlier.merchant).id),
      idempotency_key: earlier.key,
      payer_token: earlier.payer_token,
      item: change === 'item' ? { ...earlier.item, title: `${earlier.item.title} (again)` } : earlier.item,
      amount_minor: change === 'amount' ? earlier.amount_minor + 1 : earlier.amount_minor,
      currency: 'USD',
    }
    this.count(`repeat_purchase:${change}`)
    if (change === 'same') {
      // Even after the payer token has expired, a repeat gets the first answer.
      expect(this.ctx.purchases.purchase(request)).toEqual({ result: earlier.result, replayed: true })
    } else {
      expect(attempt(() => this.ctx.purchases.purchase(request))).toEqual({ done: false, error: 'idempotency_conflict', code: 'conflict' })
    }
    expect(accountRows(this.db)).toEqual(before.accounts)
    expect(counts(this.db)).toEqual(before.counts)
  }

  private hold(c: Extract<Command, { kind: 'hold' }>): void {
    const customer = this.customer(c.customer)
    const debit = c.from === 'value' ? customer.value_id : customer.credit_id
    const payable = this.merchant(c.merchant).payable_id
    const expires_at = new Date(this.nowMs() + c.expires_in_ms)
    const spec: TransferSpec = { type: 'hold', debit_account_id: debit, credit_account_id: payable, amount_minor: c.amount_minor, currency: 'USD', code: 'hold', expires_at }
    const planned: PlannedTransfer = {
      debit_account_id: debit,
      credit_account_id: payable,
      amount_minor: c.amount_minor,
      code: 'hold',
      phase: 'pending',
      pending_id: null,
      expires_at: expires_at.toISOString(),
      reverses_id: null,
    }
    this.ledgerStep('hold', [spec], [planned], null)
  }

  private resolve(c: Extract<Command, { kind: 'post' | 'void' }>): void {
    // Mostly a hold still open, sometimes any hold, so both resolutions and refusals happen.
    const holds = this.model.holds()
    const open = holds.filter((h) => !h.resolved)
    const pool = c.pick % 3 === 0 || open.length === 0 ? holds : open
    const hold = pool[c.pick % Math.max(1, pool.length)]
    if (!hold) return
    const expired = hold.expires_at !== null && Date.parse(hold.expires_at) <= this.nowMs()
    const amount_minor = c.kind === 'post' ? (c.amount_minor ?? hold.amount_minor) : hold.amount_minor
    const spec: TransferSpec =
      c.kind === 'post'
        ? { type: 'post', pending_id: hold.id, ...(c.amount_minor === null ? {} : { amount_minor: c.amount_minor }) }
        : { type: 'void', pending_id: hold.id }
    const planned: PlannedTransfer = {
      debit_account_id: hold.debit_account_id,
      credit_account_id: hold.credit_account_id,
      amount_minor,
      code: hold.code,
      phase: c.kind === 'post' ? 'post_pending' : 'void_pending',
      pending_id: hold.id,
      expires_at: null,
      reverses_id: null,
    }
    let refusal: string | null = null
    if (hold.resolved) refusal = 'hold_already_resolved'
    else if (c.kind === 'post' && expired) refusal = 'hold_expired'
    else if (c.kind === 'post' && amount_minor > hold.amount_minor) refusal = 'post_exceeds_hold'
    this.ledgerStep(c.kind, [spec], [planned], refusal)
  }

  private reverse(pick_index: number): void {
    const original = this.model.transfers[pick_index % Math.max(1, this.model.transfers.length)]
    if (!original) return
    const planned: PlannedTransfer = {
      debit_account_id: original.credit_account_id,
      credit_account_id: original.debit_account_id,
      amount_minor: original.amount_minor,
      code: 'reversal',
      phase: 'single',
      pending_id: null,
      expires_at: null,
      reverses_id: original.id,
    }
    let refusal: string | null = null
    if (original.phase === 'pending' || original.phase === 'void_pending') refusal = 'cannot_reverse'
    else if (original.reversed) refusal = 'already_reversed'
    this.ledgerStep('reverse', [{ type: 'reverse', transfer_id: original.id }], [planned], refusal)
  }

  /** Everything that must hold after every command. */
  check(): void {
    const report = checkInvariants(this.db)
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    const rows = accountRows(this.db)
    expect(rows.length).toBe(this.model.accounts.size)
    for (const row of rows) {
      const { id, kind, credit_limit_minor, debits_posted, credits_posted, debits_pending, credits_pending } = this.model.account(row.id)
      expect(row).toEqual({ id, kind, credit_limit_minor, debits_posted, credits_posted, debits_pending, credits_pending })
      if (row.kind === 'value' || row.kind === 'cash_access') {
        expect(row.credits_posted - row.debits_posted).toBeGreaterThanOrEqual(0)
        expect(row.credits_posted - row.debits_posted - row.debits_pending).toBeGreaterThanOrEqual(0)
      }
      if (row.kind === 'credit') {
        expect(row.debits_posted + row.debits_pending - row.credits_posted).toBeLessThanOrEqual(row.credit_limit_minor ?? 0)
      }
    }
    expect(counts(this.db).transfers).toBe(this.model.transfers.length)
  }

  close(): void {
    this.db.close()
  }
}

describe('ledger under random command sequences', () => {
  const templates: BankTemplate[] = []
  const tally = new Map<string, number>()
  beforeAll(() => {
    for (const plan of bank_plans) templates.push(buildTemplate(plan))
  })

  it('keeps every invariant, balance rule and idempotent answer, and matches the integer model after every command', () => {
    fc.assert(
      fc.property(fc.nat({ max: bank_plans.length - 1 }), fc.array(command, { minLength: 1, maxLength: commands_max, size: 'max' }), (template_index, commands) => {
        const template = templates[template_index]
        if (!template) throw new Error(`no template ${template_index}`)
        const run = new Run(template, tally)
        try {
          run.check()
          for (const c of commands) {
            run.step(c)
            run.check()
          }
        } finally {
          run.close()
        }
      }),
      { numRuns: runs },
    )
    // The runs reached every kind of answer the property is about, not only the easy ones.
    const reached = [
      'purchase:micropayment',
      'purchase:micropayment+top_up',
      'purchase:credit',
      'purchase:payer_not_verified',
      'purchase:top_up_refused',
      'purchase:credit_limit_exceeded',
      'purchase:over_purchase_limit',
      'purchase:over_daily_limit',
      'purchase:merchant_blocked_by_payer',
      'repeat_purchase:same',
      'repeat_purchase:amount',
      'repeat_purchase:item',
      'repeat_move:same',
      'repeat_move:conflict',
      'move:done',
      'move:insufficient_funds',
      'hold:done',
      'hold:insufficient_funds',
      'hold:credit_limit_exceeded',
      'post:done',
      'post:hold_already_resolved',
      'post:hold_expired',
      'post:post_exceeds_hold',
      'void:done',
      'void:hold_already_resolved',
      'reverse:done',
      'reverse:already_reversed',
      'reverse:cannot_reverse',
      'reverse:insufficient_funds',
    ]
    expect(reached.filter((outcome) => (tally.get(outcome) ?? 0) === 0)).toEqual([])
  })
})
