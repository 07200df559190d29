import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FrameReader, frame, frame_length_max } from '../../../main/iso8583/framing'
import { thrown } from './thrown'

describe('frame', () => {
  it('prefixes the body with its length as 2 bytes, big-endian', () => {
    // Proves the header layout, including a length above 255 where byte order matters.
    expect(frame(Buffer.from('0800', 'latin1')).toString('hex')).toBe('000430383030')
    const body = Buffer.alloc(300, 0x30)
    expect(frame(body).subarray(0, 2).toString('hex')).toBe('012c')
    expect(frame(body).subarray(2)).toEqual(body)
    expect(frame(Buffer.alloc(frame_length_max, 1)).length).toBe(frame_length_max + 2)
  })

  it('refuses an empty body and one over the maximum', () => {
    // Proves we never send a frame that our own reader (or a strict peer) would refuse.
    expect(thrown(() => frame(Buffer.alloc(0))).reason).toBe('frame length is zero')
    expect(thrown(() => frame(Buffer.alloc(frame_length_max + 1))).reason).toContain('over the maximum of 4096')
  })
})

describe('FrameReader', () => {
  it('returns nothing until a frame is complete, then exactly that body', () => {
    // Proves a frame split inside its header and inside its body is held, not returned early.
    const reader = new FrameReader()
    const bytes = frame(Buffer.from('08000000', 'latin1'))
    expect(reader.push(bytes.subarray(0, 1))).toEqual([])
    expect(reader.push(bytes.subarray(1, 4))).toEqual([])
    expect(reader.buffered_length).toBe(4)
    expect(reader.push(bytes.subarray(4))).toEqual([Buffer.from('08000000', 'latin1')])
    expect(reader.buffered_length).toBe(0)
  })

  it('returns several frames from one chunk, in order, and keeps the start of the next', () => {
    // Proves back-to-back frames in one TCP read are all delivered and a trailing partial one is kept.
    const reader = new FrameReader()
    const a = Buffer.from('0800a', 'latin1')
    const b = Buffer.from('0810bb', 'latin1')
    const c = Buffer.from('0200ccc', 'latin1')
    const c_framed = frame(c)
    expect(reader.push(Buffer.concat([frame(a), frame(b), c_framed.subarray(0, 3)]))).toEqual([a, b])
    expect(reader.push(c_framed.subarray(3))).toEqual([c])
  })

  it.each([
    ['zero length', Buffer.from([0x00, 0x00]), 'frame length is zero'],
    ['length over the maximum', Buffer.from([0x10, 0x01]), 'frame length 4097 is over the maximum of 4096'],
  ])('refuses a header with %s, and every push after it', (_name, header, reason) => {
    // Proves a bad header is a format error and the reader never resumes on a desynchronised stream.
    const reader = new FrameReader()
    expect(thrown(() => reader.push(header)).reason).toBe(reason)
    expect(thrown(() => reader.push(frame(Buffer.from('0800', 'latin1')))).reason).toBe(reason)
  })

  it('refuses a bad header that arrives one byte at a time after good frames', () => {
    // Proves the check happens when the header completes, whatever the chunking.
    const reader = new FrameReader()
    expect(reader.push(frame(Buffer.from('0800', 'latin1')))).toEqual([Buffer.from('0800', 'latin1')])
    expect(reader.push(Buffer.from([0xff]))).toEqual([])
    expect(() => reader.push(Buffer.from([0xff]))).toThrow('over the maximum')
  })

  it('reassembles any sequence of frames from any split into chunks, never holding more than one frame', () => {
    // Proves reassembly is independent of where TCP cuts the stream, and buffering stays bounded.
    const bodies = fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)), {
      minLength: 1,
      maxLength: 10,
    })
    fc.assert(
      fc.property(bodies, fc.array(fc.nat(), { maxLength: 20 }), (sent, cut_points) => {
        const stream = Buffer.concat(sent.map(frame))
        const cuts = [...new Set(cut_points.map((cut) => cut % stream.length))].sort((a, b) => a - b)
        const reader = new FrameReader()
        const received: Buffer[] = []
        let start = 0
        for (const end of [...cuts, stream.length]) {
          received.push(...reader.push(stream.subarray(start, end)))
          expect(reader.buffered_length).toBeLessThanOrEqual(2 + frame_length_max)
          start = end
        }
        expect(received).toEqual(sent)
        expect(reader.buffered_length).toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it('holds at most one frame however much arrives in one chunk', () => {
    // Proves a peer sending a large burst cannot make the reader buffer more than a frame's worth.
    const reader = new FrameReader()
    const body = Buffer.alloc(frame_length_max, 0x31)
    const burst = Buffer.concat([...Array.from({ length: 50 }, () => frame(body)), frame(body).subarray(0, 1000)])
    expect(reader.push(burst)).toHaveLength(50)
    expect(reader.buffered_length).toBe(1000)
  })
})
