/** From the reader service's state to the JSON the screen gets: device rows, reader status, problems, udev help. */
import { ReaderError, ReaderPermissionDenied } from './errors'
import { known_readers, udevRuleFor, udev_group, udev_reload_command, udev_rules_file, type KnownReader } from './known-readers'
import type { Pairing } from './pairing'
import type { ReaderInfo } from './reader'
import type { EmulatedFormatView, HidDeviceView, KnownReaderView, LastSwipeView, ReaderConnectionView, ReaderProblemView, ReaderStatusView, UdevHelpView } from './view'
import { emulated_format_labels } from './view'

export function knownView(known: KnownReader | null): KnownReaderView | null {
  return known && { vendor: known.vendor, model: known.model, readable: known.format !== null, unsupported_reason: known.unsupported_reason }
}

export function deviceView(info: ReaderInfo, emulated: boolean): HidDeviceView {
  return {
    reader_id: info.id,
    vendor_id: info.vendor_id,
    product_id: info.product_id,
    product: info.product,
    manufacturer: info.manufacturer,
    serial_number: info.serial_number,
    interface_number: info.interface_number,
    usage_page: info.usage_page,
    path: info.path,
    known: knownView(info.known),
    emulated,
  }
}

/** One rule per vendor Centavo can read, ready to paste into the rules file. */
export function udevHelp(): UdevHelpView {
  const vendors = new Map<number, string>()
  for (const reader of known_readers) vendors.set(reader.vendor_id, reader.vendor)
  return {
    rules_file: udev_rules_file,
    rules: [...vendors].map(([vendor_id, vendor]) => ({ vendor, vendor_id, rule: udevRuleFor(vendor_id) })),
    reload_command: udev_reload_command,
    group: udev_group,
    join_command: `sudo usermod -aG ${udev_group} $USER`,
  }
}

/** Why a reader could not be opened, for the screen; a permission problem carries its udev rule. */
export function problemView(error: unknown): ReaderProblemView {
  if (error instanceof ReaderPermissionDenied) return { id: error.id, message: error.message, udev_rule: error.udev_rule }
  if (error instanceof ReaderError) return { id: error.id, message: error.message, udev_rule: null }
  return { id: 'reader_open_failed', message: error instanceof Error ? error.message : String(error), udev_rule: null }
}

export function readerName(info: ReaderInfo, emulated: EmulatedFormatView | null): string {
  if (emulated !== null) return `Emulated ${emulated_format_labels[emulated]} reader`
  if (info.known) return `${info.known.vendor} ${info.known.model}`
  const name = [info.manufacturer, info.product].filter((part) => part.length > 0).join(' ')
  return name.length > 0 ? name : 'HID device'
}

export interface ReaderState {
  reader_id: string
  info: ReaderInfo | null
  plugged: boolean
  emulated: EmulatedFormatView | null
  pairing: Pairing | null
  open: boolean
  opening: boolean
  /** Its reads failed a moment ago; whether it was unplugged is not known yet. */
  quiet: boolean
  problem: ReaderProblemView | null
  test_mode: boolean
  last_swipe: LastSwipeView | null
}

export function statusView(state: ReaderState): ReaderStatusView {
  const { info, pairing } = state
  let connection: ReaderConnectionView
  if (state.open) connection = 'connected'
  else if (state.opening) connection = 'opening'
  else if (!state.plugged || state.quiet) connection = 'disconnected'
  else if (state.problem !== null) connection = 'failed'
  else connection = 'idle'
  return {
    reader_id: state.reader_id,
    name: info ? readerName(info, state.emulated) : (pairing?.name ?? state.reader_id),
    vendor_id: info?.vendor_id ?? idPart(state.reader_id, 1),
    product_id: info?.product_id ?? idPart(state.reader_id, 2),
    serial_number: info?.serial_number ?? null,
    paired_by: info ? (info.serial_number !== null ? 'serial' : 'path') : (pairing?.paired_by ?? 'path'),
    path: info?.path ?? null,
    emulated: state.emulated,
    plugged: state.plugged,
    connection,
    problem: state.problem,
    terminal_id: pairing?.terminal_id ?? null,
    paired_at: pairing?.paired_at ?? null,
    test_mode: state.test_mode,
    last_swipe: state.last_swipe,
  }
}

/** A reader id begins `hid:<vendor>:<product>:`, so an unplugged reader still shows both. */
function idPart(reader_id: string, index: 1 | 2): number {
  const match = /^hid:([0-9a-f]{4}):([0-9a-f]{4}):/.exec(reader_id)
  return match ? Number.parseInt(match[index] ?? '0', 16) : 0
}
