/**
 * Card data is masked in a recording before anything is written. The choice, and why:
 *
 * - Every card number becomes `substitutePan` of it: same length, `9` and zeros, the real
 *   last four digits, and a check digit that is valid exactly when the real one was. So a
 *   recorded good swipe still replays as a good swipe, a bad check digit stays bad, and a
 *   technician can still tell which test card it was. Nothing else of the number survives.
 * - Discretionary data (where CVV, PVV and the like live) becomes zeros; the name becomes
 *   `X`s around its `/`. Expiry and service code are kept: they are not secret, and a
 *   recording of a bad expiry must stay one.
 * - Masking keeps every length, so report layouts stay intact; ID TECH's LRC and sum are
 *   recomputed, keeping whatever mismatch the original had.
 * - Anything that does not parse as a track but has 12 or more digits (spaces allowed
 *   between them) has all those digits zeroed. Bytes that are not part of any whole
 *   message (a swipe cut off by an unplug: `maskIncomplete`) lose every digit and letter.
 *
 * Masking a masked recording changes nothing.
 */
import { luhnValid } from '../cards/luhn'
import { substitutePan } from '../cards/pan-mask'
import type { ReaderFormat } from './formats'
import { idtechChecks, idtech_etx, idtech_overhead, idtech_stx } from './formats/idtech'
import { keyboard_report_length } from './formats/keyboard'
import { characterKey, isShift, usageCharacter, usage_enter } from './formats/keyboard-usages'
import { magtekTrackField, magtek_report_length } from './formats/magtek-hid'
import { latin1, latin1Bytes } from './raw-swipe'

/** A masked copy of a run of reports as the device sent them; same length. */
export function maskStream(format: ReaderFormat, stream: Uint8Array): Uint8Array {
  switch (format) {
    case 'magtek_hid':
      return maskMagtekStream(stream)
    case 'idtech':
      return maskIdtechStream(stream)
    case 'keyboard':
      return maskKeyboardStream(stream)
  }
}

/**
 * A masked copy of reports that never became a whole message (a swipe cut off by an
 * unplug): there is no track to keep decodable, so every digit and letter goes.
 */
export function maskIncomplete(format: ReaderFormat, stream: Uint8Array): Uint8Array {
  if (format === 'keyboard') return maskKeyboardLoose(new Uint8Array(stream))
  return latin1Bytes(maskLooseText(latin1(stream)))
}

/** Masks the card data in track text (one track or several run together); same length. */
export function maskTrackText(text: string): string {
  const out = text.split('')
  const covered = new Array<boolean>(text.length).fill(false)
  const track1 = /%B(\d{1,19})\^([^%^?\n]*)\^([^%?\n]*)\?/g
  for (const match of text.matchAll(track1)) {
    const [whole, pan = '', name = '', rest = ''] = match
    let at = match.index + 2
    write(out, at, maskPan(pan))
    at += pan.length + 1
    write(out, at, name.replace(/[A-Z]/g, 'X').replace(/\d/g, '0'))
    at += name.length + 1
    write(out, at, maskAfterExpiry(rest))
    covered.fill(true, match.index, match.index + whole.length)
  }
  const track2 = /;(\d{1,19})=([^;%?\n]*)\?/g
  for (const match of text.matchAll(track2)) {
    const [whole, pan = '', rest = ''] = match
    if (covered[match.index]) continue
    write(out, match.index + 1, maskPan(pan))
    write(out, match.index + 2 + pan.length, maskAfterExpiry(rest))
    covered.fill(true, match.index, match.index + whole.length)
  }
  // Whatever no track pattern explained: any long digit run may still be a card number.
  const probe = text
    .split('')
    .map((character, index) => (covered[index] ? '#' : character))
    .join('')
  for (const match of probe.matchAll(/\d(?: ?\d){11,}/g)) {
    write(out, match.index, match[0].replace(/\d/g, '0'))
  }
  return out.join('')
}

/** Digits and letters replaced, for bytes that belong to no whole message. */
export function maskLooseText(text: string): string {
  return text.replace(/\d/g, '0').replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x')
}

function maskPan(pan: string): string {
  if (pan.length < 12 || pan.length > 19) return '0'.repeat(pan.length)
  const substitute = substitutePan(pan)
  if (luhnValid(pan)) return substitute
  // Keep a bad check digit bad: move the adjusting digit (fifth from the right) by one.
  const at = substitute.length - 5
  const bumped = String((Number(substitute[at]) + 1) % 10)
  return `${substitute.slice(0, at)}${bumped}${substitute.slice(at + 1)}`
}

/** Keeps YYMM and the service code; zeros the discretionary data behind them. */
function maskAfterExpiry(rest: string): string {
  const kept = /^\d{7}/.test(rest) ? 7 : 0
  return rest.slice(0, kept) + maskLooseText(rest.slice(kept))
}

function write(out: string[], at: number, text: string): void {
  for (let index = 0; index < text.length; index += 1) out[at + index] = text[index] ?? ''
}

function maskMagtekStream(stream: Uint8Array): Uint8Array {
  const out = new Uint8Array(stream)
  let offset = 0
  for (; offset + magtek_report_length <= out.length; offset += magtek_report_length) {
    maskMagtekReport(out.subarray(offset, offset + magtek_report_length))
  }
  out.set(latin1Bytes(maskLooseText(latin1(out.subarray(offset)))), offset)
  return out
}

/** In place. */
function maskMagtekReport(report: Uint8Array): void {
  for (const index of [0, 1, 2] as const) {
    const { offset, length_max } = magtekTrackField(index)
    const field = report.subarray(offset, offset + length_max)
    const failed = ((report[index] ?? 0) & 0x01) !== 0
    const length = report[3 + index] ?? 0
    if (failed || length > length_max) {
      field.set(latin1Bytes(maskLooseText(latin1(field))))
      continue
    }
    field.set(latin1Bytes(maskTrackText(latin1(field.subarray(0, length)))))
    // Bytes past the length are "undefined": they may hold an earlier swipe, so they go.
    field.fill(0, length)
  }
}

function maskIdtechStream(stream: Uint8Array): Uint8Array {
  const out = new Uint8Array(stream)
  let index = 0
  while (index < out.length) {
    const frame_length = idtechFrameAt(out, index)
    if (frame_length === null) {
      out[index] = latin1Bytes(maskLooseText(String.fromCharCode(out[index] ?? 0)))[0] ?? 0
      index += 1
      continue
    }
    maskIdtechFrame(out.subarray(index, index + frame_length))
    index += frame_length
  }
  return out
}

/** The length of a structurally whole frame starting at `index`, or null. */
function idtechFrameAt(bytes: Uint8Array, index: number): number | null {
  if (bytes[index] !== idtech_stx || index + 3 > bytes.length) return null
  const data_length = (bytes[index + 1] ?? 0) | ((bytes[index + 2] ?? 0) << 8)
  const frame_length = data_length + idtech_overhead
  if (data_length < 5 || index + frame_length > bytes.length || bytes[index + frame_length - 1] !== idtech_etx) return null
  return frame_length
}

/** In place: masks the tracks and recomputes LRC and sum, keeping any mismatch they had. */
function maskIdtechFrame(frame: Uint8Array): void {
  const data_length = frame.length - idtech_overhead
  const data = frame.subarray(3, 3 + data_length)
  const before = idtechChecks(data)
  const lrc_error = (frame[3 + data_length] ?? 0) ^ before.lrc
  const sum_error = ((frame[4 + data_length] ?? 0) - before.sum) & 0xff
  const tracks = data.subarray(5)
  tracks.set(latin1Bytes(maskTrackText(latin1(tracks))))
  const after = idtechChecks(data)
  frame[3 + data_length] = after.lrc ^ lrc_error
  frame[4 + data_length] = (after.sum + sum_error) & 0xff
}

function maskKeyboardStream(stream: Uint8Array): Uint8Array {
  const out = new Uint8Array(stream)
  const report_count = Math.floor(out.length / keyboard_report_length)
  const typed: Array<{ character: string; report_index: number; slot: number }> = []
  let held = new Set<number>()
  let understood = out.length % keyboard_report_length === 0
  for (let report_index = 0; understood && report_index < report_count; report_index += 1) {
    const base = report_index * keyboard_report_length
    const shift = isShift(out[base] ?? 0)
    const down = new Set<number>()
    for (let slot = 2; slot < keyboard_report_length; slot += 1) {
      const usage = out[base + slot] ?? 0
      if (usage === 0) continue
      down.add(usage)
      if (held.has(usage)) continue
      const character = usage === usage_enter ? '\n' : usageCharacter(usage, shift)
      if (character === null) understood = false
      else typed.push({ character, report_index, slot })
    }
    held = down
  }
  if (!understood) return maskKeyboardLoose(out)
  const text = typed.map((keystroke) => keystroke.character).join('')
  const masked = maskTrackText(text)
  typed.forEach((keystroke, index) => {
    const character = masked[index] ?? keystroke.character
    if (character === keystroke.character) return
    const key = characterKey(character)
    if (!key) return
    const at = keystroke.report_index * keyboard_report_length + keystroke.slot
    const original = out[at] ?? 0
    // Masking turns digits into digits and letters into X, so Shift never needs to change.
    out[at] = key.usage
    // A key still held in the following reports must read as the same key, or it would
    // decode as a new key press carrying the original character.
    for (let next = at + keyboard_report_length; next < out.length && out[next] === original; next += keyboard_report_length) {
      out[next] = key.usage
    }
  })
  return out
}

/** Every digit key (unshifted) becomes 0 and every letter key X: for reports that do not decode. */
function maskKeyboardLoose(bytes: Uint8Array): Uint8Array {
  const digit_0 = characterKey('0')?.usage ?? 0x27
  const letter_x = characterKey('X')?.usage ?? 0x1b
  for (let base = 0; base + keyboard_report_length <= bytes.length; base += keyboard_report_length) {
    const shift = isShift(bytes[base] ?? 0)
    for (let slot = 2; slot < keyboard_report_length; slot += 1) {
      const usage = bytes[base + slot] ?? 0
      if (usage >= 0x04 && usage <= 0x1d) bytes[base + slot] = letter_x
      else if (!shift && usage >= 0x1e && usage <= 0x27) bytes[base + slot] = digit_0
    }
  }
  // A trailing piece shorter than a report is not a keystroke; it is cleared.
  bytes.fill(0, bytes.length - (bytes.length % keyboard_report_length))
  return bytes
}
