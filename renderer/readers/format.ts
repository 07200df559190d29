/** How the reader screen writes ids and states: USB ids as 0x0801, states in the technician's words. */
import type { ReaderConnectionView, ReaderEventView, ReaderStatusView } from '../../devices/readers/view'

export function hex4(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`
}

export const connection_looks: Record<ReaderConnectionView, { color: string; word: string }> = {
  connected: { color: 'green', word: 'Connected' },
  opening: { color: 'yellow', word: 'Opening' },
  idle: { color: 'gray', word: 'Plugged in, not in use' },
  failed: { color: 'red', word: 'Cannot open' },
  disconnected: { color: 'orange', word: 'Disconnected' },
}

/** One line per event for the technician's event list; card numbers arrive masked. */
export function describeEvent(event: ReaderEventView): string {
  switch (event.type) {
    case 'plugged':
      return 'plugged in'
    case 'unplugged':
      return 'unplugged'
    case 'opened':
      return 'opened: listening for swipes'
    case 'added':
      return 'emulated reader added'
    case 'removed':
      return 'emulated reader removed'
    case 'paired':
      return `paired to ${event.terminal_id}`
    case 'unpaired':
      return 'unpaired'
    case 'test_mode':
      return event.on ? 'test swipe on: swipes come to this screen' : 'test swipe off: swipes go to the terminal'
    case 'open_failed':
    case 'disconnected':
      return event.problem.message
    case 'test_swipe':
      return `test swipe: ${event.swipe.pan_masked}`
    case 'swipe_error':
      return event.message
    case 'card_inserted':
      return `card ${event.pan_masked} inserted into ${event.terminal_id}`
    case 'card_refused':
      return `card ${event.pan_masked} not taken${event.terminal_id ? ` by ${event.terminal_id}` : ''}: ${event.message}`
  }
}

export function readerLabel(readers: ReaderStatusView[], reader_id: string): string {
  const reader = readers.find((r) => r.reader_id === reader_id)
  if (!reader) return reader_id
  return reader.serial_number ? `${reader.name} (${reader.serial_number})` : reader.name
}

/** The serial number where there is one: enough to tell readers apart in a list of events. */
export function readerShortLabel(readers: ReaderStatusView[], reader_id: string): string {
  const reader = readers.find((r) => r.reader_id === reader_id)
  return reader?.serial_number ?? reader?.name ?? reader_id
}
