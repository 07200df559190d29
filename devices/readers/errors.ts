/**
 * Errors that cross a boundary (IPC to the renderer, a pairing layer's log) are named
 * classes with stable ids: a screen switches on `id`, never on message text. Bad swipes
 * are not errors (see swipe-error.ts): they are values on the `swipe_error` event.
 */
import { udevRuleFor, udev_group, udev_reload_command, udev_rules_file } from './known-readers'

export type ReaderErrorId =
  | 'reader_not_found'
  | 'reader_open_timeout'
  | 'reader_permission_denied'
  | 'reader_unsupported'
  | 'reader_open_failed'
  | 'node_hid_unavailable'

export abstract class ReaderError extends Error {
  abstract readonly id: ReaderErrorId

  /** What crosses IPC: structured clone drops class identity, so the id travels as data. */
  toJSON(): { id: ReaderErrorId; name: string; message: string } {
    return { id: this.id, name: this.name, message: this.message }
  }
}

export class ReaderNotFound extends ReaderError {
  readonly id = 'reader_not_found'
  override readonly name = 'ReaderNotFound'
  constructor(readonly reader_id: string) {
    super(`No card reader ${reader_id} is plugged in. Check the cable, or pick the reader again from the list.`)
  }
}

export class ReaderOpenTimeout extends ReaderError {
  readonly id = 'reader_open_timeout'
  override readonly name = 'ReaderOpenTimeout'
  constructor(
    readonly reader_id: string,
    readonly timeout_ms: number,
  ) {
    super(`The card reader ${reader_id} did not open within ${timeout_ms} ms. Unplug it, plug it back in and try again.`)
  }
}

export class ReaderPermissionDenied extends ReaderError {
  readonly id = 'reader_permission_denied'
  override readonly name = 'ReaderPermissionDenied'
  readonly udev_rules_file = udev_rules_file
  readonly udev_rule: string
  readonly reload_command = udev_reload_command
  readonly group = udev_group

  constructor(
    readonly reader_id: string,
    readonly path: string,
    vendor_id: number,
  ) {
    const rule = udevRuleFor(vendor_id)
    super(
      `Linux does not let this account open the card reader (${path}). ` +
        `Add this line to ${udev_rules_file}: ${rule} ` +
        `Then run \`${udev_reload_command}\`, make sure your account is in the ${udev_group} group ` +
        `(\`sudo usermod -aG ${udev_group} $USER\`, then log in again), and replug the reader.`,
    )
    this.udev_rule = rule
  }
}

export class ReaderUnsupported extends ReaderError {
  readonly id = 'reader_unsupported'
  override readonly name = 'ReaderUnsupported'
  constructor(
    readonly reader_id: string,
    reason: string,
  ) {
    super(reason)
  }
}

export class ReaderOpenFailed extends ReaderError {
  readonly id = 'reader_open_failed'
  override readonly name = 'ReaderOpenFailed'
  constructor(
    readonly reader_id: string,
    readonly cause_message: string,
  ) {
    super(`The card reader ${reader_id} could not be opened: ${cause_message}`)
  }
}

export class NodeHidUnavailable extends ReaderError {
  readonly id = 'node_hid_unavailable'
  override readonly name = 'NodeHidUnavailable'
  constructor(readonly cause_message: string) {
    super(
      `USB card readers are unavailable: node-hid's native module did not load (${cause_message}). ` +
        'On Debian and Ubuntu install libusb-1.0-0 and libudev1.',
    )
  }
}
