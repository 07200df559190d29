/**
 * Seed 001 fig. 4B with the emulated POS (devices/terminals) against the real card host:
 * the tester chooses which merchant the shared POS takes the next payment for, the POS
 * sends that merchant's code in field 42, the answer and the receipt name the merchant, and
 * the money lands in that merchant's payable account. A merchant the POS is not shared with
 * is declined 03 with nothing moved; choosing mid-sale is refused.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fieldString } from '../../main/iso8583/codec'
import { checkInvariants } from '../../main/ledger/invariants'
import { postedBalance, type AccountRow } from '../../main/ledger/accounts'
import { onboardMerchant } from '../../main/merchants/onboarding'
import { addSharedMerchant } from '../../main/merchants/routing'
import { TerminalActionRefused } from '../../devices/terminals/errors'
import { pos_id, posDone, posSale, terminalBank, type TerminalBank } from '../support/terminal-bank'
import { testProfile } from './role-matrix/merchants'

const open: TerminalBank[] = []
afterEach(async () => {
  for (const tb of open.splice(0)) await tb.close()
})

async function sharedBank() {
  const tb = await terminalBank()
  open.push(tb)
  const bakery = onboardMerchant(tb.db, tb.clock, { ...testProfile('BAKERY-01', { name: 'Corner Bakery' }), currency: 'USD' }).merchant_id
  const florist = onboardMerchant(tb.db, tb.clock, { ...testProfile('FLORIST-01', { name: 'Florist' }), currency: 'USD' }).merchant_id
  const outsider = onboardMerchant(tb.db, tb.clock, { ...testProfile('OUTSIDER-1'), currency: 'USD' }).merchant_id
  addSharedMerchant(tb.db, tb.clock, pos_id, bakery)
  addSharedMerchant(tb.db, tb.clock, pos_id, florist)
  const payable = (merchant_id: number) =>
    postedBalance(tb.db.prepare("SELECT * FROM accounts WHERE owner_type = 'merchant' AND owner_id = ? AND kind = 'merchant_payable'").get(merchant_id) as AccountRow)
  const holder = tb.addCardholder({ label: 'Ada', name: 'Ada Lovelace', pin: '4321', cash_access_minor: 50_000 })
  return { tb, holder, bakery, florist, outsider, payable }
}

describe('shared POS emulator (seed 001 fig. 4B)', () => {
  it('pays each merchant the tester chose, names it on the screen and the receipt, and sends its code in field 42', async () => {
    const { tb, holder, bakery, florist, payable } = await sharedBank()
    let view = tb.service.chooseMerchant(pos_id, { acceptor_id: 'BAKERY-01', merchant_name: 'Corner Bakery' })
    expect(view.acceptor).toEqual({ acceptor_id: 'BAKERY-01', merchant_name: 'Corner Bakery' })
    view = await posSale(tb, holder, 'purchase', 1_250)
    expect(view.screen).toMatchObject({ title: 'Approved', tone: 'approved' })
    expect(view.screen.lines).toContain('For Corner Bakery')
    expect(posDone(tb)[0]?.lines.join('\n')).toMatch(/MERCHANT +Corner Bakery/)
    expect(fieldString(tb.proxy.frames('to_host', '0200').at(-1)!.message, 42)).toBe('BAKERY-01      ')

    tb.service.chooseMerchant(pos_id, { acceptor_id: 'FLORIST-01', merchant_name: 'Florist' })
    expect((await posSale(tb, holder, 'purchase', 3_000)).screen.lines).toContain('For Florist')
    posDone(tb)
    // Back to the terminal's own merchant: field 42 is the terminal id again.
    tb.service.chooseMerchant(pos_id, { acceptor_id: null, merchant_name: null })
    expect((await posSale(tb, holder, 'purchase', 100)).screen.title).toBe('Approved')
    posDone(tb)

    expect([payable(bakery), payable(florist), tb.merchantPayable()]).toEqual([1_250, 3_000, 100])
    expect(tb.balances(holder).cash_access).toBe(50_000 - 4_350)
    expect(checkInvariants(tb.db).ok).toBe(true)
  })

  it('declines 03 a merchant the POS is not shared with, moving nothing; refuses a choice in the middle of a sale', async () => {
    const { tb, holder, outsider, payable } = await sharedBank()
    tb.service.chooseMerchant(pos_id, { acceptor_id: 'OUTSIDER-1', merchant_name: 'Outsider' })
    const view = await posSale(tb, holder, 'purchase', 500)
    expect(view.screen).toMatchObject({ title: 'Declined', tone: 'declined' })
    expect(view.screen.lines[0]).toBe('This shop is not accepted on this terminal (03)')
    posDone(tb)
    expect(payable(outsider)).toBe(0)
    expect(tb.balances(holder).cash_access).toBe(50_000)

    tb.service.press(pos_id, '1')
    expect(() => tb.service.chooseMerchant(pos_id, { acceptor_id: 'BAKERY-01', merchant_name: 'Corner Bakery' })).toThrow(TerminalActionRefused)
  })
})
