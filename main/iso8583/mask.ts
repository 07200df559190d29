/**
 * The only view of a message fit for logs and screens. Card data never leaves here in
 * clear: the PAN keeps at most its first 6 and last 4 digits (the PCI DSS display limit),
 * track 2 keeps only that masked PAN, and the PIN block is not shown at all.
 */
import type { FieldValue, IsoMessage } from './codec'
import { field_specs } from './fields'

const pan_head_digits = 6
const pan_tail_digits = 4
/** Below this length, first 6 and last 4 would hide almost nothing, so only the last 4 show. */
const pan_length_for_head = 13
/** Below this length even the last 4 would give away too much of the number. */
const pan_length_for_tail = 8

/**
 * A PAN as "first 6, '******', last 4", the same form every Centavo screen uses; shorter
 * numbers show less. Unlike main/cards/crypto/pan.ts maskPan, it takes untrusted input
 * from the wire and never throws.
 */
export function maskPan(pan: string): string {
  if (pan.length >= pan_length_for_head) return `${pan.slice(0, pan_head_digits)}******${pan.slice(-pan_tail_digits)}`
  if (pan.length >= pan_length_for_tail) return `******${pan.slice(-pan_tail_digits)}`
  return '******'
}

/** Track 2 as the masked PAN (everything before the separator) and '=****': never expiry, service code or discretionary data. */
function maskTrack2(track2: string): string {
  const separator = track2.search(/[=D]/)
  return `${maskPan(separator === -1 ? track2 : track2.slice(0, separator))}=****`
}

/** An account id that is a card number, perhaps grouped with spaces or dashes. */
function looksLikePan(text: string): boolean {
  return /^[0-9]{12,19}$/.test(text.replace(/[ -]/g, ''))
}

function shown(field: number, value: FieldValue): string {
  // A bytes value in a text field is a caller's mistake; show it as hex, masked all the same.
  const text = typeof value === 'string' ? value : value.toString('hex').toUpperCase()
  switch (field) {
    case 2:
      return maskPan(text)
    case 35:
      return maskTrack2(text)
    case 52:
      return '[PIN block hidden]'
    case 102:
    case 103:
      return looksLikePan(text) ? maskPan(text.replace(/[ -]/g, '')) : text
    default:
      return text
  }
}

/** The message's fields in ascending order, with names, masked for display. */
export function maskedFields(message: IsoMessage): Array<{ field: number; name: string; value: string }> {
  return [...message.fields.entries()]
    .sort(([a], [b]) => a - b)
    .map(([field, value]) => {
      const spec = field_specs.get(field)
      // A field outside the table could hold anything (track 1, chip data), so it is not shown.
      if (spec === undefined) return { field, name: 'Not in our dialect', value: '[hidden: field not in our dialect]' }
      return { field, name: spec.name, value: shown(field, value) }
    })
}
