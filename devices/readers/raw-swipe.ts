/**
 * The middle of every reader's pipeline: what a format parser found in a report (the
 * raw text of each track and whether the reader could read it), and the step that turns
 * that into ISO 7813 tracks. Every format ends here, so every reader reports bad swipes
 * the same way.
 */
import { swipeFailure, type SwipeFailure } from './swipe-error'
import { parseTracks, type TracksResult } from './tracks'

export type RawTrack =
  /** The reader decoded this track; `text` is what it sent, sentinels included. */
  | { status: 'read'; text: string }
  /** The reader tried and failed to decode this track. */
  | { status: 'error' }
  /** The reader sent nothing for this track (blank, or not on this card). */
  | { status: 'absent' }

export interface RawSwipe {
  track1: RawTrack
  track2: RawTrack
  track3: RawTrack
}

export type FormatResult = { ok: true; raw: RawSwipe } | SwipeFailure

export const absentTrack: RawTrack = { status: 'absent' }

/**
 * Tracks the reader could not read are left out; the others must all parse. Track 3 is
 * not part of ISO 7813 bank cards and is ignored.
 */
export function decodeRawSwipe(raw: RawSwipe): TracksResult {
  const track1 = raw.track1.status === 'read' ? raw.track1.text : undefined
  const track2 = raw.track2.status === 'read' ? raw.track2.text : undefined
  if (track1 === undefined && track2 === undefined) {
    const tried = raw.track1.status === 'error' || raw.track2.status === 'error'
    return swipeFailure('unreadable', tried ? 'the reader reported a decode error on tracks 1 and 2' : 'the reader sent no track 1 or 2')
  }
  return parseTracks({ ...(track1 !== undefined ? { track1 } : {}), ...(track2 !== undefined ? { track2 } : {}) })
}

/** Bytes as the reader sent them, one character per byte. */
export function latin1(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return text
}

/** The inverse of latin1; a programmer error if the text has a character above 0xFF. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code > 0xff) throw new Error(`latin1Bytes: character ${code} does not fit in a byte`)
    bytes[index] = code
  }
  return bytes
}

export function rawTrack(text: string | undefined): RawTrack {
  return text === undefined ? absentTrack : { status: 'read', text }
}
