import { describe, expect, it } from 'vitest'
import { fieldString } from '../../../main/iso8583/codec'
import { StanCounter } from '../../../devices/terminals/stan'
import { readTrack2 } from '../../../devices/terminals/card-read'
import { parseBalances } from '../../../devices/terminals/balances'
import { answer, approving } from './fake-host'
import { bench, card, pan, pin } from './setup'
import type { TerminalKey } from '../../../devices/terminals/view'

const pin_keys = [...pin] as TerminalKey[]

describe('terminal edges', () => {
  // Proves the STAN stays six digits and wraps past 999999 to 000001, never 000000.
  it('wraps the STAN', () => {
    const advanced: number[] = []
    const stan = new StanCounter(999_998, (last) => advanced.push(last))
    expect([stan.next(), stan.next(), stan.next()]).toEqual(['999999', '000001', '000002'])
    expect(advanced).toEqual([999_999, 1, 2])
  })

  // Proves a swipe from a paired reader is accepted with its sentinels, which field 35 must not carry.
  it('reads a swiped track 2 with sentinels', () => {
    expect(readTrack2(`;${pan}=2812101123?`, pan)).toEqual({ track2: `${pan}=2812101123`, pan, expiry_yymm: '2812' })
    expect(readTrack2(`;${pan}=2812101123?`, '4000000000000002')).toMatch(/does not match/)
    expect(readTrack2('garbage')).toMatch(/could not be read/)
  })

  // Proves field 54 is read entry by entry, a debit balance is negative, and a bad entry is skipped.
  it('reads balances from field 54', () => {
    expect(parseBalances('2001840D0000000012342002840C000000005000')).toEqual({ ledger_minor: -1234, available_minor: 5000, currency_numeric: '840' })
    expect(parseBalances('20018X0C000000001234')).toEqual({ ledger_minor: null, available_minor: null, currency_numeric: null })
  })

  // Proves a card inserted from a paired reader (track 2 and PAN, not from the wallet) goes through.
  it('takes a card from a paired reader', async () => {
    const t = await bench('atm')
    t.service.insertCard(t.id, `;${pan}=2812101${card.discretionary}?`, pan)
    t.press(...pin_keys, 'enter', 'R2')
    await t.screen('finished')
    expect(fieldString(t.host.requests('0200')[0]!, 35)).toBe(`${pan}=2812101${card.discretionary}`)
    expect(t.view().card.label).toBeNull()
  })

  // Proves a customer who walks away mid-session gets the card back and nothing is sent.
  it('returns the card when the customer walks away', async () => {
    const t = await bench('atm', { customer_idle_ms: 100 })
    t.service.insertWalletCard(t.id, card.label)
    t.press('1')
    const done = await t.screen('finished')
    expect(done).toMatchObject({ screen: { title: 'Session timed out' }, card: { state: 'ejected' } })
    expect(t.host.requests('0200')).toHaveLength(0)
  })

  // Proves 75 keeps the card: no card to take, and any key lets the next customer start.
  it('retains the card after 75', async () => {
    const t = await bench('atm', { handler: (request) => (request.mti === '0200' ? answer(request, '75') : approving(request)) })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R2')
    const retained = await t.screen('retained')
    expect(retained.card.state).toBe('retained')
    expect(() => t.service.take(t.id, 'card')).toThrow(/no card to take/)
    t.press('enter')
    expect(t.view()).toMatchObject({ screen: { name: 'idle' }, card: { state: 'empty' } })
  })
})
