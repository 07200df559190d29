import { describe, expect, it } from 'vitest'
import { encodeReports } from '../../../devices/readers/formats'
import { encodeIdtechFrame, idtechReports } from '../../../devices/readers/formats/idtech'
import { encodeKeyboardReports } from '../../../devices/readers/formats/keyboard'
import { encodeMagtekHidReport } from '../../../devices/readers/formats/magtek-hid'
import { IdtechReassembler, KeyboardReassembler, MagtekReassembler, keyboard_frame_reports_max } from '../../../devices/readers/reassembly'
import { visa } from './arbitraries'

const tracks = { track1: visa.track1, track2: visa.track2 }
const kinds = (outputs: Array<{ kind: string; failure?: { reason: string } }>): string[] => outputs.map((output) => output.failure?.reason ?? output.kind)

describe('reassembly', () => {
  it('MagTek: joins libusb chunks into one 337-byte report and drops bytes past it', () => {
    const report = encodeMagtekHidReport(tracks)
    const reassembler = new MagtekReassembler()
    expect(reassembler.push(report.subarray(0, 64))).toEqual([])
    expect(reassembler.pending()).toBe(true)
    const padded = new Uint8Array(337 - 64 + 10)
    padded.set(report.subarray(64))
    expect(reassembler.push(padded)).toEqual([{ kind: 'frame', bytes: report }])
    expect(reassembler.pending()).toBe(false)
  })

  it('MagTek: a report longer than 337 bytes is a bad frame; a swipe left half-sent expires as incomplete', () => {
    const reassembler = new MagtekReassembler()
    expect(kinds(reassembler.push(new Uint8Array(338)))).toEqual(['bad_frame'])
    reassembler.push(new Uint8Array(100))
    expect(kinds(reassembler.expire())).toEqual(['incomplete'])
    expect(reassembler.expire()).toEqual([])
  })

  it('ID TECH: joins reports by the length bytes, skipping padding before STX and after the frame', () => {
    const frame = encodeIdtechFrame(tracks)
    const reassembler = new IdtechReassembler()
    expect(reassembler.push(new Uint8Array(64))).toEqual([])
    expect(reassembler.pending()).toBe(false)
    const outputs = idtechReports(frame, 16).flatMap((report) => reassembler.push(report))
    expect(outputs).toEqual([{ kind: 'frame', bytes: frame }])
    expect(reassembler.pending()).toBe(false)
  })

  it('ID TECH: a length above any possible frame is a bad frame, reported once for the whole broken swipe', () => {
    const reassembler = new IdtechReassembler()
    expect(kinds(reassembler.push(Uint8Array.from([0x02, 0xff, 0xff, 0x02, 0x02])))).toEqual(['bad_frame'])
    expect(reassembler.push(Uint8Array.from([0x02, 0x05, 0x00]))).toEqual([])
    expect(reassembler.pending()).toBe(true)
    expect(reassembler.expire()).toEqual([])
    expect(reassembler.pending()).toBe(false)
  })

  it('keyboard: a swipe ends at Enter; release reports and an Enter still held start nothing', () => {
    const reassembler = new KeyboardReassembler()
    const reports = encodeKeyboardReports(visa.track2)
    const outputs = reports.flatMap((report) => reassembler.push(report))
    expect(outputs.map((output) => output.kind)).toEqual(['frame'])
    expect(reassembler.pending()).toBe(false)
    const held_enter = Uint8Array.from([0, 0, 0x28, 0, 0, 0, 0, 0])
    expect(reassembler.push(held_enter)).toEqual([{ kind: 'frame', bytes: held_enter }])
    expect(reassembler.push(held_enter)).toEqual([])
    expect(reassembler.pending()).toBe(false)
  })

  it('keyboard: a report of the wrong size is one bad frame, the rest of that swipe discarded until it expires', () => {
    const reassembler = new KeyboardReassembler()
    expect(kinds(reassembler.push(new Uint8Array(9)))).toEqual(['bad_frame'])
    expect(encodeKeyboardReports(visa.track2).flatMap((report) => reassembler.push(report))).toEqual([])
    expect(reassembler.expire()).toEqual([])
    expect(encodeReports('keyboard', tracks).flatMap((report) => reassembler.push(report)).map((output) => output.kind)).toEqual(['frame'])
  })

  it(`keyboard: typing past ${keyboard_frame_reports_max} reports without Enter is a bad frame`, () => {
    const reassembler = new KeyboardReassembler()
    const key = Uint8Array.from([0, 0, 0x1e, 0, 0, 0, 0, 0])
    const outputs = Array.from({ length: keyboard_frame_reports_max }, () => reassembler.push(key)).flat()
    expect(kinds(outputs)).toEqual(['bad_frame'])
  })
})
