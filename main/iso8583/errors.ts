/**
 * The one error the ISO 8583 codec and framing throw for bad bytes or bad values. It is an
 * operating error: a terminal sent something outside our dialect, or a caller built a
 * message our dialect cannot carry. The host answers it (or closes the connection); it is
 * never a crash. `field` is null when the fault is in the message as a whole (MTI, bitmap,
 * framing, bytes left over). The reason never quotes a field's value, because these
 * messages are logged and a value may be a PAN or track 2.
 */
export class Iso8583FormatError extends Error {
  readonly id = 'iso8583_format'
  constructor(
    readonly field: number | null,
    readonly reason: string,
  ) {
    super(field === null ? `message: ${reason}` : `field ${field}: ${reason}`)
    this.name = 'Iso8583FormatError'
  }
}
