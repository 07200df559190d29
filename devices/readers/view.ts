/**
 * What the card-reader API (`http.ts`, mounted at /devices/api/readers) sends the
 * technician's screen: plain JSON shapes with no Node types, so the renderer imports this
 * file and the two sides cannot drift. Nothing here carries card data beyond a PAN masked
 * to its first six and last four digits, which is what PCI DSS allows a screen to show.
 */

/**
 * Who may use the card-reader screen and API. Branch testers are not here: pairing and test
 * swipes are a technician's work, and a test swipe shows the cardholder's name.
 */
export const reader_staff_roles = ['administrator', 'supervisor', 'technician'] as const

export type EmulatedFormatView = 'magtek_hid' | 'idtech' | 'keyboard'

export const emulated_format_labels: Record<EmulatedFormatView, string> = {
  magtek_hid: 'MagTek HID',
  idtech: 'ID TECH',
  keyboard: 'Keyboard emulation',
}

/** The bad swipes the emulated reader can make, with what a technician would call them. */
export const bad_swipe_labels = {
  unreadable: 'Unreadable stripe',
  bad_sentinel: 'Swiped too late (cut track)',
  bad_check_digit: 'Wrong check digit',
  bad_expiry: 'Impossible expiry month',
  tracks_disagree: 'Tracks disagree',
  incomplete: 'Swipe stopped half-way',
} as const
export type BadSwipeKindView = keyof typeof bad_swipe_labels

export interface KnownReaderView {
  vendor: string
  model: string
  /** False for a reader Centavo recognises but cannot read (encrypting readers). */
  readable: boolean
  unsupported_reason: string | null
}

/** One HID device the host sees, card reader or not. */
export interface HidDeviceView {
  reader_id: string
  vendor_id: number
  product_id: number
  product: string
  manufacturer: string
  serial_number: string | null
  interface_number: number
  usage_page: number
  path: string
  known: KnownReaderView | null
  emulated: boolean
}

/** What a Linux technician does so their account may open a reader. */
export interface UdevHelpView {
  rules_file: string
  rules: Array<{ vendor: string; vendor_id: number; rule: string }>
  reload_command: string
  group: string
  join_command: string
}

export interface HidDevicesView {
  /** Null when node-hid loaded; otherwise why real readers cannot be seen (emulated ones still work). */
  hid_problem: string | null
  /** The OS the host runs on; the udev help applies only to 'linux'. */
  platform: string
  devices: HidDeviceView[]
  udev: UdevHelpView
}

export interface ReaderProblemView {
  /** A ReaderError id ('reader_permission_denied', …) or 'disconnected'. */
  id: string
  message: string
  /** Set for a permission problem on Linux: the rule for this reader's vendor. */
  udev_rule: string | null
}

export type SwipeOutcomeView = 'inserted' | 'refused' | 'tested' | 'bad_swipe' | 'ignored'

/** The last swipe on a reader: enough to see it worked, nothing that could be replayed. */
export interface LastSwipeView {
  at: string
  outcome: SwipeOutcomeView
  /** `476173******0010`, or null for a bad swipe. */
  pan_masked: string | null
  tracks_read: number[]
  terminal_id: string | null
  message: string
}

/**
 * - connected: open, swipes go to its terminal (or to the test panel)
 * - opening: being opened
 * - idle: plugged in, neither paired nor in test mode, so not opened
 * - failed: plugged in, but it could not be opened (see `problem`)
 * - disconnected: not plugged in (or its reads failed a moment ago, as they do on unplug)
 */
export type ReaderConnectionView = 'connected' | 'opening' | 'idle' | 'failed' | 'disconnected'

export interface ReaderStatusView {
  reader_id: string
  /** "MagTek USB HID swipe reader", or what the device calls itself. */
  name: string
  vendor_id: number
  product_id: number
  serial_number: string | null
  /** How a pairing finds this reader again: by serial number, or only by the USB port it is in. */
  paired_by: 'serial' | 'path'
  path: string | null
  emulated: EmulatedFormatView | null
  plugged: boolean
  connection: ReaderConnectionView
  problem: ReaderProblemView | null
  terminal_id: string | null
  paired_at: string | null
  test_mode: boolean
  last_swipe: LastSwipeView | null
}

export interface ReadersView {
  /** Increases with every change; a screen ignores a view older than the one it shows (an answer can arrive after the stream's newer snapshot). */
  version: number
  hid_problem: string | null
  readers: ReaderStatusView[]
}

/** A test swipe as the technician's panel shows it. */
export interface TestSwipeView {
  tracks_read: number[]
  pan_masked: string
  name: string | null
  /** MM/YY, as printed on the card. */
  expiry: string
  service_code: string
  format: EmulatedFormatView
}

/** What happened, without the envelope every event carries. */
export type ReaderEventBody =
  | { type: 'plugged' | 'unplugged' | 'opened' | 'added' | 'removed' | 'unpaired' }
  | { type: 'paired'; terminal_id: string }
  | { type: 'test_mode'; on: boolean }
  | { type: 'open_failed' | 'disconnected'; problem: ReaderProblemView }
  | { type: 'test_swipe'; swipe: TestSwipeView }
  | { type: 'swipe_error'; reason: string; message: string; test_mode: boolean }
  | { type: 'card_inserted'; terminal_id: string; pan_masked: string; tracks_read: number[] }
  | { type: 'card_refused'; terminal_id: string | null; pan_masked: string; message: string }

/** Every event on the reader stream. Card data appears only masked. */
export type ReaderEventView = { seq: number; at: string; reader_id: string } & ReaderEventBody

export interface ReaderProblemAnswer {
  code: string
  message: string
}
