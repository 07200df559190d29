/**
 * Representative messages of our dialect for the unit tests: what an ATM sends and what
 * the host answers. Values are the kind real terminals send (padded, zero-filled).
 */
import type { FieldValue, IsoMessage } from '../../../main/iso8583/codec'

export function message(mti: string, fields: Record<number, FieldValue>): IsoMessage {
  return { mti, fields: new Map(Object.entries(fields).map(([field, value]) => [Number(field), value])) }
}

export const pan = '4761739001010119'
export const track2 = '4761739001010119=28121011234567890'
export const pin_block = Buffer.from('7434F67813BAE545', 'hex')

/** Cash withdrawal of 20.00 USD at an ATM, magnetic stripe and PIN. */
export const withdrawal_0200 = message('0200', {
  2: pan,
  3: '010000',
  4: '000000002000',
  7: '0315143005',
  11: '000123',
  12: '093005',
  13: '0315',
  14: '2812',
  22: '021',
  25: '02',
  35: track2,
  37: '507414000123',
  41: 'ATM00042',
  42: 'CENTAVOBANK0001',
  49: '840',
  52: pin_block,
})

/** The host's approval: identifying fields echoed, 37 and 38 assigned, balances in 54; never the PAN. */
export const withdrawal_0210 = message('0210', {
  3: '010000',
  4: '000000002000',
  7: '0315143005',
  11: '000123',
  12: '093005',
  13: '0315',
  37: '507414000123',
  38: '482913',
  39: '00',
  41: 'ATM00042',
  42: 'CENTAVOBANK0001',
  49: '840',
  54: '2001840C000000048000' + '2002840C000000048000',
})

export const balance_0100 = message('0100', {
  2: pan,
  3: '310000',
  7: '0315143005',
  11: '000124',
  12: '093005',
  13: '0315',
  14: '2812',
  22: '021',
  25: '02',
  35: track2,
  37: '507414124   ',
  41: 'ATM00042',
  42: 'CENTAVOBANK0001',
  43: 'CENTAVO ATM 42, 1 MAIN ST    SPRINGFIELD',
  49: '840',
  52: pin_block,
})

export const balance_0110 = message('0110', {
  3: '310000',
  7: '0315143006',
  11: '000124',
  37: '507414000124',
  39: '00',
  41: 'ATM00042',
  54: '2001840C000000050000',
})

/** Partial dispense: 20.00 asked, 10.00 dispensed; field 90 points at the 0200 above. */
export const reversal_0400 = message('0400', {
  2: pan,
  3: '010000',
  4: '000000002000',
  7: '0315143100',
  11: '000125',
  37: '507414000123',
  41: 'ATM00042',
  42: 'CENTAVOBANK0001',
  49: '840',
  90: '0200' + '000123' + '0315143005' + '00000000000' + '00000000000',
  95: '000000001000' + '000000000000' + '000000000' + '000000000',
  102: '4761739001010119',
  103: 'VALUE-ACCOUNT 000123',
})

export const sign_on_0800 = message('0800', { 7: '0315140000', 11: '000001', 70: '001' })
export const sign_on_0810 = message('0810', { 7: '0315140000', 11: '000001', 39: '00', 70: '001' })

export const with_macs = message('0200', {
  3: '000000',
  4: '000000000150',
  11: '000200',
  41: 'POS 0007',
  64: Buffer.from('0102030405060708', 'hex'),
  128: Buffer.from('F1F2F3F4F5F6F7F8', 'hex'),
})
