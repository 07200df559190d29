/**
 * The fixtures are built by test/fixtures/readers/build.ts straight from the reference's
 * byte layouts, without the encoders. So: the files on disk must be what the script
 * builds (no hand edits drift in), and the encoders must produce the very same bytes,
 * which checks the encoders against an independent reading of the reference.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeReports } from '../../../devices/readers/formats'
import { concat } from '../../../devices/readers/reassembly'
import { parseTranscript, serializeTranscript, type Transcript } from '../../../devices/readers/transcript'
import { buildFixtures, cards } from '../../fixtures/readers/build'
import { fixtures_dir } from './support'

const built = buildFixtures()

function reportBytes(transcript: Transcript): Uint8Array {
  return concat(transcript.events.flatMap((event) => (event.direction === 'in' ? [Buffer.from(event.hex, 'hex')] : [])))
}

function fixtureOnDisk(name: string): Transcript {
  return parseTranscript(JSON.parse(readFileSync(path.join(fixtures_dir, name), 'utf8')))
}

describe('reader fixtures', () => {
  it.each(Object.keys(built))('%s on disk is exactly what build.ts builds, and is a valid transcript', (name) => {
    const expected = built[name]
    if (!expected) throw new Error(name)
    expect(readFileSync(path.join(fixtures_dir, name), 'utf8')).toBe(serializeTranscript(expected))
    expect(fixtureOnDisk(name)).toEqual(expected)
  })

  it.each<[string, Uint8Array[]]>([
    ['magtek-hid-swipe.json', [...encodeReports('magtek_hid', cards.visa), ...encodeReports('magtek_hid', cards.mastercard)]],
    ['magtek-hid-libusb-chunks.json', encodeReports('magtek_hid', cards.amex)],
    ['magtek-hid-unreadable.json', [(() => {
      const [report] = encodeReports('magtek_hid', { track1: 'error', track2: 'error' })
      if (!report) throw new Error('no report')
      report[6] = 5
      return report
    })()]],
    ['idtech-swipe.json', encodeReports('idtech', cards.visa)],
    ['keyboard-swipe.json', encodeReports('keyboard', cards.visa)],
    ['keyboard-unreadable.json', encodeReports('keyboard', { track1: 'error', track2: 'error' })],
  ])('the encoders produce the same bytes as %s', (name, encoded) => {
    expect(Buffer.from(concat(encoded)).toString('hex')).toBe(Buffer.from(reportBytes(fixtureOnDisk(name))).toString('hex'))
  })
})
