import { describe, expect, it } from 'vitest'
import { fieldString } from '../../../main/iso8583/codec'
import { maskPan } from '../../../main/iso8583/mask'
import { answer, approving, balances_54, until } from './fake-host'
import { bench, card, pan, pin, pinOf } from './setup'
import type { TerminalKey } from '../../../devices/terminals/view'

const pin_keys = [...pin] as TerminalKey[]

describe('ATM', () => {
  // Proves the whole happy path: sign-on, card, PIN as dots, menu, fast cash, a 0200 the
  // host can use (track without sentinels, PIN block under the terminal key, processing
  // code, amount, currency), then notes in the tray, a masked receipt, the card returned,
  // and a journal entry.
  it('withdraws 60.00 as one 50 and one 10, with receipt and journal', async () => {
    const t = await bench('atm')
    expect(t.host.requests('0800')[0]?.fields.get(70)).toBe('001')
    expect(t.view().screen.name).toBe('idle')

    t.service.insertWalletCard(t.id, card.label)
    expect(t.view().card).toMatchObject({ state: 'inserted', label: card.label, pan_masked: maskPan(pan) })
    t.press(...pin_keys)
    expect(t.view().screen.entry).toEqual({ label: 'PIN', text: '●●●●' })
    expect(JSON.stringify(t.view())).not.toContain(pin)
    t.press('enter')
    expect(t.view().screen.function_keys).toMatchObject({ R1: 'Withdrawal', R2: 'Balance' })
    t.press('R1')
    expect(t.view().screen.function_keys.L3).toBe('USD 60.00')
    t.press('L3')
    const done = await t.screen('finished')

    const [request] = t.host.requests('0200')
    expect(request).toBeDefined()
    if (!request) return
    expect(fieldString(request, 3)).toBe('010000')
    expect(fieldString(request, 4)).toBe('000000006000')
    expect(fieldString(request, 35)).toBe(`${pan}=2812101${card.discretionary}`)
    expect(fieldString(request, 41)).toBe('ATM00001')
    expect(fieldString(request, 49)).toBe('840')
    expect(fieldString(request, 25)).toBe('02')
    expect(pinOf(request)).toBe(pin)

    expect(done.screen.tone).toBe('approved')
    expect(done.cash_tray).toEqual([
      { denomination_minor: 5000, count: 1, denomination_label: 'USD 50.00' },
      { denomination_minor: 1000, count: 1, denomination_label: 'USD 10.00' },
    ])
    expect(done.card.state).toBe('ejected')
    expect(done.cassettes.map((c) => c.dispensed)).toEqual([1, 0, 1, 0])
    const receipt = done.receipts[0]?.lines.join('\n') ?? ''
    expect(receipt).toContain('************0119')
    expect(receipt).toContain('654321')
    expect(receipt).toContain('507414000123')
    expect(receipt).toContain('USD 60.00')
    expect(receipt).toContain('USD 140.00')
    expect(receipt).not.toContain(pan)

    const [entry] = t.service.journal(t.id)
    expect(entry).toMatchObject({ transaction: 'withdrawal', outcome: 'approved', amount_minor: 6000, approval_code: '654321', pan_masked: maskPan(pan), dispensed_minor: 6000 })
    expect(JSON.stringify(t.service.journal(t.id))).not.toContain(pan)

    t.service.take(t.id, 'card')
    t.service.take(t.id, 'cash')
    t.service.take(t.id, 'receipt')
    expect(t.view()).toMatchObject({ screen: { name: 'idle' }, card: { state: 'empty' }, cash_tray: [], receipts: [] })
  })

  // Proves the side panel data: 0200 and 0210 listed field by field, the PAN masked, the
  // track reduced to its masked PAN, and the PIN block hidden.
  it('logs each message masked for the side panel', async () => {
    const t = await bench('atm')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R2')
    await t.screen('finished')
    const messages = t.service.messages(t.id)
    const sent = messages.find((m) => m.mti === '0200')
    const received = messages.find((m) => m.mti === '0210')
    expect(sent?.direction).toBe('sent')
    expect(received?.direction).toBe('received')
    expect(received?.response_code).toBe('00')
    expect(sent?.fields.find((f) => f.field === 35)?.value).toBe(`${maskPan(pan)}=****`)
    expect(sent?.fields.find((f) => f.field === 52)?.value).toBe('[PIN block hidden]')
    expect(JSON.stringify(messages)).not.toContain(pan)
    expect(JSON.stringify(messages)).not.toContain(card.discretionary)
  })

  // Proves the balance inquiry shows and prints the balances from field 54.
  it('shows the balance from field 54', async () => {
    const t = await bench('atm')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R2')
    const done = await t.screen('finished')
    expect(fieldString(t.host.requests('0200')[0] ?? { mti: '', fields: new Map() }, 3)).toBe('310000')
    expect(done.screen.lines).toContain('Available: USD 140.00')
    expect(done.cash_tray).toEqual([])
    expect(balances_54).toContain('14000')
  })

  // Proves a wrong PIN (55) asks again with a message and resends the same transaction
  // with the new PIN, without going through the menu again.
  it('asks for the PIN again after 55 and then completes', async () => {
    const t = await bench('atm', {
      handler: (request) => (request.mti === '0200' && pinOf(request) !== pin ? answer(request, '55') : approving(request)),
    })
    t.service.insertWalletCard(t.id, card.label)
    t.press('9', '9', '9', '9', 'enter', 'R1', 'L1')
    const again = await t.screen('pin')
    expect(again.screen.lines[0]).toBe('Incorrect PIN. Please try again.')
    expect(again.card.state).toBe('inserted')
    t.press(...pin_keys, 'enter')
    const done = await t.screen('finished')
    expect(done.cash_tray).toEqual([{ denomination_minor: 2000, count: 1, denomination_label: 'USD 20.00' }])
    const requests = t.host.requests('0200')
    expect(requests).toHaveLength(2)
    expect(fieldString(requests[1] ?? requests[0]!, 4)).toBe('000000002000')
    expect(fieldString(requests[0]!, 11)).not.toBe(fieldString(requests[1]!, 11))
    expect(t.service.journal(t.id).map((e) => e.response_code)).toEqual(['00', '55'])
  })

  // Proves a decline says what the code means and returns the card, with no cash.
  it('declines 51 with its meaning and returns the card', async () => {
    const t = await bench('atm', { handler: (request) => (request.mti === '0200' ? answer(request, '51') : approving(request)) })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'L1')
    const done = await t.screen('finished')
    expect(done.screen.title).toBe('Transaction declined')
    expect(done.screen.lines[0]).toBe('Insufficient funds (51).')
    expect(done.card.state).toBe('ejected')
    expect(done.cash_tray).toEqual([])
    expect(done.cassettes.every((c) => c.dispensed === 0)).toBe(true)
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'declined', response_code: '51' })
  })

  // Proves the cannot-dispense check happens before the host is asked: 35.00 with notes of
  // 10 and up is refused on the screen and no 0200 leaves the terminal.
  it('refuses an amount the cassettes cannot pay without asking the host', async () => {
    const t = await bench('atm')
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'R2', '3', '5')
    expect(t.view().screen.entry?.text).toBe('USD 35.00')
    t.press('enter')
    const view = t.view()
    expect(view.screen.name).toBe('amount')
    expect(view.screen.lines[0]).toBe('This ATM cannot pay out USD 35.00. Please choose another amount.')
    expect(t.host.requests('0200')).toHaveLength(0)
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'cannot_dispense', amount_minor: 3500, stan: null })
  })

  // Proves a timeout reverses: no 0210 within reply_timeout_ms → a 0420 naming the 0200 in
  // field 90 (MTI, STAN, time), with its own STAN, for the full amount (no field 95).
  it('sends a 0420 reversal when the host does not answer in time', async () => {
    const t = await bench('atm', { reply_timeout_ms: 200, handler: (request) => (request.mti === '0200' ? null : approving(request)) })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'L2')
    const done = await t.screen('finished')
    expect(done.screen.title).toBe('Transaction cancelled')
    expect(done.cash_tray).toEqual([])
    const original = t.host.requests('0200')[0]!
    const reversal = t.host.requests('0420')[0]!
    expect(reversal).toBeDefined()
    expect(fieldString(reversal, 90)).toBe(`0200${fieldString(original, 11)}${fieldString(original, 7)}${'0'.repeat(22)}`)
    expect(fieldString(reversal, 11)).not.toBe(fieldString(original, 11))
    expect(fieldString(reversal, 4)).toBe('000000004000')
    expect(fieldString(reversal, 2)).toBe(pan)
    expect(reversal.fields.has(95)).toBe(false)
    expect(reversal.fields.has(35) || reversal.fields.has(52)).toBe(false)
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'acknowledged' })
  })

  // Proves unanswered advices are repeated as 0421 with the same identity, a bounded number
  // of times, then queued and sent again when the link signs on.
  it('repeats an unanswered 0420 as 0421, then queues it for the next sign-on', async () => {
    const t = await bench('atm', { reply_timeout_ms: 100, handler: (request) => (request.mti.startsWith('02') || request.mti.startsWith('04') ? null : approving(request)) })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'L1')
    await t.screen('finished')
    const advice = t.host.requests('0420')[0]!
    const repeats = t.host.requests('0421')
    expect(repeats).toHaveLength(3)
    for (const repeat of repeats) {
      expect(fieldString(repeat, 11)).toBe(fieldString(advice, 11))
      expect(fieldString(repeat, 7)).toBe(fieldString(advice, 7))
    }
    expect(t.view().pending_reversals).toBe(1)
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'queued' })

    t.host.handler = approving
    t.host.dropConnections()
    await t.screen('finished')
    await until(() => t.view().pending_reversals === 0, 'the queued advice to be sent on sign-on')
    expect(t.host.requests('0421')).toHaveLength(4)
  })

  // Proves a partial dispense: the 20s cassette jams after one note, so 40.00 comes out as
  // 20.00 and a 0420 with field 95 = 20.00 dispensed tells the host to give back the rest.
  it('reverses the undispensed part with field 95 after a jam', async () => {
    const t = await bench('atm')
    t.service.supervisor(t.id, { action: 'enter' })
    t.service.supervisor(t.id, { action: 'set_fault', slot: 1, jam_after_notes: 1 })
    t.service.supervisor(t.id, { action: 'exit' })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'L2')
    const done = await t.screen('finished')
    expect(done.cash_tray).toEqual([{ denomination_minor: 2000, count: 1, denomination_label: 'USD 20.00' }])
    expect(done.screen.lines[0]).toBe('We could only pay out USD 20.00 of USD 40.00.')
    const reversal = t.host.requests('0420')[0]!
    expect(fieldString(reversal, 95)).toBe(`000000002000${'0'.repeat(30)}`)
    expect(fieldString(reversal, 4)).toBe('000000004000')
    expect(done.cassettes[1]).toMatchObject({ jammed: true, dispensed: 1 })
    expect(t.service.journal(t.id)[0]).toMatchObject({ outcome: 'partial_dispense', dispensed_minor: 2000, reversal: 'acknowledged' })
    expect(done.receipts[0]?.lines.join('\n')).toContain('DISPENSED')
  })

  // Proves supervisor mode: only with no card in, out of service meanwhile, cassettes
  // loaded and counters reset.
  it('loads cassettes and resets counters in supervisor mode', async () => {
    const t = await bench('atm')
    expect(() => t.service.supervisor(t.id, { action: 'load_cassettes', cassettes: [{ denomination_minor: 2000, count: 50 }] })).toThrow(/supervisor mode first/)
    t.service.supervisor(t.id, { action: 'enter' })
    expect(t.view().screen.name).toBe('supervisor')
    expect(() => t.service.insertWalletCard(t.id, card.label)).toThrow(/supervisor mode/)
    t.service.supervisor(t.id, { action: 'load_cassettes', cassettes: [{ denomination_minor: 2000, count: 50 }, { denomination_minor: 5000, count: 20 }] })
    expect(t.view().cassettes.map((c) => [c.denomination_label, c.count, c.loaded])).toEqual([
      ['USD 20.00', 50, 50],
      ['USD 50.00', 20, 20],
    ])
    t.service.supervisor(t.id, { action: 'exit' })
    t.service.insertWalletCard(t.id, card.label)
    t.press(...pin_keys, 'enter', 'R1', 'L4')
    await t.screen('finished')
    expect(t.view().cassettes.map((c) => [c.count, c.dispensed])).toEqual([
      [50, 0],
      [18, 2],
    ])
    t.service.take(t.id, 'card')
    t.service.supervisor(t.id, { action: 'enter' })
    t.service.supervisor(t.id, { action: 'reset_counters' })
    expect(t.view().cassettes.map((c) => [c.count, c.loaded, c.dispensed])).toEqual([
      [50, 50, 0],
      [18, 18, 0],
    ])
  })

  // Proves Cancel returns the card without sending anything.
  it('cancels from the PIN screen and returns the card', async () => {
    const t = await bench('atm')
    t.service.insertWalletCard(t.id, card.label)
    t.press('1', 'cancel')
    expect(t.view()).toMatchObject({ screen: { name: 'finished', title: 'Transaction cancelled' }, card: { state: 'ejected' } })
    expect(t.host.requests('0200')).toHaveLength(0)
  })
})
