/**
 * A tiny ISO 8583 host for the terminal tests: a real TCP server speaking our framing and
 * codec, answering with whatever the test's handler says (or not at all, to make a
 * terminal time out). It records every request it received, decoded.
 */
import net from 'node:net'
import { decodeMessage, encodeMessage, type FieldValue, type IsoMessage } from '../../../main/iso8583/codec'
import { FrameReader, frame } from '../../../main/iso8583/framing'

export type Handler = (request: IsoMessage) => IsoMessage | null

/** The answer MTI: 0200 → 0210, 0421 → 0430. */
export function responseMti(mti: string): string {
  const last = Number(mti[3])
  return `${mti.slice(0, 2)}${Number(mti[2]) + 1}${last - (last % 2)}`
}

/** Echoes the identifying fields, as a host does, and adds the response code and extras. */
export function answer(request: IsoMessage, code: string, extra: Record<number, string> = {}): IsoMessage {
  const fields = new Map<number, FieldValue>()
  for (const echoed of [3, 4, 7, 11, 37, 41, 49, 70, 90]) {
    const value = request.fields.get(echoed)
    if (typeof value === 'string') fields.set(echoed, value)
  }
  for (const [field, value] of Object.entries(extra)) fields.set(Number(field), value)
  fields.set(39, code)
  return { mti: responseMti(request.mti), fields }
}

export const balances_54 = '2001840C0000000140002002840C000000014000'

/** Signs on, approves financial requests with approval code, RRN and balances, acknowledges reversals. */
export const approving: Handler = (request) => {
  if (request.mti.startsWith('02')) return answer(request, '00', { 37: '507414000123', 38: '654321', 54: balances_54 })
  return answer(request, '00')
}

export class FakeHost {
  readonly received: IsoMessage[] = []
  private readonly sockets = new Set<net.Socket>()

  private constructor(
    private readonly server: net.Server,
    public handler: Handler,
  ) {}

  static start(handler: Handler = approving): Promise<FakeHost> {
    return new Promise((resolve) => {
      const server = net.createServer()
      const host = new FakeHost(server, handler)
      server.on('connection', (socket) => host.serve(socket))
      server.listen(0, '127.0.0.1', () => resolve(host))
    })
  }

  get port(): number {
    const address = this.server.address()
    if (address === null || typeof address === 'string') throw new Error('the fake host is not listening')
    return address.port
  }

  /** The requests received with this MTI (any of them). */
  requests(...mtis: string[]): IsoMessage[] {
    return this.received.filter((m) => mtis.includes(m.mti))
  }

  /** Drops every connection, as a host that restarts would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy()
  }

  close(): Promise<void> {
    this.dropConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const reader = new FrameReader()
    socket.on('data', (chunk: Buffer) => {
      for (const body of reader.push(chunk)) {
        const request = decodeMessage(body)
        this.received.push(request)
        const reply = this.handler(request)
        if (reply !== null) socket.write(frame(encodeMessage(reply)))
      }
    })
  }
}

/** Waits, polling every 5 ms, until `check` is true; fails after `timeout_ms`. */
export async function until(check: () => boolean, what: string, timeout_ms = 5_000): Promise<void> {
  const deadline = Date.now() + timeout_ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
