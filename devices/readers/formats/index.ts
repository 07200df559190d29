/**
 * The three report formats Centavo reads, behind one switch: parse a whole message,
 * make a reassembler for a report stream, and encode tracks as the device would send
 * them (for the emulated reader, fixtures and property tests).
 */
import type { FormatResult } from '../raw-swipe'
import { IdtechReassembler, KeyboardReassembler, MagtekReassembler, type Reassembler } from '../reassembly'
import { encodeIdtechFrame, idtechReports, parseIdtechFrame } from './idtech'
import { encodeKeyboardReports, parseKeyboardReports } from './keyboard'
import { encodeMagtekHidReport, parseMagtekHidReport } from './magtek-hid'

export type ReaderFormat = 'magtek_hid' | 'idtech' | 'keyboard'
export const reader_formats: readonly ReaderFormat[] = ['magtek_hid', 'idtech', 'keyboard']

/** Track texts with sentinels; 'error' marks a track the reader failed to decode. */
export interface TrackTexts {
  track1?: string | 'error'
  track2?: string | 'error'
  track3?: string | 'error'
}

export function parseFrame(format: ReaderFormat, frame: Uint8Array): FormatResult {
  switch (format) {
    case 'magtek_hid':
      return parseMagtekHidReport(frame)
    case 'idtech':
      return parseIdtechFrame(frame)
    case 'keyboard':
      return parseKeyboardReports(frame)
  }
}

export function makeReassembler(format: ReaderFormat): Reassembler {
  switch (format) {
    case 'magtek_hid':
      return new MagtekReassembler()
    case 'idtech':
      return new IdtechReassembler()
    case 'keyboard':
      return new KeyboardReassembler()
  }
}

/**
 * The reports a reader of this format sends (over hidraw) for one swipe. ID TECH frames
 * have no per-track error flag, so an 'error' track is simply left out; keyboard readers
 * type `%E?`, `;E?` or `+E?` for it.
 */
export function encodeReports(format: ReaderFormat, tracks: TrackTexts): Uint8Array[] {
  switch (format) {
    case 'magtek_hid':
      return [encodeMagtekHidReport(tracks)]
    case 'idtech':
      return idtechReports(
        encodeIdtechFrame({
          ...readTrack('track1', tracks.track1),
          ...readTrack('track2', tracks.track2),
          ...readTrack('track3', tracks.track3),
        }),
      )
    case 'keyboard': {
      const typed = [
        tracks.track1 === 'error' ? '%E?' : (tracks.track1 ?? ''),
        tracks.track2 === 'error' ? ';E?' : (tracks.track2 ?? ''),
        tracks.track3 === 'error' ? '+E?' : (tracks.track3 ?? ''),
      ]
      return encodeKeyboardReports(typed.join(''))
    }
  }
}

function readTrack<K extends string>(key: K, text: string | undefined): Partial<Record<K, string>> {
  if (text === undefined || text === 'error') return {}
  const entry: Partial<Record<K, string>> = {}
  entry[key] = text
  return entry
}
