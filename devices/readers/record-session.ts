/**
 * A technician's recording session: open one reader, let them swipe, write the masked
 * transcript. Bounded in swipes and in time, and it ends early if the reader is
 * unplugged. The terminal output shows only masked card numbers.
 */
import { panForDisplay } from '../cards/pan-mask'
import type { ReaderFormat } from './formats'
import { HidCardReaderTransport } from './hid-driver'
import type { HidModule } from './hid-module'
import { TranscriptRecorder } from './transcript-record'

export const session_swipes_max = 100
export const session_duration_ms_max = 3_600_000

export interface RecordSessionOptions {
  hid: HidModule
  reader_id: string
  out_path: string
  /** Stop after this many swipes, good or bad. */
  swipes: number
  duration_ms: number
  format?: ReaderFormat
  note?: string
  print: (line: string) => void
  /** Resolves when the technician asks to stop early (Ctrl-C). */
  stop_requested?: Promise<void>
}

export interface RecordSessionResult {
  swipes: number
  swipe_errors: number
  ended_by: 'swipes' | 'time' | 'unplug' | 'request'
  events: number
}

export async function recordSession(options: RecordSessionOptions): Promise<RecordSessionResult> {
  if (!Number.isInteger(options.swipes) || options.swipes < 1 || options.swipes > session_swipes_max) {
    throw new Error(`recordSession: swipes must be 1..${session_swipes_max}, got ${options.swipes}`)
  }
  if (!(options.duration_ms > 0 && options.duration_ms <= session_duration_ms_max)) {
    throw new Error(`recordSession: duration_ms must be in 1..${session_duration_ms_max}, got ${options.duration_ms}`)
  }
  const recorder = new TranscriptRecorder(options.hid, { ...(options.format ? { format: options.format } : {}), note: options.note ?? '' })
  const transport = new HidCardReaderTransport(recorder.hid, { log: options.print })
  const reader = await transport.open(options.reader_id, { timeout_ms: 10_000, ...(options.format ? { format: options.format } : {}) })
  let swipes = 0
  let swipe_errors = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const ended_by = await new Promise<RecordSessionResult['ended_by']>((resolve) => {
    const counted = (): void => {
      if (swipes + swipe_errors >= options.swipes) resolve('swipes')
    }
    reader.on('swipe', (swipe) => {
      swipes += 1
      options.print(`swipe ${swipes + swipe_errors}: card ${panForDisplay(swipe.pan)}, expiry ${swipe.expiry_yymm}`)
      counted()
    })
    reader.on('swipe_error', (error) => {
      swipe_errors += 1
      options.print(`swipe ${swipes + swipe_errors}: ${error.reason} (${error.detail})`)
      counted()
    })
    reader.on('disconnect', () => resolve('unplug'))
    timer = setTimeout(() => resolve('time'), options.duration_ms)
    void options.stop_requested?.then(() => resolve('request'))
  })
  if (timer !== null) clearTimeout(timer)
  await reader.close()
  await recorder.save(options.out_path)
  const events = recorder.transcript().events.length
  options.print(`wrote ${events} events to ${options.out_path} (card numbers masked); ended by ${ended_by}`)
  return { swipes, swipe_errors, ended_by, events }
}
