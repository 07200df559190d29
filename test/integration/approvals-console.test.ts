/**
 * Maker-checker through the console API on the demo bank: a balance adjustment, a
 * credit-limit increase and a card unblock change nothing until a second person approves;
 * the maker can never approve their own request (422 with the sentence); approving moves
 * money exactly once and keeps the ledger's invariants; a decided request cannot be
 * decided again; a rejection leaves everything as it was; a credit limit is never lowered
 * this way; every step lands in an audit chain that verifies.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { customerAccounts, customerByPayerId } from '../../main/customers/customers'
import { postedBalance } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { card, changeCardStatus, issueCard } from '../../main/cards/cards'
import { verifyAuditChain } from '../../main/staff/audit'
import { maker_cannot_approve } from '../../main/approvals/approvals'
import { dbSnapshot, openDemoApp, seedDemoImage, type DemoApp, type DemoImage, send, type Answer, signIn } from './demo-app'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

type Approval = { id: number; status: string; summary: string; maker_username: string; checker_username: string | null }

function approvalOf(answer: Answer): Approval {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`)
  return (answer.body.data as { approval: Approval }).approval
}

function errorOf(answer: Answer): { code: string; message: string } {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${answer.status}`)
  return answer.body.error
}

function ada(t: DemoApp) {
  const payer = t.credentials.payers.find((p) => p.name === 'Ada Lovelace')
  const customer = payer ? customerByPayerId(t.db, payer.payer_id) : undefined
  if (!customer) throw new Error('no demo customer Ada Lovelace')
  return { customer, accounts: () => customerAccounts(t.db, customer.id) }
}

function adjustments(t: DemoApp): number {
  return (t.db.prepare("SELECT count(*) AS n FROM transfers WHERE code = 'adjustment'").get() as { n: number }).n
}

describe('maker-checker', () => {
  it('refuses the maker their own approval, then a second person applies an adjustment exactly once', async () => {
    const t = openDemoApp(demo)
    const a = ada(t)
    const supervisor = await signIn(t, 'supervisor')
    const admin = await signIn(t, 'administrator')
    const value_before = postedBalance(a.accounts().value)

    const made = approvalOf(await send(t, 'approvals.request_adjustment', { account_id: a.accounts().value.id, amount_minor: 1_000, reason: 'branch cash miscounted' }, supervisor))
    expect(made).toMatchObject({ status: 'pending' })
    expect(made.summary).toBe(`Adjust Ada Lovelace's account ${a.accounts().value.number} by +10.00 USD`)
    expect(postedBalance(a.accounts().value)).toBe(value_before)

    const own = await send(t, 'approvals.approve', { id: made.id }, supervisor)
    expect(own.status).toBe(422)
    expect(errorOf(own).message).toBe(maker_cannot_approve)
    expect(postedBalance(a.accounts().value)).toBe(value_before)

    const approved = approvalOf(await send(t, 'approvals.approve', { id: made.id }, admin))
    expect(approved).toMatchObject({ status: 'approved', checker_username: expect.any(String) })
    expect(postedBalance(a.accounts().value)).toBe(value_before + 1_000)
    expect(adjustments(t)).toBe(1)

    const again = await send(t, 'approvals.approve', { id: made.id }, admin)
    expect(again.status).toBe(422)
    expect(errorOf(again).message).toBe(`approval request ${made.id} is already approved`)
    expect(postedBalance(a.accounts().value)).toBe(value_before + 1_000)
    expect(adjustments(t)).toBe(1)

    // A negative adjustment takes value back to the SP's funding account.
    const back = approvalOf(await send(t, 'approvals.request_adjustment', { account_id: a.accounts().value.id, amount_minor: -400, reason: 'reverse part of it' }, admin))
    approvalOf(await send(t, 'approvals.approve', { id: back.id }, supervisor))
    expect(postedBalance(a.accounts().value)).toBe(value_before + 600)
    expect(checkInvariants(t.db)).toMatchObject({ ok: true, problems: [] })
    const actions = (t.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'approval.%' ORDER BY id").all() as Array<{ action: string }>).map((r) => r.action)
    expect(actions).toEqual(['approval.request_balance_adjustment', 'approval.approve_balance_adjustment', 'approval.request_balance_adjustment', 'approval.approve_balance_adjustment'])
    expect(verifyAuditChain(t.db).ok).toBe(true)
  })

  it('leaves the request pending and nothing moved when the ledger refuses the adjustment', async () => {
    const t = openDemoApp(demo)
    const a = ada(t)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const made = approvalOf(await send(t, 'approvals.request_adjustment', { account_id: a.accounts().value.id, amount_minor: -10_000_000, reason: 'more than there is' }, clerk))
    const before = dbSnapshot(t.db)
    const refused = await send(t, 'approvals.approve', { id: made.id }, supervisor)
    expect(refused.status).toBe(422)
    expect(dbSnapshot(t.db)).toEqual(before)
  })

  it('changes nothing when a request is rejected, and a rejected request cannot be approved', async () => {
    const t = openDemoApp(demo)
    const a = ada(t)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const made = approvalOf(await send(t, 'approvals.request_credit_limit', { account_id: a.accounts().credit.id, credit_limit_minor: 90_000, reason: 'good history' }, clerk))
    const before = dbSnapshot(t.db)
    const rejected = approvalOf(await send(t, 'approvals.reject', { id: made.id, reason: 'income not proven' }, supervisor))
    expect(rejected.status).toBe('rejected')
    expect({ ...(dbSnapshot(t.db) as object), approvals: undefined }).toEqual({ ...(before as object), approvals: undefined })
    expect(a.accounts().credit.credit_limit_minor).toBe(50_000)
    const late = await send(t, 'approvals.approve', { id: made.id }, supervisor)
    expect(errorOf(late).message).toBe(`approval request ${made.id} is already rejected`)
    expect(a.accounts().credit.credit_limit_minor).toBe(50_000)
  })

  it('raises a credit limit once approved, and refuses a decrease with a sentence', async () => {
    const t = openDemoApp(demo)
    const a = ada(t)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const lower = await send(t, 'approvals.request_credit_limit', { account_id: a.accounts().credit.id, credit_limit_minor: 10_000, reason: 'too generous' }, clerk)
    expect(lower.status).toBe(422)
    expect(errorOf(lower).message).toBe(`a credit limit can only be raised here: account ${a.accounts().credit.number} already has a limit of 500.00 USD`)
    const made = approvalOf(await send(t, 'approvals.request_credit_limit', { account_id: a.accounts().credit.id, credit_limit_minor: 75_000, reason: 'good history' }, clerk))
    expect(made.summary).toBe(`Raise Ada Lovelace's credit limit on ${a.accounts().credit.number} from 500.00 USD to 750.00 USD`)
    expect(a.accounts().credit.credit_limit_minor).toBe(50_000)
    approvalOf(await send(t, 'approvals.approve', { id: made.id }, supervisor))
    expect(a.accounts().credit.credit_limit_minor).toBe(75_000)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('unblocks a card once a second person approves, and lets the maker cancel instead', async () => {
    const t = openDemoApp(demo)
    const a = ada(t)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const issued = issueCard(t.ctx, { customer_id: a.customer.id, pin: '1234' })
    changeCardStatus(t.db, issued.card.id, 'block')
    const made = approvalOf(await send(t, 'approvals.request_card_unblock', { card_id: issued.card.id, reason: 'customer proved identity' }, clerk))
    expect(made.summary).toBe(`Unblock card ${issued.card.id} of Ada Lovelace`)
    expect(made.summary).not.toContain(issued.card.last4)
    expect(card(t.db, issued.card.id).status).toBe('blocked')
    // A clerk is not a checker at all.
    expect((await send(t, 'approvals.approve', { id: made.id }, clerk)).status).toBe(403)
    approvalOf(await send(t, 'approvals.approve', { id: made.id }, supervisor))
    expect(card(t.db, issued.card.id)).toMatchObject({ status: 'active', blocked_reason: null })

    changeCardStatus(t.db, issued.card.id, 'block')
    const second = approvalOf(await send(t, 'approvals.request_card_unblock', { card_id: issued.card.id, reason: 'again' }, clerk))
    expect(errorOf(await send(t, 'approvals.cancel', { id: second.id }, supervisor)).message).toBe('only the maker of a request can cancel it')
    expect(approvalOf(await send(t, 'approvals.cancel', { id: second.id }, clerk)).status).toBe('cancelled')
    expect(card(t.db, issued.card.id).status).toBe('blocked')
    const pending = (await send(t, 'approvals.list', { status: 'pending' }, clerk)).body
    expect(pending.ok && (pending.data as { rows: unknown[] }).rows).toEqual([])
  })
})
