/**
 * Settlement on a real database: the job closes batches by amount and by days, reruns and
 * restarts close nothing twice, a manual close is idempotent, corrections land in the next
 * batch, and a payout is exported (pain.001 valid against the XSD), sent, returned and re-sent
 * with the ledger moving accordingly and its invariants holding.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FrozenClock } from '../../main/clock'
import { createContext, type HostContext } from '../../main/host/context'
import { openDatabase, type Database } from '../../main/store/database'
import { findAccount, postedBalance, spAccount } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { verifyAuditChain } from '../../main/staff/audit'
import { settleDueMerchants } from '../../main/settlement/job'
import { settlementDue } from '../../main/settlement/due'
import { validatePain001 } from '../../main/settlement/files'
import { openDemoApp, seedDemoImage, send, type DemoApp, type DemoImage, signIn } from './demo-app'
import { settlementBuy, settlementBuyer, settlementShop } from './role-matrix/settlement'
import { testIban } from './role-matrix/merchants'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

const day_ms = 86_400_000

function data<T>(answer: Awaited<ReturnType<typeof send>>): T {
  if (!answer.body.ok) throw new Error(`${answer.status}: ${answer.body.error.message}`)
  return answer.body.data as T
}

function batchesOf(db: Database, merchant_id: number) {
  return db
    .prepare('SELECT id, closed_by, purchase_count, gross_minor, corrections_minor, discount_minor, fees_minor, net_minor FROM settlement_batches WHERE merchant_id = ? ORDER BY id')
    .all(merchant_id) as Array<{ id: number; closed_by: string; purchase_count: number; gross_minor: number; corrections_minor: number; discount_minor: number; fees_minor: number; net_minor: number }>
}

function payable(db: Database, merchant_id: number): number {
  const a = findAccount(db, 'merchant', merchant_id, 'merchant_payable', 'USD')
  return a ? postedBalance(a) : 0
}

function sp(db: Database, kind: 'sp_settlement' | 'sp_fee_income' | 'sp_funding'): number {
  return postedBalance(spAccount(db, kind, 'USD', '2026-01-01T00:00:00.000Z'))
}

function auditCount(db: Database, action: string): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n
}

describe('the settlement job', () => {
  it('closes a batch when the payable reaches the amount: discount floored, fees per purchase, net to the clearing account', () => {
    const t = openDemoApp(demo)
    const m = settlementShop(t.db, t.clock, 'STL-AMT', { discount_bps: 250, fee_per_purchase_minor: 10, settle_at_minor: 5_000 })
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 3_000, 'a1')
    expect(settleDueMerchants(t.ctx, t.clock.now())).toBeNull()
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ unsettled_minor: 3_000, purchase_count: 1, due: false })
    settlementBuy(t.ctx, m, buyer, 2_500, 'a2')
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ due: true, due_reason: 'rule_amount' })
    const fee_before = sp(t.db, 'sp_fee_income')
    const clearing_before = sp(t.db, 'sp_settlement')

    expect(settleDueMerchants(t.ctx, t.clock.now())).toMatchObject({ closed: 1, net_minor_by_currency: { USD: 5_343 } })
    // 5500 at 250 bp is 137.5: the SP keeps 137, the merchant the odd half unit.
    expect(batchesOf(t.db, m)).toEqual([
      expect.objectContaining({ closed_by: 'rule_amount', purchase_count: 2, gross_minor: 5_500, corrections_minor: 0, discount_minor: 137, fees_minor: 20, net_minor: 5_343 }),
    ])
    expect(payable(t.db, m)).toBe(0)
    expect(sp(t.db, 'sp_fee_income') - fee_before).toBe(157)
    expect(sp(t.db, 'sp_settlement') - clearing_before).toBe(-5_343) // owed out: a credit on a debit-normal account
    expect(auditCount(t.db, 'job.settlement_close')).toBe(1)

    expect(settleDueMerchants(t.ctx, t.clock.now())).toBeNull()
    expect(settleDueMerchants(createContext(t.db, t.clock, demo.master_key), t.clock.now())).toBeNull()
    expect(batchesOf(t.db, m)).toHaveLength(1)
    expect(checkInvariants(t.db).problems).toEqual([])
    expect(verifyAuditChain(t.db).ok).toBe(true)
  })

  it('closes by days since onboarding, then since the last batch; a long downtime closes one batch with everything', () => {
    const t = openDemoApp(demo)
    const m = settlementShop(t.db, t.clock, 'STL-DAYS', { settle_at_minor: null, settle_every_days: 7 })
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 1_200, 'd1')
    t.clock.advance(3 * day_ms)
    settleDueMerchants(t.ctx, t.clock.now()) // the demo merchants have rules of their own: only ours is asserted
    expect(batchesOf(t.db, m)).toEqual([])
    t.clock.advance(4 * day_ms)
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ due: true, due_reason: 'rule_days', rule: 'Every 7 days' })
    expect(settleDueMerchants(t.ctx, t.clock.now())).not.toBeNull()
    expect(batchesOf(t.db, m)).toEqual([expect.objectContaining({ closed_by: 'rule_days', gross_minor: 1_200, net_minor: 1_200 })])

    // Down for 30 days with purchases on several days: one batch takes them all.
    for (let day = 1; day <= 5; day++) {
      t.clock.advance(day_ms)
      settlementBuy(t.ctx, m, buyer, 700, `d-late-${day}`)
    }
    t.clock.advance(25 * day_ms)
    expect(settleDueMerchants(t.ctx, t.clock.now())).not.toBeNull()
    expect(settleDueMerchants(t.ctx, t.clock.now())).toBeNull()
    expect(batchesOf(t.db, m).map((b) => [b.purchase_count, b.net_minor])).toEqual([
      [1, 1_200],
      [5, 3_500],
    ])
    // Nothing new: the days pass but there is nothing to pay.
    t.clock.advance(8 * day_ms)
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ due: false, unsettled_minor: 0 })
    settleDueMerchants(t.ctx, t.clock.now())
    expect(batchesOf(t.db, m)).toHaveLength(2)
    expect(checkInvariants(t.db).problems).toEqual([])
  })

  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('a restarted host (a new context on the same file) closes nothing twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'centavo-settlement-'))
    dirs.push(dir)
    const file = join(dir, 'bank.db')
    const clock = new FrozenClock('2026-11-02T09:00:00.000Z')
    const db1 = openDatabase(file, { clock })
    const ctx1 = createContext(db1, clock)
    setMicropaymentThreshold(db1, 'USD', 500, clock.now())
    const m = settlementShop(db1, clock, 'STL-RST', { settle_at_minor: 1_000 })
    const buyer = settlementBuyer(db1, clock)
    settlementBuy(ctx1, m, buyer, 1_500, 'r1')
    expect(settleDueMerchants(ctx1, clock.now())).toMatchObject({ closed: 1 })
    settlementBuy(ctx1, m, buyer, 600, 'r2')
    db1.close()

    clock.advance(day_ms)
    const db2 = openDatabase(file, { clock })
    const ctx2: HostContext = createContext(db2, clock)
    expect(settleDueMerchants(ctx2, clock.now())).toBeNull() // 600 is below the amount
    settlementBuy(ctx2, m, buyer, 600, 'r3')
    expect(settleDueMerchants(ctx2, clock.now())).toMatchObject({ closed: 1 })
    expect(settleDueMerchants(createContext(db2, clock), clock.now())).toBeNull()
    expect(batchesOf(db2, m).map((b) => b.net_minor)).toEqual([1_500, 1_200])
    expect(checkInvariants(db2).problems).toEqual([])
    db2.close()
  })
})

describe('closing by hand', () => {
  it('is idempotent by key, refused when nothing is left, and a correction shows in the next batch', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const m = settlementShop(t.db, t.clock, 'STL-HAND', { discount_bps: 100 })
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 4_000, 'h1')
    settlementBuy(t.ctx, m, buyer, 2_000, 'h2')

    const first = data<{ batch: { id: number; reference: string; net_minor: number; closed_by: string; staff_name: string }; replayed: boolean }>(
      await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'close-1' }, clerk),
    )
    expect(first.replayed).toBe(false)
    expect(first.batch).toMatchObject({ net_minor: 5_940, closed_by: 'staff', staff_name: 'Carl Clerk' })
    expect(first.batch.reference).toMatch(/^STL-2026-\d{6}$/)
    const again = data<{ batch: { id: number }; replayed: boolean }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'close-1' }, clerk))
    expect(again).toMatchObject({ replayed: true, batch: { id: first.batch.id } })
    const other = await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'close-2' }, clerk)
    expect(other.status).toBe(422)
    expect(other.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('nothing unsettled') } })
    expect(batchesOf(t.db, m)).toHaveLength(1)
    expect(auditCount(t.db, 'settlement.close')).toBe(1)

    // A dispute-style chargeback after the batch: the merchant's payable is debited.
    const purchase_transfer = t.db
      .prepare("SELECT t.id FROM transfers t JOIN accounts a ON a.id = t.credit_account_id WHERE a.owner_type = 'merchant' AND a.owner_id = ? AND t.amount_minor = 2000")
      .get(m) as { id: number }
    t.ctx.requests.run({ scope: 'test', idempotency_key: 'chargeback', kind: 'chargeback', content: {} }, t.clock.now(), (rid) =>
      t.ctx.ledger.apply(rid, [{ type: 'reverse', transfer_id: purchase_transfer.id }], t.clock.now()),
    )
    // Only the correction: nothing to pay, so it carries forward.
    const carry = await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'close-3' }, clerk)
    expect(carry.status).toBe(422)
    expect(carry.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('carries forward') } })
    settlementBuy(t.ctx, m, buyer, 5_000, 'h3')
    const second = data<{ batch: { id: number; gross_minor: number; corrections_minor: number; discount_minor: number; net_minor: number } }>(
      await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'close-4' }, clerk),
    )
    expect(second.batch).toMatchObject({ gross_minor: 5_000, corrections_minor: 2_000, discount_minor: 30, net_minor: 2_970 })
    const detail = data<{ lines: { rows: Array<{ kind: string; amount_minor: number; item_title: string | null; payer_pseudonym: string | null }>; total: number } }>(
      await send(t, 'settlement.get', { batch_id: second.batch.id }, clerk),
    )
    expect(detail.lines.total).toBe(2)
    expect(detail.lines.rows.map((r) => [r.kind, r.amount_minor, r.item_title])).toEqual([
      ['correction', -2_000, 'Article h2'],
      ['purchase', 5_000, 'Article h3'],
    ])
    expect(detail.lines.rows.every((r) => r.payer_pseudonym !== null && !/\d{12,}/.test(r.payer_pseudonym))).toBe(true)
    expect(payable(t.db, m)).toBe(0)
    expect(checkInvariants(t.db).problems).toEqual([])
  })
})

describe('what is unsettled', () => {
  it('leaves a pending hold out until it is posted, then settles it in the next batch', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'supervisor')
    const m = settlementShop(t.db, t.clock, 'STL-HOLD')
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 800, 'hold-1')
    const credit = findAccount(t.db, 'customer', buyer.id, 'credit', 'USD')
    const merchant_payable = findAccount(t.db, 'merchant', m, 'merchant_payable', 'USD')
    if (!credit || !merchant_payable) throw new Error('accounts missing')
    // A card-present purchase: authorised (a hold) now, posted later.
    const [hold] = t.ctx.requests.run({ scope: 'test', idempotency_key: 'pos-hold', kind: 'pos', content: {} }, t.clock.now(), (rid) =>
      t.ctx.ledger.apply(
        rid,
        [{ type: 'hold', debit_account_id: credit.id, credit_account_id: merchant_payable.id, amount_minor: 300, currency: 'USD', code: 'credit_purchase', expires_at: new Date(t.clock.now().getTime() + day_ms) }],
        t.clock.now(),
      ),
    ).response
    if (!hold) throw new Error('no hold')
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ unsettled_minor: 800, purchase_count: 1 })
    const first = data<{ batch: { gross_minor: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'hold-a' }, clerk))
    expect(first.batch.gross_minor).toBe(800)

    t.ctx.requests.run({ scope: 'test', idempotency_key: 'pos-post', kind: 'pos', content: {} }, t.clock.now(), (rid) =>
      t.ctx.ledger.apply(rid, [{ type: 'post', pending_id: hold.id }], t.clock.now()),
    )
    expect(settlementDue(t.db, t.clock.now()).find((d) => d.merchant_id === m)).toMatchObject({ unsettled_minor: 300, purchase_count: 1 })
    const second = data<{ batch: { gross_minor: number; purchase_count: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'hold-b' }, clerk))
    expect(second.batch).toMatchObject({ gross_minor: 300, purchase_count: 1 })
    // Every posted purchase and correction of the payable is in exactly one batch.
    const unbatched = t.db
      .prepare(
        `SELECT count(*) AS n FROM transfers t WHERE (t.credit_account_id = ? OR t.debit_account_id = ?) AND t.phase IN ('single', 'post_pending')
           AND t.code NOT IN ('settlement', 'settlement_discount', 'settlement_fee') AND t.id NOT IN (SELECT transfer_id FROM settlement_batch_lines)`,
      )
      .get(merchant_payable.id, merchant_payable.id)
    expect(unbatched).toEqual({ n: 0 })
    expect(payable(t.db, m)).toBe(0)
    expect(checkInvariants(t.db).problems).toEqual([])
  })
})

describe('payouts', () => {
  it('exports a valid pain.001, is marked sent, returned, re-sent to the corrected account; the ledger follows', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const auditor = await signIn(t, 'auditor')
    const m = settlementShop(t.db, t.clock, 'STL-PAY', { fee_per_purchase_minor: 5 })
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 123_456, 'p1')
    settlementBuy(t.ctx, m, buyer, 789, 'p2')
    const { batch } = data<{ batch: { id: number; reference: string; net_minor: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'pay-1' }, clerk))
    expect(batch.net_minor).toBe(124_235)

    // The auditor sees files but never starts a payout.
    const early = await send(t, 'settlement.export_pain001', { batch_id: batch.id }, auditor)
    expect(early.status).toBe(422)
    const file = data<{ filename: string; media_type: string; content: string }>(await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk))
    expect(file.filename).toBe(`${batch.reference}-A1.pain001.xml`)
    expect(await validatePain001(file.content)).toEqual({ valid: true, errors: [] })
    expect(file.content).toContain('<CtrlSum>1242.35</CtrlSum>')
    expect(file.content).toContain('<InstdAmt Ccy="USD">1242.35</InstdAmt>')
    expect(file.content).toContain(`<EndToEndId>${batch.reference}</EndToEndId>`)
    expect(file.content).toContain(`<IBAN>${testIban()}</IBAN>`)
    // Exporting again gives the same attempt's file, not a second payout.
    expect(data<{ content: string }>(await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk)).content).toBe(file.content)
    expect(data<{ content: string }>(await send(t, 'settlement.export_pain001', { batch_id: batch.id }, auditor)).content).toBe(file.content)

    type Payouts = { payouts: Array<{ id: number; attempt: number; status: string; creditor_iban: string | null; creditor_account_number: string | null }> }
    const [attempt1] = data<Payouts>(await send(t, 'settlement.get', { batch_id: batch.id }, clerk)).payouts
    if (!attempt1) throw new Error('no payout')
    const funding_before = sp(t.db, 'sp_funding')
    const clearing_before = sp(t.db, 'sp_settlement')
    expect(data<{ replayed: boolean }>(await send(t, 'settlement.payout_sent', { payout_id: attempt1.id }, clerk)).replayed).toBe(false)
    expect(data<{ replayed: boolean; payout: { status: string } }>(await send(t, 'settlement.payout_sent', { payout_id: attempt1.id }, clerk))).toMatchObject({
      replayed: true,
      payout: { status: 'sent' },
    })
    expect(sp(t.db, 'sp_settlement') - clearing_before).toBe(124_235)
    expect(sp(t.db, 'sp_funding') - funding_before).toBe(-124_235)

    // Resending a payout that was not returned is refused: a batch is never paid twice.
    expect((await send(t, 'settlement.payout_resend', { batch_id: batch.id }, clerk)).status).toBe(409)
    expect((await send(t, 'settlement.payout_return', { payout_id: attempt1.id, reason: '' }, clerk)).status).toBe(400)
    data(await send(t, 'settlement.payout_return', { payout_id: attempt1.id, reason: 'AC04 account closed' }, clerk))
    expect(sp(t.db, 'sp_settlement') - clearing_before).toBe(0)
    expect(sp(t.db, 'sp_funding') - funding_before).toBe(0)
    const after_return = await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk)
    expect(after_return.status).toBe(422)
    expect(after_return.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('re-send') } })

    // The merchant gives a domestic account number instead: attempt 2 pays there.
    t.db.prepare("UPDATE merchants SET settlement_iban = NULL, settlement_bic = NULL, settlement_account_number = '00123456789' WHERE id = ?").run(m)
    const resent = data<{ payout: { id: number; attempt: number; creditor_account_number: string } }>(await send(t, 'settlement.payout_resend', { batch_id: batch.id }, clerk))
    expect(resent.payout).toMatchObject({ attempt: 2, creditor_account_number: '00123456789' })
    const file2 = data<{ filename: string; content: string }>(await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk))
    expect(file2.filename).toBe(`${batch.reference}-A2.pain001.xml`)
    expect(file2.content).toContain('<Othr><Id>00123456789</Id></Othr>')
    expect(await validatePain001(file2.content)).toEqual({ valid: true, errors: [] })
    data(await send(t, 'settlement.payout_sent', { payout_id: resent.payout.id }, clerk))
    expect(sp(t.db, 'sp_settlement') - clearing_before).toBe(124_235)

    const list = data<{ rows: Array<{ id: number; payout_status: string }> }>(await send(t, 'settlement.list', { merchant_id: m }, auditor))
    expect(list.rows).toEqual([expect.objectContaining({ id: batch.id, payout_status: 'sent' })])
    for (const action of ['settlement.payout_export', 'settlement.payout_sent', 'settlement.payout_return']) expect(auditCount(t.db, action)).toBeGreaterThan(0)
    expect(checkInvariants(t.db).problems).toEqual([])
    expect(verifyAuditChain(t.db).ok).toBe(true)
  })

  it("a bank that is not the demo one makes no pain.001 until an administrator sets its payout account; then the file debits it", async () => {
    const t = openDemoApp(demo)
    t.db.prepare("UPDATE settings SET value = '0' WHERE key = 'demo_bank'").run()
    const clerk = await signIn(t, 'back_office_clerk')
    const admin = await signIn(t, 'administrator')
    const m = settlementShop(t.db, t.clock, 'STL-DEBTOR')
    settlementBuy(t.ctx, m, settlementBuyer(t.db, t.clock), 4_200, 'd1')
    const { batch } = data<{ batch: { id: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'd' }, clerk))
    expect(data<{ account: unknown }>(await send(t, 'settlement.payout_account', {}, clerk)).account).toBeNull()
    const refused = await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk)
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('payout account is not set') } })
    expect(t.db.prepare('SELECT count(*) AS n FROM settlement_payouts WHERE batch_id = ?').get(batch.id)).toEqual({ n: 0 })

    // A mistyped IBAN is refused with the reason, and nothing is saved; the clerk may not set it at all.
    const mistyped = await send(t, 'settlement.set_payout_account', { iban: 'GB29 NWBK 6016 1331 9268 18', bic: 'NWBKGB2L' }, admin)
    expect(mistyped.status).toBe(400)
    expect(mistyped.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('check digits') } })
    expect((await send(t, 'settlement.set_payout_account', { iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' }, clerk)).status).toBe(403)
    expect(data<{ account: unknown }>(await send(t, 'settlement.payout_account', {}, clerk)).account).toBeNull()

    const set = data<{ account: { iban: string } }>(await send(t, 'settlement.set_payout_account', { iban: 'gb29 nwbk 6016 1331 9268 19', bic: 'nwbkgb2l' }, admin))
    expect(set.account.iban).toBe('GB29NWBK60161331926819')
    expect(auditCount(t.db, 'settings.set_payout_account')).toBe(1)
    const file = data<{ content: string }>(await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk))
    expect(file.content).toMatch(/<DbtrAcct>\s*<Id>\s*<IBAN>GB29NWBK60161331926819<\/IBAN>/)
    expect(file.content).toMatch(/<BIC>NWBKGB2L<\/BIC>/)
    expect(await validatePain001(file.content)).toEqual({ valid: true, errors: [] })
  })

  it('a payout file that fails the schema is refused and leaves no payout attempt behind', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const m = settlementShop(t.db, t.clock, 'STL-BADBIC')
    settlementBuy(t.ctx, m, settlementBuyer(t.db, t.clock), 900, 'b1')
    const { batch } = data<{ batch: { id: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'b' }, clerk))
    // A BIC damaged behind the forms' back (the forms refuse it): only the schema can catch it.
    t.db.prepare("UPDATE merchants SET settlement_bic = 'BAD' WHERE id = ?").run(m)
    const refused = await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk)
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('does not pass the ISO 20022 schema') } })
    expect(t.db.prepare('SELECT count(*) AS n FROM settlement_payouts WHERE batch_id = ?').get(batch.id)).toEqual({ n: 0 })
    expect(auditCount(t.db, 'settlement.payout_export')).toBe(0)
  })

  it('refuses a pain.001 for a merchant without a settlement account, and writes no payout', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const m = settlementShop(t.db, t.clock, 'STL-NOACC')
    settlementBuy(t.ctx, m, settlementBuyer(t.db, t.clock), 900, 'n1')
    const { batch } = data<{ batch: { id: number } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'n' }, clerk))
    t.db.prepare('UPDATE merchants SET settlement_iban = NULL, settlement_bic = NULL, settlement_account_number = NULL WHERE id = ?').run(m)
    const refused = await send(t, 'settlement.export_pain001', { batch_id: batch.id }, clerk)
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('no settlement account') } })
    expect(t.db.prepare('SELECT count(*) AS n FROM settlement_payouts WHERE batch_id = ?').get(batch.id)).toEqual({ n: 0 })
  })

  it('exports the batch as CSV with integer-exact amounts and as a PDF', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'supervisor')
    const m = settlementShop(t.db, t.clock, 'STL-CSV', { discount_bps: 333 })
    const buyer = settlementBuyer(t.db, t.clock)
    settlementBuy(t.ctx, m, buyer, 100_001, 'c1')
    const { batch } = data<{ batch: { id: number; reference: string } }>(await send(t, 'settlement.close', { merchant_id: m, idempotency_key: 'c' }, clerk))
    const csv = data<{ content: string; media_type: string }>(await send(t, 'settlement.export_csv', { batch_id: batch.id }, clerk))
    expect(csv.media_type).toBe('text/csv')
    const lines = csv.content.split('\r\n')
    expect(lines).toContain(`reference,${batch.reference}`)
    expect(lines).toContain('gross,1000.01')
    expect(lines).toContain('discount,33.30') // 100001 × 3.33 % = 3330.03, floored
    expect(lines).toContain('net,966.71')
    expect(lines).toContain('transfer_id,at,kind,code,purchase_id,item,payer_pseudonym,amount')
    expect(lines.filter((l) => /,1000\.01$/.test(l) && l.includes('purchase'))).toHaveLength(1)
    const pdf = data<{ encoding: string; content: string }>(await send(t, 'settlement.export_pdf', { batch_id: batch.id }, clerk))
    expect(pdf.encoding).toBe('base64')
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
  })
})
