import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../support/db'
import { openAccount, getAccount, postedBalance, availableMinor, spAccount } from '../../../main/ledger/accounts'
import { Ledger } from '../../../main/ledger/transfers'
import { Requests } from '../../../main/ledger/requests'
import { checkInvariants } from '../../../main/ledger/invariants'
import { LedgerRefusal, IdempotencyConflict } from '../../../main/ledger/errors'

function setup() {
  const { db, clock } = testDatabase()
  const now = clock.now().toISOString()
  const ledger = new Ledger(db)
  const requests = new Requests(db)
  const funding = spAccount(db, 'sp_funding', 'USD', now)
  const value = openAccount(db, { kind: 'value', owner_type: 'customer', owner_id: 1, currency: 'USD' }, now)
  const credit = openAccount(db, { kind: 'credit', owner_type: 'customer', owner_id: 1, currency: 'USD', credit_limit_minor: 10_000 }, now)
  const payable = openAccount(db, { kind: 'merchant_payable', owner_type: 'merchant', owner_id: 1, currency: 'USD' }, now)
  let n = 0
  /** Applies a group under a fresh request, as every money-moving caller does. */
  const apply = (specs: Parameters<Ledger['apply']>[1]) =>
    requests.run({ scope: 'test', idempotency_key: `k${++n}`, kind: 'test', content: n }, clock.now(), (id) => ledger.apply(id, specs, clock.now()))
      .response
  const fund = (amount_minor: number) =>
    apply([{ type: 'single', debit_account_id: funding.id, credit_account_id: value.id, amount_minor, currency: 'USD', code: 'value_funding' }])
  return { db, clock, ledger, requests, funding, value, credit, payable, apply, fund }
}

describe('ledger', () => {
  it('moves money by double entry and keeps every invariant', () => {
    const t = setup()
    t.fund(500)
    t.apply([{ type: 'single', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 120, currency: 'USD', code: 'micropayment' }])
    expect(postedBalance(getAccount(t.db, t.value.id))).toBe(380)
    expect(postedBalance(getAccount(t.db, t.payable.id))).toBe(120)
    expect(postedBalance(getAccount(t.db, t.funding.id))).toBe(500)
    expect(checkInvariants(t.db)).toMatchObject({ ok: true, problems: [] })
  })

  it('refuses to take a value account below zero and writes nothing', () => {
    const t = setup()
    t.fund(100)
    expect(() =>
      t.apply([{ type: 'single', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 101, currency: 'USD', code: 'micropayment' }]),
    ).toThrow(expect.objectContaining({ code: 'insufficient_funds' }) as Error)
    expect(postedBalance(getAccount(t.db, t.value.id))).toBe(100)
    expect(t.db.prepare('SELECT count(*) AS n FROM transfers').get()).toEqual({ n: 1 })
  })

  it('refuses to take a credit line over its limit, counting holds', () => {
    const t = setup()
    const expires_at = new Date(t.clock.now().getTime() + 60_000)
    t.apply([{ type: 'hold', debit_account_id: t.credit.id, credit_account_id: t.payable.id, amount_minor: 9_000, currency: 'USD', code: 'credit_purchase', expires_at }])
    expect(availableMinor(getAccount(t.db, t.credit.id))).toBe(1_000)
    const refusal = (() => {
      try {
        t.apply([{ type: 'single', debit_account_id: t.credit.id, credit_account_id: t.payable.id, amount_minor: 1_001, currency: 'USD', code: 'credit_purchase' }])
      } catch (error) {
        return error
      }
    })()
    expect(refusal).toBeInstanceOf(LedgerRefusal)
    expect((refusal as LedgerRefusal).code).toBe('credit_limit_exceeded')
  })

  it('also enforces the balance rules in the schema, whoever writes', () => {
    const t = setup()
    expect(() => t.db.prepare('UPDATE accounts SET debits_posted = 1 WHERE id = ?').run(t.value.id)).toThrow(/CHECK constraint/)
  })

  it('applies a group all or none', () => {
    const t = setup()
    t.fund(100)
    expect(() =>
      t.apply([
        { type: 'single', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 60, currency: 'USD', code: 'micropayment' },
        { type: 'single', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 60, currency: 'USD', code: 'micropayment' },
      ]),
    ).toThrow(LedgerRefusal)
    expect(postedBalance(getAccount(t.db, t.value.id))).toBe(100)
    expect(postedBalance(getAccount(t.db, t.payable.id))).toBe(0)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('posts a hold in part, releasing the rest, and only once', () => {
    const t = setup()
    t.fund(1_000)
    const expires_at = new Date(t.clock.now().getTime() + 60_000)
    const [hold] = t.apply([{ type: 'hold', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 700, currency: 'USD', code: 'hold', expires_at }])
    expect(availableMinor(getAccount(t.db, t.value.id))).toBe(300)
    t.apply([{ type: 'post', pending_id: hold!.id, amount_minor: 450 }])
    const value = getAccount(t.db, t.value.id)
    expect(postedBalance(value)).toBe(550)
    expect(value.debits_pending).toBe(0)
    expect(() => t.apply([{ type: 'void', pending_id: hold!.id }])).toThrow(expect.objectContaining({ code: 'hold_already_resolved' }) as Error)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('refuses to post an expired hold but lets it be voided', () => {
    const t = setup()
    t.fund(1_000)
    const expires_at = new Date(t.clock.now().getTime() + 60_000)
    const [hold] = t.apply([{ type: 'hold', debit_account_id: t.value.id, credit_account_id: t.payable.id, amount_minor: 700, currency: 'USD', code: 'hold', expires_at }])
    t.clock.advance(60_001)
    expect(() => t.apply([{ type: 'post', pending_id: hold!.id }])).toThrow(expect.objectContaining({ code: 'hold_expired' }) as Error)
    t.apply([{ type: 'void', pending_id: hold!.id, code: 'expiry' }])
    expect(availableMinor(getAccount(t.db, t.value.id))).toBe(1_000)
    expect(checkInvariants(t.db).ok).toBe(true)
  })

  it('corrects with a reversing transfer, once, and never edits a transfer', () => {
    const t = setup()
    const [funding] = t.fund(250)
    t.apply([{ type: 'reverse', transfer_id: funding!.id }])
    expect(postedBalance(getAccount(t.db, t.value.id))).toBe(0)
    expect(() => t.apply([{ type: 'reverse', transfer_id: funding!.id }])).toThrow(expect.objectContaining({ code: 'already_reversed' }) as Error)
    expect(() => t.db.prepare('UPDATE transfers SET amount_minor = 1').run()).toThrow(/immutable/)
    expect(() => t.db.prepare('DELETE FROM transfers').run()).toThrow(/immutable/)
  })

  it('refuses to mix currencies', () => {
    const t = setup()
    expect(() =>
      t.apply([{ type: 'single', debit_account_id: t.funding.id, credit_account_id: t.value.id, amount_minor: 1, currency: 'EUR', code: 'value_funding' }]),
    ).toThrow(expect.objectContaining({ code: 'currency_mismatch' }) as Error)
  })

  it('rejects amounts that are not whole positive minor units', () => {
    const t = setup()
    for (const amount_minor of [0, -5, 1.5, Number.NaN, 2 ** 60]) {
      expect(() =>
        t.apply([{ type: 'single', debit_account_id: t.funding.id, credit_account_id: t.value.id, amount_minor, currency: 'USD', code: 'value_funding' }]),
      ).toThrow(RangeError)
    }
  })
})

describe('idempotent requests', () => {
  it('replays the first answer for a repeat and moves nothing', () => {
    const t = setup()
    const run = () =>
      t.requests.run({ scope: 'merchant:1', idempotency_key: 'abc', kind: 'fund', content: { amount_minor: 300 } }, t.clock.now(), (id) =>
        t.ledger.apply(id, [{ type: 'single', debit_account_id: t.funding.id, credit_account_id: t.value.id, amount_minor: 300, currency: 'USD', code: 'value_funding' }], t.clock.now()).map((x) => x.id),
      )
    const first = run()
    const second = run()
    expect(first.replayed).toBe(false)
    expect(second).toEqual({ ...first, replayed: true })
    expect(postedBalance(getAccount(t.db, t.value.id))).toBe(300)
  })

  it('refuses the same key with different content', () => {
    const t = setup()
    t.requests.run({ scope: 's', idempotency_key: 'k', kind: 'fund', content: { a: 1 } }, t.clock.now(), () => 1)
    expect(() => t.requests.run({ scope: 's', idempotency_key: 'k', kind: 'fund', content: { a: 2 } }, t.clock.now(), () => 2)).toThrow(IdempotencyConflict)
    // Field order does not make two requests differ.
    expect(t.requests.run({ scope: 's', idempotency_key: 'k2', kind: 'x', content: { a: 1, b: 2 } }, t.clock.now(), () => 'first').response).toBe('first')
    expect(t.requests.run({ scope: 's', idempotency_key: 'k2', kind: 'x', content: { b: 2, a: 1 } }, t.clock.now(), () => 'again').response).toBe('first')
  })

  it('records nothing when the request fails', () => {
    const t = setup()
    expect(() =>
      t.requests.run({ scope: 's', idempotency_key: 'k', kind: 'x', content: 1 }, t.clock.now(), () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(t.db.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 0 })
  })
})
