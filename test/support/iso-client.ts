import net from 'node:net'
import { decodeMessage, encodeMessage, type IsoMessage } from '../../main/iso8583/codec'
import { FrameReader, frame } from '../../main/iso8583/framing'

/** A bare ISO 8583 client for tests: sends one message, waits for the next answer. */
export class TestIsoClient {
  private readonly reader = new FrameReader()
  private readonly waiting: Array<(message: IsoMessage) => void> = []
  private readonly arrived: IsoMessage[] = []

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const body of this.reader.push(chunk)) {
        const message = decodeMessage(body)
        const next = this.waiting.shift()
        if (next) next(message)
        else this.arrived.push(message)
      }
    })
  }

  static connect(port: number): Promise<TestIsoClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new TestIsoClient(socket)))
      socket.once('error', reject)
    })
  }

  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  send(message: IsoMessage): void {
    this.socket.write(frame(encodeMessage(message)))
  }

  next(timeout_ms = 5_000): Promise<IsoMessage> {
    const ready = this.arrived.shift()
    if (ready) return Promise.resolve(ready)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeout_ms} ms`)), timeout_ms)
      this.waiting.push((message) => {
        clearTimeout(timer)
        resolve(message)
      })
    })
  }

  async exchange(message: IsoMessage): Promise<IsoMessage> {
    this.send(message)
    return this.next()
  }

  close(): void {
    this.socket.destroy()
  }
}
