/**
 * A transcript: the raw reports one reader sent, with their timing, as a JSON file with
 * one event per line. Technicians record them (transcript-record.ts, card data masked
 * before anything is written); tests replay them through the real driver
 * (transcript-replay.ts).
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { reader_formats, type ReaderFormat } from './formats'
import type { HidDeviceInfo } from './hid-module'

export const transcript_kind = 'centavo.card-reader-transcript'
export const transcript_version = 1
/** A recording stops taking events here; a swipe is at most a few hundred reports. */
export const transcript_events_max = 100_000

export type TranscriptEvent =
  /** A report from the device. */
  | { t_ms: number; direction: 'in'; hex: string }
  /** A report the host wrote to the device; replay expects the same write at that point. */
  | { t_ms: number; direction: 'out'; hex: string }
  /** The device failed a read (unplugged); node-hid emits `error`. */
  | { t_ms: number; direction: 'unplug' }

export interface Transcript {
  kind: typeof transcript_kind
  version: typeof transcript_version
  format: ReaderFormat
  /**
   * `masked`: recorded from a real card, card numbers and discretionary data replaced
   * (transcript-mask.ts). `test_cards`: built from public test card numbers.
   */
  card_data: 'masked' | 'test_cards'
  note: string
  device: HidDeviceInfo
  events: TranscriptEvent[]
}

export class TranscriptInvalid extends Error {
  readonly id = 'transcript_invalid'
  override readonly name = 'TranscriptInvalid'
}

/** One event per line, so a diff of two recordings reads report by report. */
export function serializeTranscript(transcript: Transcript): string {
  const { events, ...header } = transcript
  const header_json = JSON.stringify(header, null, 2).slice(0, -2)
  const lines = events.map((event) => `    ${JSON.stringify(event)}`)
  return `${header_json},\n  "events": [\n${lines.join(',\n')}\n  ]\n}\n`
}

export async function writeTranscript(file_path: string, transcript: Transcript): Promise<void> {
  const temporary_path = `${file_path}.tmp-${process.pid}`
  await writeFile(temporary_path, serializeTranscript(transcript), { mode: 0o600 })
  await rename(temporary_path, file_path)
}

export async function readTranscript(file_path: string): Promise<Transcript> {
  const text = await readFile(file_path, 'utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new TranscriptInvalid(`${file_path} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return parseTranscript(json)
}

export function parseTranscript(json: unknown): Transcript {
  if (!isRecord(json)) throw new TranscriptInvalid('a transcript is a JSON object')
  if (json.kind !== transcript_kind) throw new TranscriptInvalid(`kind must be ${transcript_kind}`)
  if (json.version !== transcript_version) throw new TranscriptInvalid(`version must be ${transcript_version}`)
  const format = reader_formats.find((candidate) => candidate === json.format)
  if (!format) throw new TranscriptInvalid(`format must be one of ${reader_formats.join(', ')}`)
  if (json.card_data !== 'masked' && json.card_data !== 'test_cards') throw new TranscriptInvalid('card_data must be masked or test_cards')
  if (typeof json.note !== 'string') throw new TranscriptInvalid('note must be text')
  const device = parseDevice(json.device)
  if (!Array.isArray(json.events)) throw new TranscriptInvalid('events must be a list')
  if (json.events.length > transcript_events_max) throw new TranscriptInvalid(`a transcript holds at most ${transcript_events_max} events`)
  const events = json.events.map((event, index) => parseEvent(event, index))
  return { kind: transcript_kind, version: transcript_version, format, card_data: json.card_data, note: json.note, device, events }
}

function parseDevice(value: unknown): HidDeviceInfo {
  if (!isRecord(value)) throw new TranscriptInvalid('device must be an object')
  const { vendorId, productId, release, path, serialNumber, manufacturer, product, usagePage, usage } = value
  const interface_number = value.interface
  if (typeof vendorId !== 'number' || typeof productId !== 'number' || typeof release !== 'number' || typeof interface_number !== 'number') {
    throw new TranscriptInvalid('device needs numeric vendorId, productId, release and interface')
  }
  const device: HidDeviceInfo = { vendorId, productId, release, interface: interface_number }
  if (typeof path === 'string') device.path = path
  if (typeof serialNumber === 'string') device.serialNumber = serialNumber
  if (typeof manufacturer === 'string') device.manufacturer = manufacturer
  if (typeof product === 'string') device.product = product
  if (typeof usagePage === 'number') device.usagePage = usagePage
  if (typeof usage === 'number') device.usage = usage
  return device
}

function parseEvent(value: unknown, index: number): TranscriptEvent {
  if (!isRecord(value)) throw new TranscriptInvalid(`event ${index} must be an object`)
  const { t_ms, direction, hex } = value
  if (typeof t_ms !== 'number' || !Number.isFinite(t_ms) || t_ms < 0) throw new TranscriptInvalid(`event ${index} needs t_ms >= 0`)
  if (direction === 'unplug') return { t_ms, direction }
  if (direction !== 'in' && direction !== 'out') throw new TranscriptInvalid(`event ${index} direction must be in, out or unplug`)
  if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/.test(hex)) throw new TranscriptInvalid(`event ${index} hex must be lower-case hex bytes`)
  return { t_ms, direction, hex }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
