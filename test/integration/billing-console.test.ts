/**
 * Billing through the console API on the demo bank: Hedy Lamarr's running bill (a 14.99
 * credit purchase at Pixel Arcade, bill fee 1.50) closed by a clerk, its statement on
 * screen, as CSV (RFC 4180, integer digits) and as PDF; a payment recorded and applied;
 * more than owed refused in a sentence with nothing moved; the auditor reads but changes
 * nothing; the billing settings are a supervisor's.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { customerByPayerId } from '../../main/customers/customers'
import { checkInvariants } from '../../main/ledger/invariants'
import { verifyAuditChain } from '../../main/staff/audit'
import { dbSnapshot, openDemoApp, seedDemoImage, send, type Answer, type DemoApp, type DemoImage, signIn } from './demo-app'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

function dataOf<T>(answer: Answer): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`)
  return answer.body.data as T
}

function hedy(t: DemoApp): number {
  const payer = t.credentials.payers.find((p) => p.name === 'Hedy Lamarr')
  const customer = payer ? customerByPayerId(t.db, payer.payer_id) : undefined
  if (!customer) throw new Error('no demo customer Hedy Lamarr')
  return customer.id
}

describe('billing console', () => {
  it('closes the running bill, shows the statement, exports CSV and PDF, records a payment', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const customer_id = hedy(t)
    const before = dataOf<{ summary: { unbilled_minor: number; bill_fee_minor: number; bill_cap_minor: number; next_cycle_end: string } }>(await send(t, 'billing.summary', { customer_id }, clerk)).summary
    expect(before).toMatchObject({ unbilled_minor: 1_499, bill_fee_minor: 150, bill_cap_minor: 25_000, next_cycle_end: '2026-12-01T00:00:00.000Z' })

    const closed = dataOf<{ bill: { id: number; reference: string; total_minor: number; fee_minor: number; close_reason: string; status: string } }>(
      await send(t, 'bills.close_now', { customer_id, idempotency_key: 'close-1' }, clerk),
    ).bill
    expect(closed).toMatchObject({ total_minor: 1_649, fee_minor: 150, close_reason: 'manual', status: 'open' })
    // The same key again: the same bill, nothing twice.
    expect(dataOf<{ bill: { id: number } }>(await send(t, 'bills.close_now', { customer_id, idempotency_key: 'close-1' }, clerk)).bill.id).toBe(closed.id)
    const again = await send(t, 'bills.close_now', { customer_id, idempotency_key: 'close-2' }, clerk)
    expect(again.status).toBe(422)
    expect(again.body.ok ? '' : again.body.error.message).toMatch(/nothing unbilled/)

    const got = dataOf<{ lines: Array<{ merchant: string | null; item: string; amount_minor: number; kind: string }> }>(await send(t, 'bills.get', { bill_id: closed.id }, clerk))
    expect(got.lines).toEqual([expect.objectContaining({ merchant: 'Pixel Arcade', item: 'Game: Frequency Hopper, level pack', amount_minor: 1_499, kind: 'credit_purchase' })])

    const csv = dataOf<{ filename: string; media_type: string; content: string }>(await send(t, 'bills.statement_csv', { bill_id: closed.id }, clerk))
    expect(csv.filename).toBe(`statement-${closed.reference}.csv`)
    const rows = csv.content.split('\r\n')
    expect(rows[0]).toBe('date,type,merchant,item,amount,currency')
    expect(rows[1]).toBe('2026-11-02,Credit purchase,Pixel Arcade,"Game: Frequency Hopper, level pack",14.99,USD')
    expect(rows).toContain(',Bill fee,,,1.50,USD')
    expect(rows).toContain(',Total,,,16.49,USD')
    expect(csv.content.endsWith('\r\n')).toBe(true)

    const pdf = dataOf<{ encoding: string; content: string; media_type: string }>(await send(t, 'bills.statement_pdf', { bill_id: closed.id }, clerk))
    expect(pdf.media_type).toBe('application/pdf')
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')

    // More than owed: refused in a sentence, nothing moved.
    const snapshot = dbSnapshot(t.db)
    const too_much = await send(t, 'bills.record_payment', { customer_id, amount_minor: 1_000_000, reference: 'x', idempotency_key: 'pay-0' }, clerk)
    expect(too_much.status).toBe(422)
    expect(too_much.body.ok ? '' : too_much.body.error.message).toMatch(/owes 16.49 USD on the credit account/)
    expect(dbSnapshot(t.db)).toEqual(snapshot)

    const paid = dataOf<{ applied: Array<{ reference: string; amount_minor: number }>; unapplied_minor: number }>(
      await send(t, 'bills.record_payment', { customer_id, amount_minor: 1_649, reference: 'giro 4711', idempotency_key: 'pay-1' }, clerk),
    )
    expect(paid).toMatchObject({ applied: [{ reference: closed.reference, amount_minor: 1_649 }], unapplied_minor: 0 })
    const list = dataOf<{ rows: Array<{ id: number; status: string }> }>(await send(t, 'bills.list', { status: 'paid' }, clerk))
    expect(list.rows.map((r) => [r.id, r.status])).toEqual([[closed.id, 'paid']])
    expect(dataOf<{ rows: unknown[] }>(await send(t, 'bills.list', { status: 'unpaid' }, clerk)).rows).toEqual([])

    expect(checkInvariants(t.db).problems).toEqual([])
    expect(verifyAuditChain(t.db).ok).toBe(true)
    const actions = (t.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'bill.%' ORDER BY id").all() as Array<{ action: string }>).map((r) => r.action)
    expect(actions).toEqual(['bill.close_now', 'bill.fee', 'bill.payment'])
  })

  it('the auditor reads statements but cannot pay or close; only a supervisor sets billing terms', async () => {
    const t = openDemoApp(demo)
    const customer_id = hedy(t)
    const auditor = await signIn(t, 'auditor')
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    expect((await send(t, 'billing.summary', { customer_id }, auditor)).status).toBe(200)
    expect((await send(t, 'bills.close_now', { customer_id, idempotency_key: 'a' }, auditor)).status).toBe(403)
    expect((await send(t, 'bills.record_payment', { customer_id, amount_minor: 100, reference: '', idempotency_key: 'a' }, auditor)).status).toBe(403)
    const terms = { customer_id, billing_day: 10, bill_cap_minor: 30_000, bill_fee_minor: 0 }
    expect((await send(t, 'customers.set_billing', terms, clerk)).status).toBe(403)
    const set = dataOf<{ summary: { billing_day: number; next_cycle_end: string } }>(await send(t, 'customers.set_billing', terms, supervisor))
    expect(set.summary).toMatchObject({ billing_day: 10, next_cycle_end: '2026-11-10T00:00:00.000Z' })
    const bad = await send(t, 'customers.set_billing', { ...terms, billing_day: 31 }, supervisor)
    expect(bad.status).toBe(400)
  })
})
