/**
 * ID TECH framed output (SecureMag / MiniMag manuals), clear-text formats only:
 *
 *   02 LenL LenH <card data> LRC SUM 03
 *
 * LRC is the XOR and SUM the 8-bit sum of the card data. Card data is: encode type
 * (00 ISO, 01 AAMVA, 03 other, 04 raw; 0x8_ encrypted), track-present bits (bit 0/1/2 =
 * track 1/2/3), the three track lengths, then the tracks. Over HID a frame spans
 * fixed-size vendor reports; reassembly.ts joins them by the length bytes.
 */
import { swipeFailure } from '../swipe-error'
import { latin1, latin1Bytes, type FormatResult, type RawTrack } from '../raw-swipe'

export const idtech_stx = 0x02
export const idtech_etx = 0x03
/** Header (STX + two length bytes) and trailer (LRC, SUM, ETX) around the card data. */
export const idtech_overhead = 6
const card_header_length = 5
/** Three one-byte track lengths bound the card data, and so every frame. */
export const idtech_card_data_max = card_header_length + 3 * 255
/** The vendor report size over HID. The reference does not give it; 64 is full-speed USB's packet size. */
export const idtech_report_length = 64

export const idtech_encode_type = { iso: 0x00, aamva: 0x01, other: 0x03, raw: 0x04 } as const

export function parseIdtechFrame(frame: Uint8Array): FormatResult {
  if (frame.length < idtech_overhead) return swipeFailure('bad_frame', `ID TECH frame has ${frame.length} bytes, fewer than ${idtech_overhead}`)
  if (frame[0] !== idtech_stx) return swipeFailure('bad_frame', 'ID TECH frame does not start with STX')
  const data_length = (frame[1] ?? 0) | ((frame[2] ?? 0) << 8)
  if (frame.length !== data_length + idtech_overhead) {
    return swipeFailure('bad_frame', `ID TECH frame has ${frame.length} bytes but its length field says ${data_length + idtech_overhead}`)
  }
  if (frame[frame.length - 1] !== idtech_etx) return swipeFailure('bad_frame', 'ID TECH frame does not end with ETX')
  const data = frame.subarray(3, 3 + data_length)
  const check = idtechChecks(data)
  if (frame[3 + data_length] !== check.lrc) return swipeFailure('bad_checksum', 'ID TECH LRC does not match the card data')
  if (frame[4 + data_length] !== check.sum) return swipeFailure('bad_checksum', 'ID TECH checksum does not match the card data')
  if (data_length < card_header_length) return swipeFailure('bad_frame', `ID TECH card data has ${data_length} bytes, fewer than its header`)

  const encode_type = data[0] ?? 0
  if ((encode_type & 0x80) !== 0) return swipeFailure('encrypted', `ID TECH encode type 0x${encode_type.toString(16)} is encrypted`)
  if (encode_type === idtech_encode_type.aamva) return swipeFailure('not_a_bank_card', 'ID TECH encode type is AAMVA')
  if (encode_type === idtech_encode_type.raw) return swipeFailure('bad_frame', 'ID TECH reader is in raw-data mode, which sends undecoded bits')
  const present = data[1] ?? 0
  const lengths = [data[2] ?? 0, data[3] ?? 0, data[4] ?? 0] as const
  const total = card_header_length + lengths[0] + lengths[1] + lengths[2]
  if (total !== data_length) return swipeFailure('bad_frame', `ID TECH track lengths add up to ${total} bytes of card data, the frame has ${data_length}`)

  const track = (index: 0 | 1 | 2): RawTrack => {
    const offset = card_header_length + lengths.slice(0, index).reduce((sum, length) => sum + length, 0)
    const length = lengths[index]
    // A clear bit cannot tell "not on the card" from "could not read": both are absent.
    const is_present = ((present >> index) & 1) === 1
    return is_present && length > 0 ? { status: 'read', text: latin1(data.subarray(offset, offset + length)) } : { status: 'absent' }
  }
  const track1 = track(0)
  const track2 = track(1)
  const track3 = track(2)
  return { ok: true, raw: { track1, track2, track3 } }
}

export function idtechChecks(data: Uint8Array): { lrc: number; sum: number } {
  let lrc = 0
  let sum = 0
  for (const byte of data) {
    lrc ^= byte
    sum = (sum + byte) & 0xff
  }
  return { lrc, sum }
}

export interface IdtechTrackInput {
  track1?: string
  track2?: string
  track3?: string
  encode_type?: number
}

/** The frame an ID TECH reader sends for these tracks. */
export function encodeIdtechFrame(input: IdtechTrackInput): Uint8Array {
  const texts = [input.track1, input.track2, input.track3]
  const tracks = texts.map((text) => latin1Bytes(text ?? ''))
  for (const [index, track] of tracks.entries()) {
    if (track.length > 255) throw new Error(`encodeIdtechFrame: track ${index + 1} is ${track.length} bytes`)
  }
  let present = 0
  texts.forEach((text, index) => {
    if (text !== undefined && text.length > 0) present |= 1 << index
  })
  const data_length = card_header_length + tracks.reduce((sum, track) => sum + track.length, 0)
  const data = new Uint8Array(data_length)
  data[0] = input.encode_type ?? idtech_encode_type.iso
  data[1] = present
  tracks.forEach((track, index) => {
    data[2 + index] = track.length
  })
  let offset = card_header_length
  for (const track of tracks) {
    data.set(track, offset)
    offset += track.length
  }
  const check = idtechChecks(data)
  const frame = new Uint8Array(data_length + idtech_overhead)
  frame[0] = idtech_stx
  frame[1] = data_length & 0xff
  frame[2] = data_length >> 8
  frame.set(data, 3)
  frame[3 + data_length] = check.lrc
  frame[4 + data_length] = check.sum
  frame[5 + data_length] = idtech_etx
  return frame
}

/** A frame cut into fixed-size HID reports, the last one padded with zeros. */
export function idtechReports(frame: Uint8Array, report_length = idtech_report_length): Uint8Array[] {
  const reports: Uint8Array[] = []
  for (let offset = 0; offset < frame.length; offset += report_length) {
    const report = new Uint8Array(report_length)
    report.set(frame.subarray(offset, offset + report_length))
    reports.push(report)
  }
  return reports
}
