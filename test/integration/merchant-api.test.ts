/**
 * The merchant API end to end: through the real Hono app (httpApp over createContext) on
 * a real in-memory database seeded with the demo bank, with requests made by
 * `app.request` (no network). It proves what a merchant's commerce server can rely on:
 * payer sessions, payment options, purchases approved or declined with a code and a
 * sentence, exactly-once purchases per Idempotency-Key, purchases visible only to the
 * merchant that made them, no payer identity in anything a merchant reads, the payer's
 * own balances and transfers, and bad input refused with a named problem and no change.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { DemoCredentials } from '../../main/host/demo'
import { customerAccounts, customerByPayerId } from '../../main/customers/customers'
import { postedBalance, availableMinor } from '../../main/ledger/accounts'
import { micropaymentThreshold } from '../../main/payments/thresholds'
import { decline_messages } from '../../main/payments/declines'
import { payer_session_ttl_ms } from '../../main/customers/payer-sessions'
import { body_size_max_bytes } from '../../main/api/http'
import { checkInvariants } from '../../main/ledger/invariants'
import { dbSnapshot, openDemoApp, seedDemoImage, type DemoApp, type DemoImage } from './demo-app'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

type Merchant = DemoCredentials['merchants'][number]
type Payer = DemoCredentials['payers'][number]

function merchantNamed(t: DemoApp, name: string): Merchant {
  const m = t.credentials.merchants.find((x) => x.name === name)
  if (!m) throw new Error(`no demo merchant ${name}`)
  return m
}

function payerNamed(t: DemoApp, name: string): Payer {
  const p = t.credentials.payers.find((x) => x.name === name)
  if (!p) throw new Error(`no demo payer ${name}`)
  return p
}

/** The payer's accounts as the ledger holds them. */
function ledgerOf(t: DemoApp, payer: Payer) {
  const customer = customerByPayerId(t.db, payer.payer_id)
  if (!customer) throw new Error(`no customer ${payer.payer_id}`)
  const a = customerAccounts(t.db, customer.id)
  return { value: postedBalance(a.value), cash_access: postedBalance(a.cash_access), credit_used: postedBalance(a.credit), credit_available: availableMinor(a.credit) ?? 0 }
}

function payableOf(t: DemoApp, merchant: Merchant): number {
  const row = t.db.prepare("SELECT credits_posted - debits_posted AS balance FROM accounts WHERE owner_type = 'merchant' AND owner_id = ?").get(merchant.merchant_id) as {
    balance: number
  }
  return row.balance
}

async function login(t: DemoApp, payer: Payer, password = payer.password): Promise<Response> {
  return t.app.request('/api/v1/payer-sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payer_id: payer.payer_id, password }),
  })
}

async function tokensOf(t: DemoApp, payer: Payer): Promise<{ payer_token: string; account_token: string }> {
  const res = await login(t, payer)
  expect(res.status).toBe(201)
  return (await res.json()) as { payer_token: string; account_token: string }
}

/** The purchase token: what a payer hands to merchants. */
async function tokenOf(t: DemoApp, payer: Payer): Promise<string> {
  return (await tokensOf(t, payer)).payer_token
}

/** The account token: the payer's own, for /payer/*. */
async function accountTokenOf(t: DemoApp, payer: Payer): Promise<string> {
  return (await tokensOf(t, payer)).account_token
}

interface PurchaseBody {
  payer_token: string
  item: { id: string; title: string }
  amount_minor: number
  currency: string
}

function purchaseBody(payer_token: string, amount_minor: number, overrides: Partial<PurchaseBody> = {}): PurchaseBody {
  return { payer_token, item: { id: 'art-7', title: 'Article: On computable numbers' }, amount_minor, currency: 'USD', ...overrides }
}

async function buy(t: DemoApp, merchant: Merchant, key: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; text: string; replayed: string | null }> {
  const res = await t.app.request('/api/v1/purchases', {
    method: 'POST',
    headers: { authorization: `Bearer ${merchant.api_key}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text, replayed: res.headers.get('idempotent-replayed') }
}

describe('payer sessions', () => {
  it('logs a payer in with the right password and gives a token that lives for the session length', async () => {
    const t = openDemoApp(demo)
    const res = await login(t, payerNamed(t, 'Ada Lovelace'))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { payer_token: string; expires_at: string }
    expect(body.payer_token).toMatch(/^pt_/)
    expect(Date.parse(body.expires_at)).toBe(t.clock.now().getTime() + payer_session_ttl_ms)
  })

  it('refuses a wrong password and an unknown payer id alike with 401, and opens no session', async () => {
    const t = openDemoApp(demo)
    const ada = payerNamed(t, 'Ada Lovelace')
    const before = dbSnapshot(t.db)
    const wrong = await login(t, ada, `${ada.password}x`)
    const unknown = await t.app.request('/api/v1/payer-sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payer_id: 'P9999999', password: ada.password }),
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const [a, b] = [(await wrong.json()) as { code: string; message: string }, (await unknown.json()) as { code: string; message: string }]
    expect(a).toEqual(b)
    expect(a.message).toMatch(/password/)
    expect(dbSnapshot(t.db)).toEqual(before)
  })
})

describe('payment options (seed 002)', () => {
  it('offers a micropayment just below the threshold and only credit at the threshold', async () => {
    const t = openDemoApp(demo)
    const m = merchantNamed(t, 'Daily Gazette')
    const threshold = micropaymentThreshold(t.db, 'USD')
    if (threshold === undefined) throw new Error('the demo bank has no USD threshold')
    const ask = async (amount_minor: number) => {
      const res = await t.app.request(`/api/v1/payment-options?amount_minor=${amount_minor}&currency=USD`, { headers: { authorization: `Bearer ${m.api_key}` } })
      expect(res.status).toBe(200)
      return (await res.json()) as { amount_minor: number; threshold_minor: number; options: Array<{ method: string }> }
    }
    const below = await ask(threshold - 1)
    expect(below).toMatchObject({ amount_minor: threshold - 1, threshold_minor: threshold })
    expect(below.options.map((o) => o.method)).toEqual(['micropayment'])
    const at = await ask(threshold)
    expect(at.options.map((o) => o.method)).toEqual(['credit'])
  })
})

describe('purchases', () => {
  it('approves a micropayment (201) from the value account and credits the merchant', async () => {
    const t = openDemoApp(demo)
    const ada = payerNamed(t, 'Ada Lovelace')
    const m = merchantNamed(t, 'Daily Gazette')
    const before = { payer: ledgerOf(t, ada), payable: payableOf(t, m) }
    expect(before.payer.value).toBeGreaterThanOrEqual(120)
    const res = await buy(t, m, 'order-1', purchaseBody(await tokenOf(t, ada), 120))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'approved', method: 'micropayment', top_up_minor: 0, amount_minor: 120, currency: 'USD' })
    expect(res.replayed).toBeNull()
    expect(ledgerOf(t, ada)).toEqual({ ...before.payer, value: before.payer.value - 120 })
    expect(payableOf(t, m)).toBe(before.payable + 120)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('tops up a value account that is short by the increment, in the same answer (201, top_up_minor > 0)', async () => {
    const t = openDemoApp(demo)
    const grace = payerNamed(t, 'Grace Hopper')
    const m = merchantNamed(t, 'Daily Gazette')
    const token = await tokenOf(t, grace)
    const threshold = micropaymentThreshold(t.db, 'USD') ?? 0
    const amount = threshold - 1
    // The demo seed's own purchase already topped Grace up once; spend down until short.
    const spends_max = 10
    for (let spend = 0; spend < spends_max && ledgerOf(t, grace).value >= amount; spend++) {
      expect((await buy(t, m, `spend-${spend}`, purchaseBody(token, amount))).status).toBe(201)
    }
    const before = ledgerOf(t, grace)
    expect(before.value).toBeLessThan(amount)
    const customer = customerByPayerId(t.db, grace.payer_id)
    const increment = Math.max(customer?.top_up_increment_minor ?? 0, threshold)
    const res = await buy(t, m, 'short', purchaseBody(token, amount))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'approved', method: 'micropayment', top_up_minor: increment })
    expect(increment).toBeGreaterThan(0)
    const after = ledgerOf(t, grace)
    expect(after.value).toBe(before.value + increment - amount)
    expect(after.credit_used).toBe(before.credit_used + increment)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('charges a purchase at and above the threshold to the credit account (201 credit)', async () => {
    const t = openDemoApp(demo)
    const ada = payerNamed(t, 'Ada Lovelace')
    const m = merchantNamed(t, 'Song Stream')
    const token = await tokenOf(t, ada)
    const threshold = micropaymentThreshold(t.db, 'USD') ?? 0
    const before = ledgerOf(t, ada)
    for (const [key, amount] of [
      ['at', threshold],
      ['above', threshold * 3 + 7],
    ] as const) {
      const res = await buy(t, m, key, purchaseBody(token, amount))
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ status: 'approved', method: 'credit', top_up_minor: 0, amount_minor: amount })
    }
    const after = ledgerOf(t, ada)
    expect(after.value).toBe(before.value)
    expect(after.credit_used).toBe(before.credit_used + threshold + threshold * 3 + 7)
  })

  it('declines with 402, a stable code and its sentence, and moves nothing: credit limit, suspended customer, blocked merchant', async () => {
    const t = openDemoApp(demo)
    const cases = [
      { payer: 'Ada Lovelace', merchant: 'Daily Gazette', amount: (p: Payer) => ledgerOf(t, p).credit_available + 1, code: 'credit_limit_exceeded' as const },
      { payer: 'Alan Turing', merchant: 'Daily Gazette', amount: () => 50, code: 'customer_not_billable' as const },
      { payer: 'Katherine Johnson', merchant: 'Pixel Arcade', amount: () => 50, code: 'merchant_blocked_by_payer' as const },
    ]
    for (const c of cases) {
      const payer = payerNamed(t, c.payer)
      const token = await tokenOf(t, payer)
      const before = { money: dbSnapshot(t.db), transfers: t.db.prepare('SELECT count(*) AS n FROM transfers').get() }
      const res = await buy(t, merchantNamed(t, c.merchant), `decline-${c.code}`, purchaseBody(token, c.amount(payer)))
      expect(res.status, c.code).toBe(402)
      expect(res.body).toMatchObject({ status: 'declined', code: c.code, message: decline_messages[c.code] })
      expect(t.db.prepare('SELECT count(*) AS n FROM transfers').get()).toEqual(before.transfers)
      const row = t.db.prepare('SELECT status, decline_code FROM purchases WHERE purchase_id = ?').get(res.body.purchase_id)
      expect(row).toEqual({ status: 'declined', decline_code: c.code })
    }
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('declines a purchase whose payer token has expired (payer_not_verified)', async () => {
    const t = openDemoApp(demo)
    const token = await tokenOf(t, payerNamed(t, 'Ada Lovelace'))
    t.clock.advance(payer_session_ttl_ms + 1_000)
    const res = await buy(t, merchantNamed(t, 'Daily Gazette'), 'late', purchaseBody(token, 10))
    expect(res.status).toBe(402)
    expect(res.body).toMatchObject({ code: 'payer_not_verified', payer: null })
  })

  it('replays the first answer for the same key and body, with Idempotent-Replayed, and moves nothing', async () => {
    const t = openDemoApp(demo)
    const ada = payerNamed(t, 'Ada Lovelace')
    const m = merchantNamed(t, 'Daily Gazette')
    const token = await tokenOf(t, ada)
    const first = await buy(t, m, 'order-42', purchaseBody(token, 75))
    expect(first.status).toBe(201)
    const after_first = dbSnapshot(t.db)
    t.clock.advance(60_000)
    const again = await buy(t, m, 'order-42', purchaseBody(token, 75))
    expect(again.status).toBe(201)
    expect(again.text).toBe(first.text)
    expect(again.replayed).toBe('true')
    expect(dbSnapshot(t.db)).toEqual(after_first)
    // A decline is an answer too, and is replayed alike.
    const declined = await buy(t, m, 'order-43', purchaseBody(token, ledgerOf(t, ada).credit_available + 1))
    expect(declined.status).toBe(402)
    const declined_again = await buy(t, m, 'order-43', purchaseBody(token, ledgerOf(t, ada).credit_available + 1))
    expect({ status: declined_again.status, text: declined_again.text, replayed: declined_again.replayed }).toEqual({ status: 402, text: declined.text, replayed: 'true' })
  })

  it('answers 409 for the same key with a different body, and moves nothing', async () => {
    const t = openDemoApp(demo)
    const m = merchantNamed(t, 'Daily Gazette')
    const token = await tokenOf(t, payerNamed(t, 'Ada Lovelace'))
    expect((await buy(t, m, 'order-7', purchaseBody(token, 75))).status).toBe(201)
    const before = dbSnapshot(t.db)
    const changed = await buy(t, m, 'order-7', purchaseBody(token, 76))
    expect(changed.status).toBe(409)
    expect(changed.body).toMatchObject({ code: 'conflict' })
    expect(String(changed.body.message)).toMatch(/order-7/)
    expect(dbSnapshot(t.db)).toEqual(before)
  })

  it('keeps idempotency keys per merchant: two merchants may both use key "1"', async () => {
    const t = openDemoApp(demo)
    const token = await tokenOf(t, payerNamed(t, 'Ada Lovelace'))
    const a = await buy(t, merchantNamed(t, 'Daily Gazette'), '1', purchaseBody(token, 10))
    const b = await buy(t, merchantNamed(t, 'Song Stream'), '1', purchaseBody(token, 10))
    expect([a.status, b.status]).toEqual([201, 201])
    expect(b.replayed).toBeNull()
    expect(a.body.purchase_id).not.toBe(b.body.purchase_id)
  })

  it('shows a purchase to the merchant that made it (200) and to no other (404)', async () => {
    const t = openDemoApp(demo)
    const gazette = merchantNamed(t, 'Daily Gazette')
    const arcade = merchantNamed(t, 'Pixel Arcade')
    const token = await tokenOf(t, payerNamed(t, 'Ada Lovelace'))
    const made = await buy(t, gazette, 'mine', purchaseBody(token, 30))
    const path = `/api/v1/purchases/${String(made.body.purchase_id)}`
    const own = await t.app.request(path, { headers: { authorization: `Bearer ${gazette.api_key}` } })
    expect(own.status).toBe(200)
    expect(await own.json()).toEqual(made.body)
    const other = await t.app.request(path, { headers: { authorization: `Bearer ${arcade.api_key}` } })
    expect(other.status).toBe(404)
    expect(((await other.json()) as { message: string }).message).toMatch(/no purchase/)
    const malformed = await t.app.request('/api/v1/purchases/not-an-id', { headers: { authorization: `Bearer ${gazette.api_key}` } })
    expect(malformed.status).toBe(400)
  })

  it("never shows a merchant the customer's name, payer id or any account number", async () => {
    const t = openDemoApp(demo)
    const m = merchantNamed(t, 'Daily Gazette')
    const texts: string[] = []
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson']) {
      const payer = payerNamed(t, name)
      const token = await tokenOf(t, payer)
      for (const amount of [20, 499, 700, 10_000_000]) {
        const res = await buy(t, m, `${payer.payer_id}-${amount}`, purchaseBody(token, amount))
        texts.push(res.text)
        texts.push((await buy(t, m, `${payer.payer_id}-${amount}`, purchaseBody(token, amount))).text)
        const found = await t.app.request(`/api/v1/purchases/${String(res.body.purchase_id)}`, { headers: { authorization: `Bearer ${m.api_key}` } })
        texts.push(await found.text())
      }
    }
    const statuses = new Set(texts.map((x) => (JSON.parse(x) as { status: string }).status))
    expect(statuses).toEqual(new Set(['approved', 'declined']))
    const secrets = [
      ...t.credentials.payers.flatMap((p) => [p.name, p.payer_id, ...p.name.split(' ')]),
      ...(t.db.prepare('SELECT number FROM accounts').all() as Array<{ number: string }>).map((a) => a.number),
    ]
    for (const text of texts) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
  })
})

describe("the payer's own accounts", () => {
  it('lists the payer balances as the ledger holds them, and only with a live account token', async () => {
    const t = openDemoApp(demo)
    const hedy = payerNamed(t, 'Hedy Lamarr')
    const { payer_token, account_token: token } = await tokensOf(t, hedy)
    // The purchase token that merchants hold opens nothing here.
    expect((await t.app.request('/api/v1/payer/accounts', { headers: { authorization: `Bearer ${payer_token}` } })).status).toBe(401)
    const res = await t.app.request('/api/v1/payer/accounts', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { payer_id: string; accounts: Array<{ kind: string; balance_minor: number }> }
    const ledger = ledgerOf(t, hedy)
    expect(body.payer_id).toBe(hedy.payer_id)
    expect(Object.fromEntries(body.accounts.map((a) => [a.kind, a.balance_minor]))).toEqual({ value: ledger.value, cash_access: ledger.cash_access, credit: ledger.credit_used })
    expect((await t.app.request('/api/v1/payer/accounts')).status).toBe(401)
    t.clock.advance(payer_session_ttl_ms + 1)
    expect((await t.app.request('/api/v1/payer/accounts', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('moves value between the value and cash-access accounts, once per key, and refuses (422) a move the balance cannot cover', async () => {
    const t = openDemoApp(demo)
    const hedy = payerNamed(t, 'Hedy Lamarr')
    const token = await accountTokenOf(t, hedy)
    const move = (key: string, direction: string, amount_minor: number) =>
      t.app.request('/api/v1/payer/transfers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ direction, amount_minor }),
      })
    const before = ledgerOf(t, hedy)
    const moved = await move('m1', 'value_to_cash_access', 300)
    expect(moved.status).toBe(201)
    const expected = { ...before, value: before.value - 300, cash_access: before.cash_access + 300 }
    expect(ledgerOf(t, hedy)).toEqual(expected)
    const answer = (await moved.json()) as { transfer_id: number }
    const again = await move('m1', 'value_to_cash_access', 300)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(((await again.json()) as { transfer_id: number }).transfer_id).toBe(answer.transfer_id)
    expect(ledgerOf(t, hedy)).toEqual(expected)

    const snapshot = dbSnapshot(t.db)
    const short = await move('m2', 'cash_access_to_value', expected.cash_access + 1)
    expect(short.status).toBe(422)
    const problem = (await short.json()) as { code: string; message: string }
    expect(problem.code).toBe('refused')
    expect(problem.message).toMatch(/below zero/)
    expect(dbSnapshot(t.db)).toEqual(snapshot)
  })
})

describe('bad input', () => {
  /** Each case: what is sent, the status expected, and a pattern the message must match (naming the problem). */
  interface BadCase {
    name: string
    path?: string
    method?: string
    headers?: Record<string, string>
    body?: string
    status: number
    message: RegExp
  }

  it('answers 4xx with a sentence naming the problem, and leaves the database unchanged', async () => {
    const t = openDemoApp(demo)
    const m = merchantNamed(t, 'Daily Gazette')
    const token = await tokenOf(t, payerNamed(t, 'Ada Lovelace'))
    const good = purchaseBody(token, 100)
    const json = (body: unknown) => JSON.stringify(body)
    const { payer_token: _omitted, ...without_token } = good
    const cases: BadCase[] = [
      { name: 'missing fields', body: json({ amount_minor: 100 }), status: 400, message: /payer_token.*item.*currency/ },
      { name: 'missing payer_token', body: json(without_token), status: 400, message: /payer_token/ },
      { name: 'extra field', body: json({ ...good, tip_minor: 5 }), status: 400, message: /tip_minor/ },
      { name: 'extra field in item', body: json({ ...good, item: { ...good.item, price: 1 } }), status: 400, message: /price/ },
      { name: 'float amount', body: json({ ...good, amount_minor: 1.5 }), status: 400, message: /amount_minor.*whole number/ },
      { name: 'negative amount', body: json({ ...good, amount_minor: -100 }), status: 400, message: /amount_minor.*greater than zero/ },
      { name: 'zero amount', body: json({ ...good, amount_minor: 0 }), status: 400, message: /amount_minor.*greater than zero/ },
      { name: 'huge amount', body: json({ ...good, amount_minor: 1e20 }), status: 400, message: /amount_minor.*too large/ },
      { name: 'amount as string', body: json({ ...good, amount_minor: '100' }), status: 400, message: /amount_minor.*number/ },
      { name: 'amount null', body: json({ ...good, amount_minor: null }), status: 400, message: /amount_minor/ },
      { name: 'unknown currency', body: json({ ...good, currency: 'XXX' }), status: 400, message: /currency.*XXX/ },
      { name: 'lowercase currency', body: json({ ...good, currency: 'usd' }), status: 400, message: /currency.*3-letter/ },
      { name: 'malformed JSON', body: '{"payer_token": ', status: 400, message: /not valid JSON/ },
      { name: 'empty body', body: '', status: 400, message: /JSON/ },
      { name: 'JSON array', body: '[]', status: 400, message: /body.*object/ },
      { name: 'wrong content type', headers: { 'content-type': 'text/plain' }, body: json(good), status: 415, message: /Content-Type: application\/json/ },
      { name: 'body over 64 KiB', body: json({ ...good, item: { id: 'x', title: 'x'.repeat(body_size_max_bytes) } }), status: 413, message: new RegExp(`${body_size_max_bytes} bytes`) },
      { name: 'missing Idempotency-Key', headers: { 'idempotency-key': '' }, body: json(good), status: 400, message: /Idempotency-Key/ },
      { name: 'Idempotency-Key too long', headers: { 'idempotency-key': 'k'.repeat(256) }, body: json(good), status: 400, message: /idempotency-key/ },
      { name: 'missing Authorization', headers: { authorization: '' }, body: json(good), status: 401, message: /Authorization: Bearer/ },
      { name: 'garbage Authorization', headers: { authorization: 'Bearer not-a-real-key-at-all' }, body: json(good), status: 401, message: /unknown or revoked/ },
      { name: 'not a Bearer Authorization', headers: { authorization: `Basic ${m.api_key}` }, body: json(good), status: 401, message: /Authorization: Bearer/ },
      { name: 'unknown endpoint', path: '/api/v1/refunds', body: json(good), status: 404, message: /no such endpoint/ },
      { name: 'unknown endpoint (GET)', path: '/api/v1/customers', method: 'GET', status: 404, message: /no such endpoint/ },
    ]
    const before = dbSnapshot(t.db)
    let n = 0
    for (const c of cases) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${m.api_key}`,
        'content-type': 'application/json',
        'idempotency-key': `bad-${++n}`,
        ...c.headers,
      }
      for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name]
      const init: RequestInit = { method: c.method ?? 'POST', headers }
      if (c.body !== undefined) init.body = c.body
      const res = await t.app.request(c.path ?? '/api/v1/purchases', init)
      expect(res.status, c.name).toBe(c.status)
      const problem = (await res.json()) as { code: string; message: string }
      expect(problem.message, c.name).toMatch(c.message)
      expect(problem.code, c.name).not.toBe('internal')
      expect(dbSnapshot(t.db), c.name).toEqual(before)
    }
    expect(t.logged).toEqual([])
  })
})

describe('OpenAPI document', () => {
  it('is valid JSON and describes the six merchant endpoints', async () => {
    const t = openDemoApp(demo)
    const res = await t.app.request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = JSON.parse(await res.text()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual(['/payer-sessions', '/payer/accounts', '/payer/transfers', '/payment-options', '/purchases', '/purchases/{id}'])
  })
})
