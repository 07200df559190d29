import type { IsoMessage } from '../iso8583/codec'
import type { ResponseCode } from './response-codes'

/**
 * An answer as stored for replay: text fields only. Answers never carry the PAN, track
 * data or a PIN block, so what is stored is safe to keep.
 */
export interface StoredAnswer {
  mti: string
  fields: Record<string, string>
}

export function toMessage(answer: StoredAnswer): IsoMessage {
  return { mti: answer.mti, fields: new Map(Object.entries(answer.fields).map(([k, v]) => [Number(k), v])) }
}

/** Echoes the request's identifying fields into an answer with a response code. */
export function answerTo(request: IsoMessage, mti: string, code: ResponseCode, extra: Record<number, string> = {}): StoredAnswer {
  const fields: Record<string, string> = {}
  for (const echoed of [3, 4, 7, 11, 12, 13, 32, 41, 42, 49, 70, 90]) {
    const value = request.fields.get(echoed)
    if (typeof value === 'string') fields[String(echoed)] = value
  }
  for (const [field, value] of Object.entries(extra)) fields[field] = value
  fields['39'] = code
  return { mti, fields }
}
