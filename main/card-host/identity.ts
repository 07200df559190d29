import type { IsoMessage } from '../iso8583/codec'
import { fieldString } from '../iso8583/codec'

/** 0200 and its repeat 0201 are one request: the repeat bit is the MTI's last digit. */
export function baseMti(mti: string): string {
  return `${mti.slice(0, 3)}${Number(mti[3]) % 2 === 1 ? String(Number(mti[3]) - 1) : mti[3]}`
}

/** The answer's MTI: 0200 → 0210, 0401 → 0410. */
export function responseMti(mti: string): string {
  const base = baseMti(mti)
  return `${base.slice(0, 2)}${String(Number(base[2]) + 1)}${base[3]}`
}

/**
 * The identity of a request within its terminal: MTI class, STAN (11) and transmission
 * date and time (7). A repeat or a resend carries the same three.
 */
export function requestKey(mti_base: string, stan: string, transmission: string): string {
  return `${mti_base}:${stan}:${transmission}`
}

export function keyOf(message: IsoMessage): string | undefined {
  const stan = fieldString(message, 11)
  const transmission = fieldString(message, 7)
  if (!stan || !transmission) return undefined
  return requestKey(baseMti(message.mti), stan, transmission)
}

export interface OriginalData {
  mti_base: string
  stan: string
  transmission: string
}

/** Field 90, original data elements: MTI(4) STAN(6) transmission date-time(10) acquirer(11) forwarder(11). */
export function parseOriginalData(field_90: string): OriginalData | undefined {
  if (!/^\d{42}$/.test(field_90)) return undefined
  return { mti_base: baseMti(field_90.slice(0, 4)), stan: field_90.slice(4, 10), transmission: field_90.slice(10, 20) }
}

export function originalData(mti: string, stan: string, transmission: string): string {
  return `${mti}${stan}${transmission}${'0'.repeat(22)}`
}
