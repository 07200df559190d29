import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../support/db'
import { openAccount, spAccount, getAccount, availableMinor } from '../../../main/ledger/accounts'
import { Ledger } from '../../../main/ledger/transfers'
import { Requests } from '../../../main/ledger/requests'
import { voidExpiredHolds } from '../../../main/ledger/expiry'
import { checkInvariants } from '../../../main/ledger/invariants'
import { audit } from '../../../main/staff/audit'

describe('hold expiry', () => {
  it('voids only expired holds, once, and frees their money', () => {
    const { db, clock } = testDatabase()
    const now = clock.now().toISOString()
    const ledger = new Ledger(db)
    const requests = new Requests(db)
    const funding = spAccount(db, 'sp_funding', 'USD', now)
    const value = openAccount(db, { kind: 'value', owner_type: 'customer', owner_id: 1, currency: 'USD' }, now)
    const payable = openAccount(db, { kind: 'merchant_payable', owner_type: 'merchant', owner_id: 1, currency: 'USD' }, now)
    const run = (key: string, spec: Parameters<Ledger['apply']>[1][number]) =>
      requests.run({ scope: 't', idempotency_key: key, kind: 't', content: key }, clock.now(), (id) => ledger.apply(id, [spec], clock.now())).response
    run('fund', { type: 'single', debit_account_id: funding.id, credit_account_id: value.id, amount_minor: 1_000, currency: 'USD', code: 'value_funding' })
    const in_1_min = new Date(clock.now().getTime() + 60_000)
    const in_1_hour = new Date(clock.now().getTime() + 3_600_000)
    run('short', { type: 'hold', debit_account_id: value.id, credit_account_id: payable.id, amount_minor: 300, currency: 'USD', code: 'hold', expires_at: in_1_min })
    run('long', { type: 'hold', debit_account_id: value.id, credit_account_id: payable.id, amount_minor: 200, currency: 'USD', code: 'hold', expires_at: in_1_hour })
    expect(availableMinor(getAccount(db, value.id))).toBe(500)

    expect(voidExpiredHolds(db, clock, ledger, requests)).toBe(0)
    clock.advance(61_000)
    // The host audits each void inside its transaction, as a job with no staff member.
    const job = (voided: { hold_id: number }) => audit(db, clock, { staff_id: null, action: 'job.void_expired_holds', subject: `transfer:${voided.hold_id}`, detail: voided })
    expect(voidExpiredHolds(db, clock, ledger, requests, job)).toBe(1)
    expect(voidExpiredHolds(db, clock, ledger, requests, job)).toBe(0)
    expect(db.prepare("SELECT staff_id, action FROM audit_log WHERE action LIKE 'job.%'").all()).toEqual([{ staff_id: null, action: 'job.void_expired_holds' }])
    expect(availableMinor(getAccount(db, value.id))).toBe(800)
    expect(db.prepare("SELECT count(*) AS n FROM transfers WHERE phase = 'void_pending' AND code = 'expiry'").get()).toEqual({ n: 1 })
    expect(checkInvariants(db).ok).toBe(true)
  })
})
