/**
 * From a stream of HID reports to whole swipe messages, one reassembler per format.
 * With node-hid's hidraw backend a MagTek swipe is one report, but its libusb backend
 * delivers packet-sized chunks; ID TECH frames always span fixed-size reports; keyboard
 * readers send one report per key press and release. A reassembler holds the pieces
 * until a message is whole. The reader calls `expire` when no report has come for a
 * while, so a swipe cut short ends as an error instead of lingering.
 *
 * After a framing error a reassembler discards reports until `expire`: the rest of a
 * broken swipe would only produce more errors for the same swipe.
 */
import { swipeFailure, type SwipeFailure } from './swipe-error'
import { magtek_report_length } from './formats/magtek-hid'
import { idtech_card_data_max, idtech_overhead, idtech_stx } from './formats/idtech'
import { keyboard_report_length } from './formats/keyboard'
import { usage_enter } from './formats/keyboard-usages'

export type ReassemblyOutput = { kind: 'frame'; bytes: Uint8Array } | { kind: 'failure'; failure: SwipeFailure }

export interface Reassembler {
  push(report: Uint8Array): ReassemblyOutput[]
  /** True while part of a message (or a discarded broken one) is held. */
  pending(): boolean
  /** Gives up on whatever is held; says so unless the swipe was already reported broken. */
  expire(): ReassemblyOutput[]
}

/** Keyboard swipes are two reports per character; 1,024 reports is four full stripes. */
export const keyboard_frame_reports_max = 1_024

const incomplete = (): ReassemblyOutput => ({ kind: 'failure', failure: swipeFailure('incomplete', 'no report came for the rest of the swipe') })

export class MagtekReassembler implements Reassembler {
  private held: Uint8Array[] = []
  private held_length = 0

  push(report: Uint8Array): ReassemblyOutput[] {
    if (report.length > magtek_report_length) {
      this.reset()
      return [{ kind: 'failure', failure: swipeFailure('bad_frame', `MagTek report of ${report.length} bytes is longer than ${magtek_report_length}`) }]
    }
    this.held.push(report)
    this.held_length += report.length
    if (this.held_length < magtek_report_length) return []
    // Bytes past the 337th belong to no swipe (a padded last packet): they are dropped.
    const frame = concat(this.held).subarray(0, magtek_report_length)
    this.reset()
    return [{ kind: 'frame', bytes: frame }]
  }

  pending(): boolean {
    return this.held_length > 0
  }

  expire(): ReassemblyOutput[] {
    const had = this.pending()
    this.reset()
    return had ? [incomplete()] : []
  }

  private reset(): void {
    this.held = []
    this.held_length = 0
  }
}

export class IdtechReassembler implements Reassembler {
  private held: Uint8Array = new Uint8Array(0)
  private discarding = false

  push(report: Uint8Array): ReassemblyOutput[] {
    if (this.discarding) return []
    let bytes = report
    if (this.held.length === 0) {
      // Between frames only padding is expected; a frame starts at its STX.
      const start = bytes.indexOf(idtech_stx)
      if (start === -1) return []
      bytes = bytes.subarray(start)
    }
    this.held = concat([this.held, bytes])
    if (this.held.length < 3) return []
    const data_length = (this.held[1] ?? 0) | ((this.held[2] ?? 0) << 8)
    if (data_length > idtech_card_data_max) {
      this.held = new Uint8Array(0)
      this.discarding = true
      return [{ kind: 'failure', failure: swipeFailure('bad_frame', `ID TECH length field says ${data_length} bytes, above ${idtech_card_data_max}`) }]
    }
    const frame_length = data_length + idtech_overhead
    if (this.held.length < frame_length) return []
    const frame = this.held.slice(0, frame_length)
    // The rest of the last report is padding: one swipe, one frame.
    this.held = new Uint8Array(0)
    return [{ kind: 'frame', bytes: frame }]
  }

  pending(): boolean {
    return this.held.length > 0 || this.discarding
  }

  expire(): ReassemblyOutput[] {
    const report = this.held.length > 0 && !this.discarding
    this.held = new Uint8Array(0)
    this.discarding = false
    return report ? [incomplete()] : []
  }
}

export class KeyboardReassembler implements Reassembler {
  private held: Uint8Array[] = []
  private discarding = false
  /** Enter still held down from the previous swipe must not end the next one. */
  private enter_down = false

  push(report: Uint8Array): ReassemblyOutput[] {
    if (this.discarding) return []
    if (report.length !== keyboard_report_length) {
      this.held = []
      this.discarding = true
      return [{ kind: 'failure', failure: swipeFailure('bad_frame', `keyboard report of ${report.length} bytes, expected ${keyboard_report_length}`) }]
    }
    const keys = report.subarray(2)
    const enter_now = keys.includes(usage_enter)
    const enter_pressed = enter_now && !this.enter_down
    this.enter_down = enter_now
    const other_keys = keys.some((usage) => usage !== 0 && usage !== usage_enter)
    // Release reports between swipes (and an Enter still held) carry nothing; they do not start a swipe.
    if (this.held.length === 0 && !other_keys && !enter_pressed) return []
    this.held.push(report)
    if (enter_pressed) {
      const frame = concat(this.held)
      this.held = []
      return [{ kind: 'frame', bytes: frame }]
    }
    if (this.held.length >= keyboard_frame_reports_max) {
      this.held = []
      this.discarding = true
      return [{ kind: 'failure', failure: swipeFailure('bad_frame', `keyboard swipe ran past ${keyboard_frame_reports_max} reports without Enter`) }]
    }
    return []
  }

  pending(): boolean {
    return this.held.length > 0 || this.discarding
  }

  expire(): ReassemblyOutput[] {
    const report = this.held.length > 0 && !this.discarding
    this.held = []
    this.discarding = false
    return report ? [incomplete()] : []
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const joined = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}
