/** One whole message from a reader, through its format parser and ISO 7813, to a swipe or a bad swipe. */
import { parseFrame, type ReaderFormat } from './formats'
import { decodeRawSwipe } from './raw-swipe'
import type { Swipe, SwipeError } from './reader'

export function decodeFrame(reader_id: string, format: ReaderFormat, frame: Uint8Array): { ok: true; swipe: Swipe } | { ok: false; error: SwipeError } {
  const parsed = parseFrame(format, frame)
  const tracks = parsed.ok ? decodeRawSwipe(parsed.raw) : parsed
  if (!tracks.ok) return { ok: false, error: { reader_id, reason: tracks.reason, message: tracks.message, detail: tracks.detail } }
  // Track 2 is what terminals send on and what every card has; track 1 adds the name.
  const primary = tracks.track2 ?? tracks.track1
  if (!primary) throw new Error('decodeFrame: parseTracks returned ok without a track')
  return {
    ok: true,
    swipe: {
      reader_id,
      format,
      pan: primary.pan,
      expiry_yymm: primary.expiry_yymm,
      service_code: primary.service_code,
      name: tracks.track1?.name ?? null,
      ...(tracks.track1 ? { track1: tracks.track1 } : {}),
      ...(tracks.track2 ? { track2: tracks.track2 } : {}),
    },
  }
}
