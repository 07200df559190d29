import { describe, expect, it } from 'vitest'
import { fieldString } from '../../../main/iso8583/codec'
import { answer, approving } from './fake-host'
import { bench, card, pan, pin, pinOf } from './setup'
import type { TerminalKey } from '../../../devices/terminals/view'

const pin_keys = [...pin] as TerminalKey[]

describe('POS', () => {
  // Proves the purchase: the merchant types the amount first (digits fill from the
  // right), the card is swiped, the customer's PIN goes as a block, and the 0200 is a
  // purchase (000000) from an attended terminal; the receipt masks the card.
  it('takes a purchase: amount, swipe, PIN, approval, receipt', async () => {
    const t = await bench('pos')
    expect(t.view().screen.lines).toEqual(['1 Purchase', '2 Balance', '3 Transfer to value'])
    expect(() => t.service.insertWalletCard(t.id, card.label)).toThrow(/not waiting for a card/)
    t.press('1', '1', '2', '5', '0')
    expect(t.view().screen.entry?.text).toBe('USD 12.50')
    t.press('enter')
    expect(t.view().screen.name).toBe('card')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys)
    expect(t.view().screen.entry?.text).toBe('●●●●')
    t.press('enter')
    const done = await t.screen('finished')
    expect(done.screen).toMatchObject({ title: 'Approved', tone: 'approved' })
    const request = t.host.requests('0200')[0]!
    expect(fieldString(request, 3)).toBe('000000')
    expect(fieldString(request, 4)).toBe('000000001250')
    expect(fieldString(request, 25)).toBe('00')
    expect(fieldString(request, 43)?.trim()).toBe('Corner Shop, Main St')
    expect(pinOf(request)).toBe(pin)
    const receipt = done.receipts[0]?.lines.join('\n') ?? ''
    expect(receipt).toContain('PURCHASE')
    expect(receipt).toContain('USD 12.50')
    expect(receipt).toContain('************0119')
    expect(receipt).not.toContain(pan)
    expect(t.service.journal(t.id)[0]).toMatchObject({ transaction: 'purchase', outcome: 'approved', amount_minor: 1250 })
    t.press('enter')
    expect(t.view().screen.name).toBe('idle')
  })

  // Proves the balance inquiry needs no amount and shows field 54's available balance.
  it('answers a balance inquiry', async () => {
    const t = await bench('pos')
    t.press('2')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter')
    const done = await t.screen('finished')
    expect(fieldString(t.host.requests('0200')[0]!, 3)).toBe('310000')
    expect(done.screen.lines[0]).toBe('Balance USD 140.00')
  })

  // Proves the transfer into the value account uses processing code 40.
  it('transfers into the value account', async () => {
    const t = await bench('pos')
    t.press('3', '5', '0', '0', 'enter')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter')
    await t.screen('finished')
    const request = t.host.requests('0200')[0]!
    expect(fieldString(request, 3)).toBe('400000')
    expect(fieldString(request, 4)).toBe('000000000500')
  })

  // Proves a decline shows the code's meaning and prints a declined receipt.
  it('shows a decline with its meaning', async () => {
    const t = await bench('pos', { handler: (request) => (request.mti === '0200' ? answer(request, '51') : approving(request)) })
    t.press('1', '9', '9', '9', '9', 'enter')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter')
    const done = await t.screen('finished')
    expect(done.screen).toMatchObject({ title: 'Declined', tone: 'declined' })
    expect(done.screen.lines[0]).toBe('Insufficient funds (51)')
    expect(done.receipts[0]?.lines.join('\n')).toContain('DECLINED 51')
  })

  // Proves the automatic reversal on timeout at a POS too.
  it('reverses a purchase the host did not answer', async () => {
    const t = await bench('pos', { reply_timeout_ms: 200, handler: (request) => (request.mti === '0200' ? null : approving(request)) })
    t.press('1', '7', '5', '0', 'enter')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter')
    const done = await t.screen('finished')
    expect(done.screen.title).toBe('Transaction cancelled')
    const reversal = t.host.requests('0420')[0]!
    expect(fieldString(reversal, 3)).toBe('000000')
    expect(fieldString(reversal, 4)).toBe('000000000750')
    expect(fieldString(reversal, 90)?.slice(0, 10)).toBe(`0200${fieldString(t.host.requests('0200')[0]!, 11)}`)
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'acknowledged' })
  })

  // Proves a POS refuses what only an ATM has.
  it('has no cash tray and no supervisor mode', async () => {
    const t = await bench('pos')
    expect(() => t.service.take(t.id, 'cash')).toThrow(/no cash tray/)
    expect(() => t.service.supervisor(t.id, { action: 'enter' })).toThrow(/no supervisor mode/)
  })
})
