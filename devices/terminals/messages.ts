/**
 * The requests a terminal sends, built as docs/iso8583.md section 5 lists their fields.
 * Pure: the STAN and the instant come from the caller, so a test can predict every byte.
 */
import type { FieldValue, IsoMessage } from '../../main/iso8583/codec'
import { fieldString } from '../../main/iso8583/codec'
import { amountField, type TerminalCurrency } from './money'
import { localDate, localTime, retrievalReference, transmissionTime } from './iso-time'
import type { TerminalKind } from './config'

export interface TerminalIdentity {
  terminal_id: string
  kind: TerminalKind
  acceptor_id: string
  location: string
  currency: TerminalCurrency
}

export type NetworkCode = '001' | '002' | '301'

/** 0800: sign-on (001), sign-off (002) or echo test (301). */
export function networkRequest(terminal_id: string, code: NetworkCode, stan: string, at: Date): IsoMessage {
  return {
    mti: '0800',
    fields: new Map<number, FieldValue>([
      [7, transmissionTime(at)],
      [11, stan],
      [41, terminal_id],
      [70, code],
    ]),
  }
}

export interface FinancialInput {
  terminal: TerminalIdentity
  processing_code: string
  amount_minor: number
  /** Track 2 as read, without sentinels: PAN=YYMMSSS... */
  track2: string
  /** 8 bytes, ISO 9564 format 0 encrypted under the terminal's PIN key. */
  pin_block: Buffer
  stan: string
  at: Date
}

/** 0200: the card as read from the stripe (22 = 021), the PIN block, the terminal's identity. */
export function financialRequest(input: FinancialInput): IsoMessage {
  const { terminal } = input
  return {
    mti: '0200',
    fields: new Map<number, FieldValue>([
      [3, input.processing_code],
      [4, amountField(input.amount_minor)],
      [7, transmissionTime(input.at)],
      [11, input.stan],
      [12, localTime(input.at)],
      [13, localDate(input.at)],
      [22, '021'],
      // An ATM is unattended and can retain a card (02); a POS has a merchant standing by (00).
      [25, terminal.kind === 'atm' ? '02' : '00'],
      [35, input.track2],
      [37, retrievalReference(input.at, input.stan)],
      [41, terminal.terminal_id],
      [42, terminal.acceptor_id.padEnd(15, ' ')],
      [43, terminal.location.padEnd(40, ' ')],
      [49, terminal.currency.numeric],
      [52, input.pin_block],
    ]),
  }
}

/** Field 90: original MTI, STAN, transmission time, and no acquirer or forwarder ids (zeros). */
export function originalDataElements(original: IsoMessage): string {
  const stan = fieldString(original, 11)
  const transmission = fieldString(original, 7)
  if (stan === undefined || transmission === undefined) throw new Error('originalDataElements: the original has no STAN or transmission time')
  return `${original.mti}${stan}${transmission}${'0'.repeat(22)}`
}

/** Field 95: the actual amount dispensed, then 30 zeros for the settlement and fee amounts we do not use. */
export function replacementAmounts(dispensed_minor: number): string {
  return `${amountField(dispensed_minor)}${'0'.repeat(30)}`
}

/**
 * 0420, the reversal advice for `original`, with its own STAN and time. With
 * `dispensed_minor` it is a partial reversal: the host gives back what was not dispensed.
 * The PAN goes in field 2 (the track is never kept after the request); 3, 4, 37, 41, 42 and
 * 49 repeat the original's.
 */
export function reversalAdvice(original: IsoMessage, input: { pan: string; stan: string; at: Date; dispensed_minor?: number }): IsoMessage {
  const fields = new Map<number, FieldValue>([[2, input.pan]])
  for (const echoed of [3, 4, 37, 41, 42, 49]) {
    const value = original.fields.get(echoed)
    if (value !== undefined) fields.set(echoed, value)
  }
  fields.set(7, transmissionTime(input.at))
  fields.set(11, input.stan)
  fields.set(90, originalDataElements(original))
  if (input.dispensed_minor !== undefined) fields.set(95, replacementAmounts(input.dispensed_minor))
  return { mti: '0420', fields }
}

/** The repeat of a request: same fields, same identity, the MTI's last digit set (0420 → 0421). */
export function repeatOf(message: IsoMessage): IsoMessage {
  const last = Number(message.mti[3])
  if (last % 2 === 1) return message
  return { mti: `${message.mti.slice(0, 3)}${last + 1}`, fields: message.fields }
}

/** The answer's MTI for a request or its repeat: 0200 → 0210, 0421 → 0430. */
export function responseMtiOf(mti: string): string {
  const third = Number(mti[2])
  const last = Number(mti[3])
  return `${mti.slice(0, 2)}${third + 1}${last - (last % 2)}`
}
