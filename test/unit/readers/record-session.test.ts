/** A technician's recording session, run against a replayed reader: bounded, masked on screen and on disk. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordSession } from '../../../devices/readers/record-session'
import { readTranscript } from '../../../devices/readers/transcript'
import { TranscriptReplay } from '../../../devices/readers/transcript-replay'
import { fixture } from './support'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('recordSession', () => {
  it('stops after the asked number of swipes and writes a masked transcript, printing only masked numbers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-record-'))
    dirs.push(dir)
    const replay = new TranscriptReplay(await fixture('magtek-hid-swipe.json'), { timing: 'immediate' })
    const [device] = await replay.hid.devicesAsync()
    const printed: string[] = []
    const out_path = path.join(dir, 'out.json')
    const result = await recordSession({
      hid: replay.hid,
      reader_id: `hid:0801:0002:sn=${device?.serialNumber ?? ''}:if=0:up=ff00`,
      out_path,
      swipes: 2,
      duration_ms: 60_000,
      print: (line) => printed.push(line),
    })
    expect(result).toEqual({ swipes: 2, swipe_errors: 0, ended_by: 'swipes', events: 2 })
    expect(printed.slice(0, 2)).toEqual(['swipe 1: card •••• 1111, expiry 2812', 'swipe 2: card •••• 4444, expiry 2707'])
    expect(printed.join('\n')).not.toMatch(/4111111111111111|5555555555554444/)
    expect((await readTranscript(out_path)).card_data).toBe('masked')
    expect(readFileSync(out_path, 'utf8')).not.toContain(Buffer.from('4111111111111111').toString('hex'))
    replay.assertDone()
  })

  it('ends when the reader is unplugged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-record-'))
    dirs.push(dir)
    const replay = new TranscriptReplay(await fixture('magtek-hid-unplug-mid-swipe.json'), { timing: 'immediate' })
    const result = await recordSession({
      hid: replay.hid,
      reader_id: 'hid:0801:0002:sn=B1234567:if=0:up=ff00',
      out_path: path.join(dir, 'out.json'),
      swipes: 5,
      duration_ms: 60_000,
      print: () => {},
    })
    expect(result).toMatchObject({ swipes: 0, swipe_errors: 0, ended_by: 'unplug', events: 4 })
  })
})
