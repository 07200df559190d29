/**
 * Orders and disputes through the console API on the demo bank (a real database): an order
 * shows the transfers it caused; a dispute is opened on its charge, a provisional credit is
 * granted once, and a reversal debits the merchant's payable and credits the customer
 * exactly once (the provisional credit is withdrawn in the same group); a rejection
 * withdraws the provisional credit, or refuses with a sentence when the account no longer
 * holds it; repeats move nothing; a refund above the threshold waits for a second person;
 * a second pending request on the same subject is refused; roles are enforced.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { customerAccounts, customerByPayerId } from '../../main/customers/customers'
import { findAccount, postedBalance, spAccount } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { LedgerRefusal } from '../../main/ledger/errors'
import { verifyAuditChain } from '../../main/staff/audit'
import { setRefundThreshold } from '../../main/host/settings'
import { dbSnapshot, openDemoApp, seedDemoImage, send, type Answer, type DemoApp, type DemoImage, signIn } from './demo-app'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

function ok<T = Record<string, unknown>>(answer: Answer): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`)
  return answer.body.data as T
}

function refusal(answer: Answer): { code: string; message: string } {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${answer.status}`)
  return answer.body.error
}

function customerNamed(t: DemoApp, name: string) {
  const payer = t.credentials.payers.find((p) => p.name === name)
  const customer = payer ? customerByPayerId(t.db, payer.payer_id) : undefined
  if (!customer) throw new Error(`no demo customer ${name}`)
  return { customer, accounts: () => customerAccounts(t.db, customer.id) }
}

type Order = { purchase_id: string; item_title: string; amount_minor: number; method: string; merchant_id: number; dispute_status: string | null }
type Dispute = { id: number; status: string; amount_minor: number; provisional_transfer_id: number | null; resolution_transfer_id: number | null; pending_approval_id: number | null }

async function orderTitled(t: DemoApp, cookie: string, title: string): Promise<Order> {
  const list = ok<{ rows: Order[]; total: number }>(await send(t, 'orders.list', { search: title }, cookie))
  expect(list.total).toBe(1)
  const order = list.rows[0]
  if (!order) throw new Error(`no order ${title}`)
  return order
}

function payableOf(t: DemoApp, merchant_id: number) {
  const payable = findAccount(t.db, 'merchant', merchant_id, 'merchant_payable', 'USD')
  if (!payable) throw new Error('no payable')
  return postedBalance(payable)
}

function funding(t: DemoApp): number {
  return postedBalance(spAccount(t.db, 'sp_funding', 'USD', t.clock.now().toISOString()))
}

describe('orders', () => {
  it('lists orders with filters and paging, and shows an order with the transfers it caused', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const all = ok<{ rows: Order[]; total: number }>(await send(t, 'orders.list', { page_size: 2 }, clerk))
    const count = (t.db.prepare('SELECT count(*) AS n FROM purchases').get() as { n: number }).n
    expect(all.total).toBe(count)
    expect(all.rows).toHaveLength(2)
    const credit = ok<{ rows: Order[]; total: number }>(await send(t, 'orders.list', { method: 'credit' }, clerk))
    expect(credit.rows.every((o) => o.method === 'credit')).toBe(true)
    expect(ok<{ total: number }>(await send(t, 'orders.list', { search: '100%_nothing' }, clerk)).total).toBe(0)
    const oldest = ok<{ rows: Order[] }>(await send(t, 'orders.list', { sort: 'oldest', page_size: 1 }, clerk)).rows[0]
    expect(oldest?.item_title).toBe('Article: The Analytical Engine explained')

    const order = await orderTitled(t, clerk, 'Bernoulli')
    const detail = ok<{ transfers: Array<{ code: string; amount_minor: number }>; charge_transfer_id: number | null; disputes: unknown[] }>(
      await send(t, 'orders.get', { purchase_id: order.purchase_id }, clerk),
    )
    expect(detail.transfers.map((x) => x.code)).toContain('micropayment')
    expect(detail.charge_transfer_id).toEqual(expect.any(Number))
    expect(detail.disputes).toEqual([])
    expect((await send(t, 'orders.get', { purchase_id: 'no-such-order' }, clerk)).status).toBe(404)
  })
})

describe('disputes', () => {
  it('opens, grants a provisional credit once, and reverses: payable debited, customer credited once, invariants hold', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const ada = customerNamed(t, 'Ada Lovelace')
    const order = await orderTitled(t, clerk, 'Bernoulli')
    const value0 = postedBalance(ada.accounts().value)
    const payable0 = payableOf(t, order.merchant_id)
    const funding0 = funding(t)

    const opened = ok<{ dispute: Dispute; replayed: boolean }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'song never played', idempotency_key: 'open-1' }, clerk))
    expect(opened.dispute).toMatchObject({ status: 'open', amount_minor: order.amount_minor, provisional_transfer_id: null })
    const again = ok<{ dispute: Dispute; replayed: boolean }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'song never played', idempotency_key: 'open-1' }, clerk))
    expect(again).toMatchObject({ replayed: true, dispute: { id: opened.dispute.id } })
    const second = await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'again', idempotency_key: 'open-2' }, clerk)
    expect(second.status).toBe(422)
    expect(refusal(second).message).toMatch(/already has an open dispute/)
    expect(ok<{ rows: Order[] }>(await send(t, 'orders.list', { search: 'Bernoulli' }, clerk)).rows[0]?.dispute_status).toBe('open')

    const id = opened.dispute.id
    const granted = ok<{ dispute: Dispute }>(await send(t, 'disputes.grant_provisional', { dispute_id: id, idempotency_key: 'prov-1' }, clerk))
    expect(granted.dispute.provisional_transfer_id).toEqual(expect.any(Number))
    expect(postedBalance(ada.accounts().value)).toBe(value0 + order.amount_minor)
    const before_repeat = dbSnapshot(t.db)
    expect(ok<{ replayed: boolean }>(await send(t, 'disputes.grant_provisional', { dispute_id: id, idempotency_key: 'prov-1' }, clerk)).replayed).toBe(true)
    expect(dbSnapshot(t.db)).toEqual(before_repeat)
    const twice = await send(t, 'disputes.grant_provisional', { dispute_id: id, idempotency_key: 'prov-2' }, clerk)
    expect(refusal(twice).message).toMatch(/already has its provisional credit/)

    const reversed = ok<{ dispute: Dispute; approval_id: number | null }>(await send(t, 'disputes.resolve_reversal', { dispute_id: id, note: 'merchant agreed', idempotency_key: 'rev-1' }, clerk))
    expect(reversed).toMatchObject({ approval_id: null, dispute: { status: 'reversed', resolution_transfer_id: expect.any(Number) } })
    // Credited once: the reversal, with the provisional credit withdrawn in the same group.
    expect(postedBalance(ada.accounts().value)).toBe(value0 + order.amount_minor)
    expect(payableOf(t, order.merchant_id)).toBe(payable0 - order.amount_minor)
    expect(funding(t)).toBe(funding0)
    const codes = t.db.prepare('SELECT code, reverses_id FROM transfers WHERE request_id = (SELECT request_id FROM transfers WHERE id = ?) ORDER BY id').all(reversed.dispute.resolution_transfer_id)
    expect(codes).toEqual([
      { code: 'reversal', reverses_id: expect.any(Number) },
      { code: 'dispute_provisional_reversal', reverses_id: null },
    ])
    const before_replay = dbSnapshot(t.db)
    expect(ok<{ replayed: boolean }>(await send(t, 'disputes.resolve_reversal', { dispute_id: id, note: 'merchant agreed', idempotency_key: 'rev-1' }, clerk)).replayed).toBe(true)
    expect(dbSnapshot(t.db)).toEqual(before_replay)
    expect(refusal(await send(t, 'disputes.reject', { dispute_id: id, note: 'late', idempotency_key: 'rej-x' }, clerk)).message).toMatch(/already reversed/)
    // A reversed charge cannot be disputed again, and the ledger itself refuses a second reversal.
    expect(refusal(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'again', idempotency_key: 'open-3' }, clerk)).message).toMatch(/already been reversed/)
    const charge = t.db.prepare('SELECT reverses_id FROM transfers WHERE id = ?').get(reversed.dispute.resolution_transfer_id) as { reverses_id: number }
    expect(() => t.ctx.ledger.apply(1, [{ type: 'reverse', transfer_id: charge.reverses_id }], t.clock.now())).toThrow(LedgerRefusal)

    const detail = ok<{ transfers: Array<{ code: string }>; disputes: Dispute[] }>(await send(t, 'orders.get', { purchase_id: order.purchase_id }, clerk))
    expect(detail.transfers.map((x) => x.code)).toEqual(['micropayment', 'dispute_provisional_credit', 'reversal', 'dispute_provisional_reversal'])
    expect(detail.disputes.map((d) => d.status)).toEqual(['reversed'])
    expect(checkInvariants(t.db).ok).toBe(true)
    const actions = (t.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'dispute.%' ORDER BY id").all() as Array<{ action: string }>).map((a) => a.action)
    expect(actions).toEqual(['dispute.open', 'dispute.provisional_credit', 'dispute.reverse'])
    expect(verifyAuditChain(t.db).ok).toBe(true)
  })

  it('reverses a credit purchase without a provisional credit: the credit account owes less', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'supervisor')
    const hedy = customerNamed(t, 'Hedy Lamarr')
    const order = await orderTitled(t, clerk, 'Frequency Hopper')
    expect(order.method).toBe('credit')
    const owed0 = postedBalance(hedy.accounts().credit)
    const payable0 = payableOf(t, order.merchant_id)
    const opened = ok<{ dispute: Dispute }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'never delivered', idempotency_key: 'o' }, clerk))
    ok(await send(t, 'disputes.resolve_reversal', { dispute_id: opened.dispute.id, idempotency_key: 'r' }, clerk))
    expect(postedBalance(hedy.accounts().credit)).toBe(owed0 - order.amount_minor)
    expect(payableOf(t, order.merchant_id)).toBe(payable0 - order.amount_minor)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('rejects: withdraws the provisional credit, or refuses with a sentence when the account no longer holds it', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const ada = customerNamed(t, 'Ada Lovelace')
    const order = await orderTitled(t, clerk, 'Analytical Engine')
    const value0 = postedBalance(ada.accounts().value)
    const opened = ok<{ dispute: Dispute }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'not me', idempotency_key: 'o' }, clerk))
    ok(await send(t, 'disputes.grant_provisional', { dispute_id: opened.dispute.id, idempotency_key: 'p' }, clerk))
    expect(postedBalance(ada.accounts().value)).toBe(value0 + order.amount_minor)

    // The customer spends the value away: the withdrawal would take the account below zero.
    const everything = postedBalance(ada.accounts().value)
    t.ctx.ledger.apply(1, [{ type: 'single', debit_account_id: ada.accounts().value.id, credit_account_id: spAccount(t.db, 'sp_funding', 'USD', t.clock.now().toISOString()).id, amount_minor: everything, currency: 'USD', code: 'adjustment' }], t.clock.now())
    const before = dbSnapshot(t.db)
    const refused = await send(t, 'disputes.reject', { dispute_id: opened.dispute.id, note: 'customer did buy it', idempotency_key: 'j1' }, clerk)
    expect(refused.status).toBe(422)
    expect(refusal(refused).message).toMatch(/provisional credit of 0\.25 USD cannot be withdrawn: the customer's value account .* no longer holds it/)
    expect(dbSnapshot(t.db)).toEqual(before)

    // Money back in, and the rejection withdraws the provisional credit.
    t.ctx.ledger.apply(1, [{ type: 'single', credit_account_id: ada.accounts().value.id, debit_account_id: spAccount(t.db, 'sp_funding', 'USD', t.clock.now().toISOString()).id, amount_minor: everything, currency: 'USD', code: 'adjustment' }], t.clock.now())
    const rejected = ok<{ dispute: Dispute }>(await send(t, 'disputes.reject', { dispute_id: opened.dispute.id, note: 'customer did buy it', idempotency_key: 'j2' }, clerk))
    expect(rejected.dispute.status).toBe('rejected')
    expect(postedBalance(ada.accounts().value)).toBe(value0)
    const replay_before = dbSnapshot(t.db)
    expect(ok<{ replayed: boolean }>(await send(t, 'disputes.reject', { dispute_id: opened.dispute.id, note: 'customer did buy it', idempotency_key: 'j2' }, clerk)).replayed).toBe(true)
    expect(dbSnapshot(t.db)).toEqual(replay_before)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('sends a refund above the threshold to approvals; only a second person applies it; a duplicate pending request is refused', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const auditor = await signIn(t, 'auditor')
    expect((await send(t, 'settings.set_refund_threshold', { currency: 'USD', threshold_minor: 50 }, clerk)).status).toBe(403)
    ok(await send(t, 'settings.set_refund_threshold', { currency: 'USD', threshold_minor: 50 }, supervisor))
    const thresholds = ok<{ thresholds: Array<{ currency: string; threshold_minor: number }> }>(await send(t, 'settings.refund_thresholds', {}, auditor))
    expect(thresholds.thresholds.find((x) => x.currency === 'USD')?.threshold_minor).toBe(50)

    const ada = customerNamed(t, 'Ada Lovelace')
    const order = await orderTitled(t, clerk, 'Bernoulli')
    const value0 = postedBalance(ada.accounts().value)
    const opened = ok<{ dispute: Dispute }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'double charge', idempotency_key: 'o' }, clerk))
    const asked = ok<{ dispute: Dispute; approval_id: number | null }>(await send(t, 'disputes.resolve_reversal', { dispute_id: opened.dispute.id, note: 'upheld', idempotency_key: 'r1' }, clerk))
    expect(asked.approval_id).toEqual(expect.any(Number))
    expect(asked.dispute).toMatchObject({ status: 'open', pending_approval_id: asked.approval_id })
    expect(postedBalance(ada.accounts().value)).toBe(value0)

    const duplicate = await send(t, 'disputes.resolve_reversal', { dispute_id: opened.dispute.id, note: 'upheld', idempotency_key: 'r2' }, clerk)
    expect(duplicate.status).toBe(422)
    expect(refusal(duplicate).message).toMatch(/a refund request for this dispute already waits for approval/)
    expect(refusal(await send(t, 'disputes.reject', { dispute_id: opened.dispute.id, note: 'no', idempotency_key: 'j' }, clerk)).message).toMatch(/waits for approval/)

    // The clerk's supervisor approves: the reversal applies now, exactly once.
    const approved = ok<{ approval: { status: string; summary: string } }>(await send(t, 'approvals.approve', { id: asked.approval_id }, supervisor))
    expect(approved.approval.status).toBe('approved')
    expect(approved.approval.summary).toMatch(/^Refund 0\.99 USD to Ada Lovelace: reverse the charge of dispute \d+ \(Song Stream\)$/)
    expect(postedBalance(ada.accounts().value)).toBe(value0 + order.amount_minor)
    const dispute = ok<{ rows: Dispute[] }>(await send(t, 'disputes.list', { status: 'reversed' }, auditor)).rows
    expect(dispute.map((d) => d.id)).toEqual([opened.dispute.id])
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('refuses the maker their own refund approval', async () => {
    const t = openDemoApp(demo)
    const supervisor = await signIn(t, 'supervisor')
    setRefundThreshold(t.db, 'USD', 0)
    const order = await orderTitled(t, supervisor, 'Debugging')
    const opened = ok<{ dispute: Dispute }>(await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'x', idempotency_key: 'o' }, supervisor))
    const asked = ok<{ approval_id: number }>(await send(t, 'disputes.resolve_reversal', { dispute_id: opened.dispute.id, idempotency_key: 'r' }, supervisor))
    const own = await send(t, 'approvals.approve', { id: asked.approval_id }, supervisor)
    expect(own.status).toBe(422)
    expect(refusal(own).message).toBe('the maker of a request cannot approve it')
  })

  it('refuses a second pending request on the same account, card or bill', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const ada = customerNamed(t, 'Ada Lovelace')
    ok(await send(t, 'approvals.request_adjustment', { account_id: ada.accounts().value.id, amount_minor: 100, reason: 'first' }, clerk))
    const before = dbSnapshot(t.db)
    const second = await send(t, 'approvals.request_adjustment', { account_id: ada.accounts().value.id, amount_minor: 200, reason: 'second' }, clerk)
    expect(second.status).toBe(422)
    expect(refusal(second).message).toMatch(/^a balance adjustment request for this account already waits for approval \(request \d+\)/)
    expect(dbSnapshot(t.db)).toEqual(before)
    // Another kind on the same account is a different subject.
    ok(await send(t, 'approvals.request_credit_limit', { account_id: ada.accounts().credit.id, credit_limit_minor: 99_999, reason: 'raise' }, clerk))
    expect(refusal(await send(t, 'approvals.request_bill_write_off', { bill_id: 999_999, reason: 'gone' }, clerk)).message).toMatch(/no bill 999999/)
  })

  it('writes off a bill only when a second person approves the request', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const admin = await signIn(t, 'administrator')
    // Hedy owes 14.99 on her credit line (the demo's credit purchase), so 7.00 of it can be written off.
    const ada = customerNamed(t, 'Hedy Lamarr')
    const { id: bill_id } = t.db
      .prepare(
        `INSERT INTO bills (reference, customer_id, currency, cycle_start, cycle_end, close_reason, charges_minor, credits_minor, fee_minor, total_minor, due_at, closed_at)
         VALUES ('B-TEST-1', ?, 'USD', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'cycle_end', 700, 0, 0, 700, '2026-11-21T00:00:00.000Z', '2026-11-01T00:00:00.000Z') RETURNING id`,
      )
      .get(ada.customer.id) as { id: number }
    const owed0 = postedBalance(ada.accounts().credit)
    const asked = ok<{ approval: { id: number; summary: string } }>(await send(t, 'approvals.request_bill_write_off', { bill_id, reason: 'customer deceased' }, clerk))
    expect(asked.approval.summary).toBe('Write off 7.00 USD still owed on bill B-TEST-1 of Hedy Lamarr')
    expect(postedBalance(ada.accounts().credit)).toBe(owed0)
    expect(refusal(await send(t, 'approvals.request_bill_write_off', { bill_id, reason: 'again' }, clerk)).message).toMatch(/bill write-off request for this bill already waits/)
    ok(await send(t, 'approvals.approve', { id: asked.approval.id }, admin))
    expect(postedBalance(ada.accounts().credit)).toBe(owed0 - 700)
    expect(t.db.prepare('SELECT paid_minor FROM bills WHERE id = ?').get(bill_id)).toEqual({ paid_minor: 700 })
    expect((t.db.prepare("SELECT count(*) AS n FROM transfers WHERE code = 'bill_write_off'").get() as { n: number }).n).toBe(1)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('lets the auditor read orders and disputes but change nothing', async () => {
    const t = openDemoApp(demo)
    const auditor = await signIn(t, 'auditor')
    const order = await orderTitled(t, auditor, 'Bernoulli')
    const before = dbSnapshot(t.db)
    const refused = await send(t, 'disputes.open', { purchase_id: order.purchase_id, reason: 'x', idempotency_key: 'a' }, auditor)
    expect(refused.status).toBe(403)
    expect(dbSnapshot(t.db)).toEqual(before)
    const tester = await signIn(t, 'branch_tester')
    expect((await send(t, 'orders.list', {}, tester)).status).toBe(403)
  })

  it('opens a dispute on a POS card payment by its transfer, and refuses a transfer that is no charge', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const hedy = customerNamed(t, 'Hedy Lamarr')
    const payable = findAccount(t.db, 'merchant', (t.db.prepare("SELECT id FROM merchants WHERE name = 'Pixel Arcade'").get() as { id: number }).id, 'merchant_payable', 'USD')
    if (!payable) throw new Error('no payable')
    const [pos] = t.ctx.ledger.apply(1, [{ type: 'single', debit_account_id: hedy.accounts().cash_access.id, credit_account_id: payable.id, amount_minor: 700, currency: 'USD', code: 'pos_purchase' }], t.clock.now())
    if (!pos) throw new Error('no transfer')
    const opened = ok<{ dispute: Dispute & { purchase_id: string | null; charge_code: string } }>(await send(t, 'disputes.open', { transfer_id: pos.id, reason: 'card skimmed', idempotency_key: 'o' }, clerk))
    expect(opened.dispute).toMatchObject({ amount_minor: 700, purchase_id: null, charge_code: 'pos_purchase' })
    const cash0 = postedBalance(hedy.accounts().cash_access)
    ok(await send(t, 'disputes.resolve_reversal', { dispute_id: opened.dispute.id, idempotency_key: 'r' }, clerk))
    expect(postedBalance(hedy.accounts().cash_access)).toBe(cash0 + 700)
    const funding_transfer = t.db.prepare("SELECT id FROM transfers WHERE code = 'value_funding' LIMIT 1").get() as { id: number }
    expect(refusal(await send(t, 'disputes.open', { transfer_id: funding_transfer.id, reason: 'x', idempotency_key: 'o2' }, clerk)).message).toMatch(/not a purchase charge/)
    expect(checkInvariants(t.db).ok).toBe(true)
  })
})
