/**
 * TCP framing: every message is preceded by its length as 2 bytes, big-endian, not
 * counting the header itself. A length of zero or over frame_length_max is a format
 * error, and after one the stream cannot be trusted to be at a frame boundary again, so
 * FrameReader refuses all further input and the caller closes the connection.
 */
import { Iso8583FormatError } from './errors'

/** Bytes of message body; our largest possible message is far below this. */
export const frame_length_max = 4096
const header_length = 2

function frameLengthProblem(length: number): string | null {
  if (length === 0) return 'frame length is zero'
  if (length > frame_length_max) return `frame length ${length} is over the maximum of ${frame_length_max}`
  return null
}

/** The body with its 2-byte big-endian length header. */
export function frame(body: Buffer): Buffer {
  const problem = frameLengthProblem(body.length)
  if (problem !== null) throw new Iso8583FormatError(null, problem)
  const header = Buffer.alloc(header_length)
  header.writeUInt16BE(body.length, 0)
  return Buffer.concat([header, body])
}

/**
 * Reassembles frames from TCP chunks split anywhere. It holds at most one incomplete
 * frame (header_length + frame_length_max bytes) however the chunks arrive, so a peer
 * cannot make it buffer without bound.
 */
export class FrameReader {
  private readonly pending = Buffer.alloc(header_length + frame_length_max)
  private filled = 0
  private body_length: number | null = null
  private failure: Iso8583FormatError | null = null

  /**
   * Adds a chunk and returns the bodies of the frames it completed, in order. On a bad
   * header it throws, and frames completed earlier in the same chunk are dropped with the
   * connection: the terminal's repeat and reversal rules cover messages that got no answer.
   */
  push(chunk: Buffer): Buffer[] {
    if (this.failure !== null) throw this.failure
    const bodies: Buffer[] = []
    let offset = 0
    // Each turn copies at least one byte, so the loop ends within chunk.length turns.
    while (offset < chunk.length) {
      const wanted = (this.body_length === null ? header_length : header_length + this.body_length) - this.filled
      const taken = Math.min(wanted, chunk.length - offset)
      chunk.copy(this.pending, this.filled, offset, offset + taken)
      this.filled += taken
      offset += taken
      if (this.body_length === null) {
        if (this.filled < header_length) continue
        const length = this.pending.readUInt16BE(0)
        const problem = frameLengthProblem(length)
        if (problem !== null) {
          // Remembered so that later pushes fail the same way instead of misreading the stream.
          this.failure = new Iso8583FormatError(null, problem)
          throw this.failure
        }
        this.body_length = length
      } else if (this.filled === header_length + this.body_length) {
        bodies.push(Buffer.from(this.pending.subarray(header_length, this.filled)))
        this.filled = 0
        this.body_length = null
      }
    }
    return bodies
  }

  /** Bytes held for a frame not yet complete. */
  get buffered_length(): number {
    return this.filled
  }
}
