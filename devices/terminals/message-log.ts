/**
 * Every ISO 8583 message the terminal exchanged, field by field, for the side panel that
 * shows a tester what went over the wire. Values pass through maskedFields, so the PAN is
 * masked, track 2 keeps only the masked PAN, and the PIN block is not shown at all.
 */
import type { IsoMessage } from '../../main/iso8583/codec'
import { fieldString } from '../../main/iso8583/codec'
import { maskedFields } from '../../main/iso8583/mask'

export const message_log_max = 200

export interface LoggedMessage {
  seq: number
  at: string
  direction: 'sent' | 'received'
  mti: string
  stan: string | null
  response_code: string | null
  fields: Array<{ field: number; name: string; value: string }>
}

export class MessageLog {
  private readonly messages: LoggedMessage[] = []
  private seq = 0

  record(direction: LoggedMessage['direction'], message: IsoMessage, at: Date): LoggedMessage {
    const logged: LoggedMessage = {
      seq: ++this.seq,
      at: at.toISOString(),
      direction,
      mti: message.mti,
      stan: textField(message, 11),
      response_code: textField(message, 39),
      fields: maskedFields(message),
    }
    this.messages.push(logged)
    if (this.messages.length > message_log_max) this.messages.shift()
    return logged
  }

  /** The newest `count_max` messages, oldest first. */
  latest(count_max: number): LoggedMessage[] {
    return this.messages.slice(-count_max)
  }

  get size(): number {
    return this.messages.length
  }
}

/** A field the panel lists by itself; a wrong-typed value from a foreign host is shown as absent, not thrown. */
function textField(message: IsoMessage, field: number): string | null {
  const value = message.fields.get(field)
  return typeof value === 'string' ? (fieldString(message, field) ?? null) : null
}
