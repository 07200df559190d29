import { afterEach, describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { TestIsoClient } from '../support/iso-client'
import { startCardHost, type CardHost } from '../../main/card-host/server'
import { issueCard, changeCardStatus } from '../../main/cards/cards'
import { createTerminal } from '../../main/cards/terminals'
import { encryptPinBlock, pinBlockFormat0 } from '../../main/cards/crypto/pin-block'
import { postedBalance } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { moveValue } from '../../main/payments/value-moves'
import { originalData } from '../../main/card-host/identity'
import type { IsoMessage } from '../../main/iso8583/codec'

const running: Array<{ host: CardHost; client: TestIsoClient }> = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.client.close()
    await r.host.close()
  }
})

/** A bank with one funded customer, an issued card, an ATM and a POS, and a card host on loopback. */
async function setup(options: { cash_access_minor?: number; daily_limit_minor?: number } = {}) {
  const bank = testBank()
  const payer = bank.openCustomer({ credit_limit_minor: 100_000 })
  bank.fund(payer.accounts().value.id, 50_000)
  moveValue(bank.db, bank.clock, bank.ctx.ledger, bank.ctx.requests, {
    scope: 'test',
    idempotency_key: 'to-cash',
    customer_id: payer.customer.id,
    direction: 'value_to_cash_access',
    amount_minor: options.cash_access_minor ?? 20_000,
  })
  const issued = issueCard(bank.ctx, { customer_id: payer.customer.id, pin: '4321', daily_withdrawal_limit_minor: options.daily_limit_minor ?? 30_000 })
  const atm = createTerminal(bank.ctx, { terminal_id: 'ATM00001', kind: 'atm', location: 'Main St', currency: 'USD' })
  const pos = createTerminal(bank.ctx, { terminal_id: 'POS00001', kind: 'pos', merchant_id: bank.merchant.id, location: 'Shop', currency: 'USD' })
  const host = await startCardHost(bank.ctx, { port: 0, log: () => {} })
  const client = await TestIsoClient.connect(host.port)
  running.push({ host, client })
  const { plastic } = issued
  const track2 = `${plastic.pan}=${plastic.expiry_yymm}${plastic.service_code}${plastic.discretionary}`
  let stan = 0
  /** A 0200 as a terminal builds it: track 2, PIN block under the terminal's key. */
  const financial = (
    processing: string,
    amount_minor: number,
    options: { pin?: string; terminal?: typeof atm; mti?: string; stan?: string; time?: string; track?: string } = {},
  ): IsoMessage => {
    const terminal = options.terminal ?? atm
    const pin_block = encryptPinBlock(pinBlockFormat0(options.pin ?? '4321', plastic.pan), terminal.pin_key)
    return {
      mti: options.mti ?? '0200',
      fields: new Map<number, string | Buffer>([
        [3, processing],
        [4, String(amount_minor).padStart(12, '0')],
        [7, options.time ?? '1102090000'],
        [11, options.stan ?? String(++stan).padStart(6, '0')],
        [35, options.track ?? track2],
        [41, terminal.terminal.terminal_id],
        [49, '840'],
        [52, pin_block],
      ]),
    }
  }
  const cashAccess = () => postedBalance(payer.accounts().cash_access)
  return { bank, payer, issued, atm, pos, client, financial, cashAccess, track2 }
}

const code = (m: IsoMessage) => m.fields.get(39)

describe('card host over TCP', () => {
  it('approves a PIN-verified ATM withdrawal, answers 0210 with approval code, RRN and balances, and posts it', async () => {
    const t = await setup()
    const answer = await t.client.exchange(t.financial('011000', 6_000))
    expect(answer.mti).toBe('0210')
    expect(code(answer)).toBe('00')
    expect(answer.fields.get(38)).toMatch(/^\d{6}$/)
    expect(answer.fields.get(37)).toMatch(/^\d{12}$/)
    expect(answer.fields.get(54)).toBe(`2001840C${'14000'.padStart(12, '0')}2002840C${'14000'.padStart(12, '0')}`)
    expect(answer.fields.has(2) || answer.fields.has(35) || answer.fields.has(52)).toBe(false)
    expect(t.cashAccess()).toBe(14_000)
    expect(checkInvariants(t.bank.db).ok).toBe(true)
  })

  it('answers a repeat (0201) and a resend with the original answer and moves money once', async () => {
    const t = await setup()
    const request = t.financial('011000', 2_000, { stan: '000777' })
    const first = await t.client.exchange(request)
    const resend = await t.client.exchange(request)
    const repeat = await t.client.exchange({ ...request, mti: '0201' })
    expect(code(first)).toBe('00')
    expect(resend.fields).toEqual(first.fields)
    expect(repeat.mti).toBe('0210')
    expect(repeat.fields).toEqual(first.fields)
    expect(t.cashAccess()).toBe(18_000)
    // Same identity, other content: a duplicate transmission, refused.
    const other = await t.client.exchange(t.financial('011000', 2_500, { stan: '000777' }))
    expect(code(other)).toBe('94')
    expect(t.cashAccess()).toBe(18_000)
  })

  it('blocks the card after three wrong PINs, and the right PIN then gets 75', async () => {
    const t = await setup()
    expect(code(await t.client.exchange(t.financial('011000', 1_000, { pin: '0000' })))).toBe('55')
    expect(code(await t.client.exchange(t.financial('011000', 1_000, { pin: '1111' })))).toBe('55')
    expect(code(await t.client.exchange(t.financial('011000', 1_000, { pin: '2222' })))).toBe('75')
    expect(code(await t.client.exchange(t.financial('011000', 1_000)))).toBe('75')
    expect(t.cashAccess()).toBe(20_000)
  })

  it('declines insufficient funds (51), over the daily limit (61), blocked cards (05), bad amounts (13) and unknown cards (14)', async () => {
    const t = await setup({ cash_access_minor: 20_000, daily_limit_minor: 15_000 })
    expect(code(await t.client.exchange(t.financial('011000', 20_001)))).toBe('61')
    expect(code(await t.client.exchange(t.financial('011000', 10_000)))).toBe('00')
    expect(code(await t.client.exchange(t.financial('011000', 6_000)))).toBe('61')
    expect(code(await t.client.exchange(t.financial('001000', 10_001, { terminal: t.pos })))).toBe('51')
    expect(code(await t.client.exchange(t.financial('011000', 0)))).toBe('13')
    const unknown = t.track2.replace(/^\d{16}/, '9900019999999995')
    expect(code(await t.client.exchange(t.financial('011000', 100, { track: unknown })))).toBe('14')
    changeCardStatus(t.bank.db, t.issued.card.id, 'block')
    expect(code(await t.client.exchange(t.financial('011000', 100)))).toBe('05')
    expect(t.cashAccess()).toBe(10_000)
    expect(checkInvariants(t.bank.db).ok).toBe(true)
  })

  it('declines an expired card with 54, at the end of its expiry month', async () => {
    const t = await setup()
    // The card expires at the end of the month three years after issue.
    const [year, month] = [Number(t.issued.plastic.expiry_yymm.slice(0, 2)) + 2000, Number(t.issued.plastic.expiry_yymm.slice(2))]
    t.bank.clock.advance(Date.UTC(year, month - 1, 28) - t.bank.clock.now().getTime())
    expect(code(await t.client.exchange(t.financial('311000', 0)))).toBe('00')
    t.bank.clock.advance(Date.UTC(year, month, 1) - t.bank.clock.now().getTime())
    expect(code(await t.client.exchange(t.financial('011000', 1_000)))).toBe('54')
    expect(t.cashAccess()).toBe(20_000)
  })

  it('refuses a purchase at an ATM and a withdrawal at a POS (57), and a forged CVV (05)', async () => {
    const t = await setup()
    expect(code(await t.client.exchange(t.financial('001000', 100)))).toBe('57')
    expect(code(await t.client.exchange(t.financial('011000', 100, { terminal: t.pos })))).toBe('57')
    const forged = t.track2.slice(0, -8) + '999' + t.track2.slice(-5)
    expect(code(await t.client.exchange(t.financial('011000', 100, { track: forged })))).toBe('05')
  })

  it('pays a POS purchase to the merchant and moves value into the value account', async () => {
    const t = await setup()
    expect(code(await t.client.exchange(t.financial('001000', 1_250, { terminal: t.pos })))).toBe('00')
    expect(code(await t.client.exchange(t.financial('401000', 750, { terminal: t.pos })))).toBe('00')
    expect(t.cashAccess()).toBe(18_000)
    expect(postedBalance(t.payer.accounts().value)).toBe(30_750)
  })

  it('restores exactly the reversed amount once: after, twice, partial, and before the original', async () => {
    const t = await setup()
    const original = t.financial('011000', 5_000, { stan: '000100', time: '1102100000' })
    expect(code(await t.client.exchange(original))).toBe('00')
    const reversal = (stan: string, of: { stan: string; time: string }, dispensed_minor?: number): IsoMessage => ({
      mti: '0400',
      fields: new Map<number, string | Buffer>([
        [3, '011000'],
        [4, '000000005000'],
        [7, '1102100500'],
        [11, stan],
        [41, 'ATM00001'],
        [49, '840'],
        [90, originalData('0200', of.stan, of.time)],
        ...(dispensed_minor !== undefined ? [[95, `${String(dispensed_minor).padStart(12, '0')}${'0'.repeat(30)}`] as [number, string]] : []),
      ]),
    })
    expect((await t.client.exchange(reversal('000101', { stan: '000100', time: '1102100000' }))).fields.get(39)).toBe('00')
    expect(t.cashAccess()).toBe(20_000)
    // A second reversal message for the same original changes nothing.
    expect(code(await t.client.exchange(reversal('000102', { stan: '000100', time: '1102100000' })))).toBe('00')
    expect(t.cashAccess()).toBe(20_000)

    // Partial dispense: 3,000 of 5,000 came out; 2,000 goes back.
    expect(code(await t.client.exchange(t.financial('011000', 5_000, { stan: '000200', time: '1102110000' })))).toBe('00')
    expect(code(await t.client.exchange(reversal('000201', { stan: '000200', time: '1102110000' }, 3_000)))).toBe('00')
    expect(t.cashAccess()).toBe(17_000)

    // The reversal arrives first: the late original moves nothing.
    expect(code(await t.client.exchange(reversal('000301', { stan: '000300', time: '1102120000' })))).toBe('00')
    const late = await t.client.exchange(t.financial('011000', 5_000, { stan: '000300', time: '1102120000' }))
    expect(code(late)).toBe('12')
    expect(t.cashAccess()).toBe(17_000)
    expect(checkInvariants(t.bank.db).ok).toBe(true)
  })

  it('answers a malformed message with 30 and posts nothing, and keeps serving the connection', async () => {
    const t = await setup()
    // MTI 0200 with a bitmap naming field 2 but no value after it.
    const body = Buffer.concat([Buffer.from('0200'), Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0])])
    const header = Buffer.alloc(2)
    header.writeUInt16BE(body.length)
    t.client.sendRaw(Buffer.concat([header, body]))
    const answer = await t.client.next()
    expect(answer.mti).toBe('0210')
    expect(code(answer)).toBe('30')
    expect(code(await t.client.exchange(t.financial('311000', 0)))).toBe('00')
    expect(t.cashAccess()).toBe(20_000)
  })

  it('answers an 0100 balance inquiry with balances, holds an 0100 authorisation, and releases the hold on its reversal', async () => {
    const t = await setup()
    const inquiry = await t.client.exchange(t.financial('311000', 0, { mti: '0100' }))
    expect(inquiry.mti).toBe('0110')
    expect(code(inquiry)).toBe('00')
    expect(inquiry.fields.get(54)).toContain(`C${'20000'.padStart(12, '0')}`)
    const authorisation = await t.client.exchange(t.financial('011000', 7_000, { mti: '0100', stan: '000500', time: '1102130000' }))
    expect(code(authorisation)).toBe('00')
    const held = t.payer.accounts().cash_access
    expect(postedBalance(held)).toBe(20_000)
    expect(held.debits_pending).toBe(7_000)
    const reversal: IsoMessage = {
      mti: '0400',
      fields: new Map<number, string | Buffer>([
        [3, '011000'],
        [4, '000000007000'],
        [7, '1102130500'],
        [11, '000501'],
        [41, 'ATM00001'],
        [49, '840'],
        [90, originalData('0100', '000500', '1102130000')],
      ]),
    }
    expect(code(await t.client.exchange(reversal))).toBe('00')
    expect(t.payer.accounts().cash_access.debits_pending).toBe(0)
    expect(t.cashAccess()).toBe(20_000)
    expect(checkInvariants(t.bank.db).ok).toBe(true)
  })

  it('signs terminals on and answers echo tests; an unknown terminal gets 12', async () => {
    const t = await setup()
    const network = (terminal_id: string, code_70: string): IsoMessage => ({
      mti: '0800',
      fields: new Map<number, string | Buffer>([[7, '1102090000'], [11, '000001'], [41, terminal_id], [70, code_70]]),
    })
    expect(code(await t.client.exchange(network('ATM00001', '001')))).toBe('00')
    expect(code(await t.client.exchange(network('ATM00001', '301')))).toBe('00')
    expect(code(await t.client.exchange(network('NOPE0001', '001')))).toBe('12')
  })

  it('writes the message log with the PAN masked and no PIN block or track', async () => {
    const t = await setup()
    await t.client.exchange(t.financial('011000', 1_000))
    const logged = (t.bank.db.prepare('SELECT fields_json FROM iso_messages').all() as Array<{ fields_json: string }>).map((r) => r.fields_json).join('\n')
    expect(logged).not.toContain(t.issued.plastic.pan)
    expect(logged).not.toContain(t.issued.plastic.discretionary)
    expect(logged).toContain(t.issued.plastic.pan.slice(-4))
    const everything = JSON.stringify(t.bank.db.prepare('SELECT * FROM requests').all()) + JSON.stringify(t.bank.db.prepare('SELECT * FROM cards').all())
    expect(everything).not.toContain(t.issued.plastic.pan)
  })
})
