import net from 'node:net'
import type { HostContext } from '../host/context'
import { decodeMessage, encodeMessage, type IsoMessage } from '../iso8583/codec'
import { Iso8583FormatError } from '../iso8583/errors'
import { FrameReader, frame } from '../iso8583/framing'
import { answerTo, toMessage } from './answer'
import { responseMti } from './identity'
import { GroupCommit } from './group-commit'
import { processMessage, type Logger } from './process'

export const connections_max = 512
export const connection_idle_ms = 10 * 60 * 1000
/** Requests one connection may have waiting for their answers. */
export const in_flight_per_connection_max = 64

export interface CardHost {
  port: number
  close(): Promise<void>
}

/**
 * The ISO 8583 server: one TCP connection per terminal, 2-byte length framing, every
 * request through one group commit. A message that cannot be decoded is answered with
 * response code 30 when its MTI is readable, and never reaches the ledger; a broken
 * frame closes the connection (the stream cannot be resynchronised).
 */
export function startCardHost(ctx: HostContext, options: { port: number; host?: string; log: Logger }): Promise<CardHost> {
  const commit = new GroupCommit<IsoMessage, IsoMessage>(
    ctx.db,
    (request) => processMessage(ctx, request, options.log),
    (request, error) => {
      options.log(`card host: group commit failed: ${error instanceof Error ? error.message : String(error)}`)
      return toMessage(answerTo(request, responseMti(request.mti), '96'))
    },
  )
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    if (sockets.size >= connections_max) {
      socket.destroy()
      return
    }
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.setTimeout(connection_idle_ms, () => socket.destroy())
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const reader = new FrameReader()
    let in_flight = 0
    const send = (message: IsoMessage) => {
      in_flight--
      if (!socket.destroyed) socket.write(frame(encodeMessage(message)))
    }
    socket.on('data', (chunk: Buffer) => {
      let bodies: Buffer[]
      try {
        bodies = reader.push(chunk)
      } catch {
        socket.destroy()
        return
      }
      for (const body of bodies) {
        if (in_flight >= in_flight_per_connection_max) {
          socket.destroy()
          return
        }
        in_flight++
        let request: IsoMessage
        try {
          request = decodeMessage(body)
        } catch (error) {
          if (!(error instanceof Iso8583FormatError)) throw error
          const mti = body.subarray(0, 4).toString('latin1')
          if (/^0[1248][0-3][0-3]$/.test(mti)) send({ mti: responseMti(mti), fields: new Map([[39, '30']]) })
          else in_flight--
          continue
        }
        commit.submit(request, send)
      }
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const address = server.address()
      resolve({
        port: typeof address === 'object' && address ? address.port : options.port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
