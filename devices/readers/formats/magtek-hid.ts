/**
 * The MagTek USB HID swipe reader's input report (MagTek TRM 99875191, 0801:0002): one
 * 337-byte report per swipe, no report id, sent even when the card could not be read.
 *
 *   0,1,2     decode status of tracks 1,2,3 (bit 0 set = error; its length is then 0)
 *   3,4,5     length of tracks 1,2,3 (0..110)
 *   6         card encode type
 *   7..116    track 1, ASCII with sentinels, no LRC
 *   117..226  track 2
 *   227..336  track 3
 *
 * Bytes past a track's length are undefined. Encrypting MagneSafe readers (0801:0011)
 * use another layout and must never be parsed with this one (known-readers.ts refuses them).
 */
import { swipeFailure } from '../swipe-error'
import { latin1, latin1Bytes, type FormatResult, type RawTrack } from '../raw-swipe'

export const magtek_report_length = 337
export const magtek_track_length_max = 110
const track_offsets = [7, 117, 227] as const

export const magtek_encode_type = {
  iso_aba: 0,
  aamva: 1,
  cadl: 2,
  blank: 3,
  other: 4,
  undetermined: 5,
  none: 6,
  jis_ii: 7,
} as const

/** Driving licences (AAMVA, CADL) and JIS cards are not ISO 7813 bank cards. */
const not_bank_card_types: ReadonlySet<number> = new Set([magtek_encode_type.aamva, magtek_encode_type.cadl, magtek_encode_type.jis_ii])

export function parseMagtekHidReport(report: Uint8Array): FormatResult {
  if (report.length !== magtek_report_length) {
    return swipeFailure('bad_frame', `MagTek report has ${report.length} bytes, expected ${magtek_report_length}`)
  }
  const track = (index: 0 | 1 | 2): RawTrack | null => {
    const status = report[index] ?? 0
    const length = report[3 + index] ?? 0
    const offset = track_offsets[index]
    // The manual promises length 0 with an error; whatever follows is not trusted.
    if ((status & 0x01) !== 0) return { status: 'error' }
    if (length > magtek_track_length_max) return null
    if (length === 0) return { status: 'absent' }
    return { status: 'read', text: latin1(report.subarray(offset, offset + length)) }
  }
  const track1 = track(0)
  const track2 = track(1)
  const track3 = track(2)
  if (!track1 || !track2 || !track3) {
    return swipeFailure('bad_frame', `MagTek track lengths ${report[3]}, ${report[4]}, ${report[5]}: one is above ${magtek_track_length_max}`)
  }
  const encode_type = report[6] ?? 0
  if (not_bank_card_types.has(encode_type) && (track1.status === 'read' || track2.status === 'read')) {
    return swipeFailure('not_a_bank_card', `MagTek encode type ${encode_type} is not ISO/ABA`)
  }
  // Unknown encode types fall through to the track parser: it judges the tracks themselves,
  // which is safer than refusing a firmware that numbers its types differently.
  return { ok: true, raw: { track1, track2, track3 } }
}

export interface MagtekTrackInput {
  /** Track text with sentinels, or 'error' for a track the reader failed to decode. */
  track1?: string | 'error'
  track2?: string | 'error'
  track3?: string | 'error'
  encode_type?: number
}

/** The report a MagTek HID reader sends for these tracks; undefined bytes are zero. */
export function encodeMagtekHidReport(input: MagtekTrackInput): Uint8Array {
  const report = new Uint8Array(magtek_report_length)
  const texts = [input.track1, input.track2, input.track3]
  for (const index of [0, 1, 2] as const) {
    const text = texts[index]
    const offset = track_offsets[index]
    if (text === 'error') {
      report[index] = 0x01
    } else if (text !== undefined) {
      if (text.length > magtek_track_length_max) throw new Error(`encodeMagtekHidReport: track ${index + 1} is ${text.length} characters`)
      report[3 + index] = text.length
      report.set(latin1Bytes(text), offset)
    }
  }
  const any_read = texts.some((text) => text !== undefined && text !== 'error')
  report[6] = input.encode_type ?? (any_read ? magtek_encode_type.iso_aba : magtek_encode_type.none)
  return report
}

/** Where each track field starts, for code that rewrites tracks in place (transcript masking). */
export function magtekTrackField(index: 0 | 1 | 2): { offset: number; length_max: number } {
  return { offset: track_offsets[index], length_max: magtek_track_length_max }
}
