/**
 * Keyboard-emulation readers (MagTek 0801:0001 and the like) "type" the tracks as 8-byte
 * boot keyboard reports `[modifier, 0, key1..key6]`, each press followed by an all-zero
 * release, and end the swipe with Enter. A track the reader could not decode is typed
 * as `%E?`, `;E?` or `+E?` (MagTek's keyboard-mode convention).
 *
 * A character is typed when its usage appears in a report and was not in the previous
 * one, so both press/release pairs and keyboards that roll over (a new key before the
 * old one is released) decode the same.
 */
import { swipeFailure, type SwipeFailure } from '../swipe-error'
import { absentTrack, type FormatResult, type RawTrack } from '../raw-swipe'
import { characterKey, isShift, usageCharacter, usage_enter, usage_error_rollover } from './keyboard-usages'

export const keyboard_report_length = 8

export interface Keystroke {
  /** The character typed, or 'enter'. */
  character: string
  /** Which report (0-based) and which key slot (2..7) carried it. */
  report_index: number
  slot: number
}

/** Every keystroke in a run of reports, in order, up to and including the first Enter. */
export function decodeKeystrokes(bytes: Uint8Array): { ok: true; keystrokes: Keystroke[] } | SwipeFailure {
  if (bytes.length % keyboard_report_length !== 0) {
    return swipeFailure('bad_frame', `keyboard reports are ${keyboard_report_length} bytes; got ${bytes.length} bytes in all`)
  }
  const keystrokes: Keystroke[] = []
  let held = new Set<number>()
  for (let report_index = 0; report_index * keyboard_report_length < bytes.length; report_index += 1) {
    const report = bytes.subarray(report_index * keyboard_report_length, (report_index + 1) * keyboard_report_length)
    const shift = isShift(report[0] ?? 0)
    const down = new Set<number>()
    for (let slot = 2; slot < keyboard_report_length; slot += 1) {
      const usage = report[slot] ?? 0
      if (usage === 0) continue
      if (usage === usage_error_rollover) return swipeFailure('bad_frame', 'the keyboard reader reported a rollover error')
      down.add(usage)
      if (held.has(usage)) continue
      if (usage === usage_enter) {
        keystrokes.push({ character: 'enter', report_index, slot })
        return { ok: true, keystrokes }
      }
      const character = usageCharacter(usage, shift)
      if (character === null) return swipeFailure('bad_frame', `the keyboard reader sent key usage 0x${usage.toString(16)}, which no track uses`)
      keystrokes.push({ character, report_index, slot })
    }
    held = down
  }
  return { ok: true, keystrokes }
}

export function parseKeyboardReports(bytes: Uint8Array): FormatResult {
  const decoded = decodeKeystrokes(bytes)
  if (!decoded.ok) return decoded
  let text = ''
  for (const keystroke of decoded.keystrokes) {
    if (keystroke.character === 'enter') break
    text += keystroke.character
  }
  return splitTrackText(text)
}

/** Splits typed text into tracks: each runs from its start sentinel to the next `?`. */
export function splitTrackText(text: string): FormatResult {
  let track1: RawTrack = absentTrack
  let track2: RawTrack = absentTrack
  let track3: RawTrack = absentTrack
  let rest = text
  // Each pass consumes at least one character, so the loop ends within text.length passes.
  while (rest.length > 0) {
    const end = rest.indexOf('?')
    const segment = end === -1 ? rest : rest.slice(0, end + 1)
    rest = end === -1 ? '' : rest.slice(end + 1)
    const track: RawTrack = /^[%;+]E\?$/.test(segment) ? { status: 'error' } : { status: 'read', text: segment }
    const start = segment[0]
    if (start === '%' && track1 === absentTrack) track1 = track
    else if (start === ';' && track2 === absentTrack) track2 = track
    else if ((start === ';' || start === '+') && track3 === absentTrack) track3 = track
    else return swipeFailure('bad_sentinel', 'the keyboard reader typed text that does not start with a track sentinel')
  }
  return { ok: true, raw: { track1, track2, track3 } }
}

/** The reports a keyboard reader sends to type `text` and press Enter: press, release, press, release... */
export function encodeKeyboardReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = []
  const press = (usage: number, shift: boolean): void => {
    const report = new Uint8Array(keyboard_report_length)
    report[0] = shift ? 0x02 : 0x00
    report[2] = usage
    reports.push(report, new Uint8Array(keyboard_report_length))
  }
  for (const character of text) {
    const key = characterKey(character)
    if (!key) throw new Error(`encodeKeyboardReports: a reader cannot type character ${JSON.stringify(character)}`)
    press(key.usage, key.shift)
  }
  press(usage_enter, false)
  return reports
}
