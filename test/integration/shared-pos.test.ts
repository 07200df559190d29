/**
 * Seed 001 figure 4B over real ISO 8583: one acquirer POS takes payments for two merchants.
 * Each 0200 names its merchant in field 42 and its amount lands in that merchant's payable
 * account; no field 42 (or the terminal's own code) pays the terminal's own merchant; a code
 * the terminal does not take, or a suspended merchant, is declined 03 with nothing moved.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { TestIsoClient } from '../support/iso-client'
import { startCardHost, type CardHost } from '../../main/card-host/server'
import { issueCard } from '../../main/cards/cards'
import { createTerminal } from '../../main/cards/terminals'
import { encryptPinBlock, pinBlockFormat0 } from '../../main/cards/crypto/pin-block'
import { postedBalance } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { moveValue } from '../../main/payments/value-moves'
import { onboardMerchant } from '../../main/merchants/onboarding'
import { addSharedMerchant } from '../../main/merchants/routing'
import type { IsoMessage } from '../../main/iso8583/codec'
import { testProfile } from './role-matrix/merchants'

const running: Array<{ host: CardHost; client: TestIsoClient }> = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.client.close()
    await r.host.close()
  }
})

async function setup() {
  const bank = testBank()
  const payer = bank.openCustomer({ credit_limit_minor: 100_000 })
  bank.fund(payer.accounts().value.id, 50_000)
  moveValue(bank.db, bank.clock, bank.ctx.ledger, bank.ctx.requests, { scope: 'test', idempotency_key: 'to-cash', customer_id: payer.customer.id, direction: 'value_to_cash_access', amount_minor: 20_000 })
  const issued = issueCard(bank.ctx, { customer_id: payer.customer.id, pin: '4321' })
  const owner = onboardMerchant(bank.db, bank.clock, { ...testProfile('ACQ-OWNER'), currency: 'USD' }).merchant_id
  const bakery = onboardMerchant(bank.db, bank.clock, { ...testProfile('BAKERY-01'), currency: 'USD' }).merchant_id
  const florist = onboardMerchant(bank.db, bank.clock, { ...testProfile('FLORIST-01'), currency: 'USD' }).merchant_id
  const outsider = onboardMerchant(bank.db, bank.clock, { ...testProfile('OUTSIDER-1'), currency: 'USD' }).merchant_id
  const pos = createTerminal(bank.ctx, { terminal_id: 'POSSHARE', kind: 'pos', merchant_id: owner, location: 'Market hall', currency: 'USD' })
  addSharedMerchant(bank.db, bank.clock, 'POSSHARE', bakery)
  addSharedMerchant(bank.db, bank.clock, 'POSSHARE', florist)
  const host = await startCardHost(bank.ctx, { port: 0, log: () => {} })
  const client = await TestIsoClient.connect(host.port)
  running.push({ host, client })
  const { plastic } = issued
  const track2 = `${plastic.pan}=${plastic.expiry_yymm}${plastic.service_code}${plastic.discretionary}`
  let stan = 0
  /** A 0200 purchase as the POS builds it, field 42 padded to 15 characters, or left out. */
  const purchase = (amount_minor: number, acceptor_id: string | null): IsoMessage => {
    const fields = new Map<number, string | Buffer>([
      [3, '001000'],
      [4, String(amount_minor).padStart(12, '0')],
      [7, '1102090000'],
      [11, String(++stan).padStart(6, '0')],
      [35, track2],
      [41, 'POSSHARE'],
      [49, '840'],
      [52, encryptPinBlock(pinBlockFormat0('4321', plastic.pan), pos.pin_key)],
    ])
    if (acceptor_id !== null) fields.set(42, acceptor_id.padEnd(15, ' '))
    return { mti: '0200', fields }
  }
  const payable = (merchant_id: number) => {
    const row = bank.db.prepare("SELECT * FROM accounts WHERE owner_type = 'merchant' AND owner_id = ? AND kind = 'merchant_payable'").get(merchant_id)
    return postedBalance(row as Parameters<typeof postedBalance>[0])
  }
  const cashAccess = () => postedBalance(payer.accounts().cash_access)
  return { bank, client, purchase, payable, cashAccess, owner, bakery, florist, outsider }
}

describe('shared acquirer POS (seed 001 fig. 4B)', () => {
  it('routes each payment to the merchant its field 42 names, each to its own payable account', async () => {
    const t = await setup()
    expect((await t.client.exchange(t.purchase(1_250, 'BAKERY-01'))).fields.get(39)).toBe('00')
    expect((await t.client.exchange(t.purchase(3_000, 'FLORIST-01'))).fields.get(39)).toBe('00')
    expect((await t.client.exchange(t.purchase(400, 'bakery-01'))).fields.get(39)).toBe('00')
    expect(t.payable(t.bakery)).toBe(1_650)
    expect(t.payable(t.florist)).toBe(3_000)
    expect(t.payable(t.owner)).toBe(0)
    expect(t.cashAccess()).toBe(20_000 - 4_650)
    expect(checkInvariants(t.bank.db).ok).toBe(true)
  })

  it('pays the terminal’s own merchant when field 42 is missing, its own code, or the terminal id', async () => {
    const t = await setup()
    expect((await t.client.exchange(t.purchase(100, null))).fields.get(39)).toBe('00')
    expect((await t.client.exchange(t.purchase(200, 'ACQ-OWNER'))).fields.get(39)).toBe('00')
    expect((await t.client.exchange(t.purchase(300, 'POSSHARE'))).fields.get(39)).toBe('00')
    expect(t.payable(t.owner)).toBe(600)
  })

  it('declines 03 a merchant the POS does not take, an unknown code, and a suspended merchant, moving nothing', async () => {
    const t = await setup()
    const transfers = () => t.bank.db.prepare('SELECT count(*) AS n FROM transfers').get()
    const before = transfers()
    expect((await t.client.exchange(t.purchase(500, 'OUTSIDER-1'))).fields.get(39)).toBe('03')
    expect((await t.client.exchange(t.purchase(500, 'NOBODY'))).fields.get(39)).toBe('03')
    t.bank.db.prepare("UPDATE merchants SET status = 'suspended' WHERE id = ?").run(t.florist)
    expect((await t.client.exchange(t.purchase(500, 'FLORIST-01'))).fields.get(39)).toBe('03')
    expect(transfers()).toEqual(before)
    expect([t.payable(t.outsider), t.payable(t.florist), t.payable(t.owner)]).toEqual([0, 0, 0])
    expect(t.cashAccess()).toBe(20_000)
  })
})
