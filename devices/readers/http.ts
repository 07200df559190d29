/**
 * The reader service over HTTP, for the technician's screen. The host mounts this at
 * /devices/api/readers behind its staff-session check, for the roles in `reader_staff_roles`.
 * Reader ids go in bodies, not paths: they hold colons and, for a reader without a serial
 * number, an OS path with slashes.
 *
 *   GET  /                     ReadersView: readers with status, pairing, last swipe
 *   GET  /hid-devices          HidDevicesView: every HID device, the known flag, udev help
 *   GET  /events               SSE: 'reader' events (ReaderEventView) and 'readers' snapshots
 *   POST /pair                 { reader_id, terminal_id }
 *   POST /unpair               { reader_id }
 *   POST /test-mode            { reader_id, on }
 *   POST /retry                { reader_id }: open again after fixing what failed
 *   POST /emulated             { format }: add an emulated reader, plugged in
 *   POST /emulated/remove      { reader_id }
 *   POST /emulated/plug        { reader_id, plugged }
 *   POST /emulated/swipe       { reader_id, label, bad? }: swipe a wallet card, well or badly
 *
 * Every POST answers with the new ReadersView.
 */
import { Wakeup } from '../http/wakeup'
import { BadRequest, jsonBody } from '../http/json-body'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { ReaderService } from './reader-service'
import { ReaderActionRefused, ReaderUnknown } from './service-errors'
import { bad_swipe_labels, type BadSwipeKindView, type ReaderEventView, type ReaderProblemAnswer } from './view'

/** A stream ends after this long and the browser's EventSource opens a new one, so the session is checked again. */
export const sse_stream_max_ms = 10 * 60 * 1000
/** A comment line this often keeps proxies from closing a quiet stream. */
export const sse_keepalive_ms = 15_000
/** Events waiting for a slow stream; older ones are dropped (the 'readers' snapshot still tells the state). */
export const sse_events_queued_max = 100

const reader_id = z.string().min(1).max(300)
const bad_kinds = Object.keys(bad_swipe_labels) as [BadSwipeKindView, ...BadSwipeKindView[]]
const schemas = {
  pair: z.object({ reader_id, terminal_id: z.string().regex(/^[A-Z0-9]{8}$/, 'a terminal id is 8 capital letters or digits') }).strict(),
  reader: z.object({ reader_id }).strict(),
  test_mode: z.object({ reader_id, on: z.boolean() }).strict(),
  add: z.object({ format: z.enum(['magtek_hid', 'idtech', 'keyboard']) }).strict(),
  plug: z.object({ reader_id, plugged: z.boolean() }).strict(),
  swipe: z.object({ reader_id, label: z.string().min(1).max(40), bad: z.enum(bad_kinds).optional() }).strict(),
}


export function readerApp(service: ReaderService, log: (line: string) => void = (line) => console.log(line)): Hono {
  const app = new Hono()
  app.get('/', (c) => c.json(service.readers()))
  app.get('/hid-devices', async (c) => c.json(await service.hidDevices()))
  app.post('/pair', async (c) => {
    const { reader_id, terminal_id } = await jsonBody(c, schemas.pair)
    service.pair(reader_id, terminal_id)
    return c.json(service.readers())
  })
  app.post('/unpair', async (c) => {
    service.unpair((await jsonBody(c, schemas.reader)).reader_id)
    return c.json(service.readers())
  })
  app.post('/test-mode', async (c) => {
    const { reader_id, on } = await jsonBody(c, schemas.test_mode)
    service.setTestMode(reader_id, on)
    return c.json(service.readers())
  })
  app.post('/retry', async (c) => {
    service.retry((await jsonBody(c, schemas.reader)).reader_id)
    return c.json(service.readers())
  })
  app.post('/emulated', async (c) => {
    service.addEmulated((await jsonBody(c, schemas.add)).format)
    return c.json(service.readers(), 201)
  })
  app.post('/emulated/remove', async (c) => {
    service.removeEmulated((await jsonBody(c, schemas.reader)).reader_id)
    return c.json(service.readers())
  })
  app.post('/emulated/plug', async (c) => {
    const { reader_id, plugged } = await jsonBody(c, schemas.plug)
    service.setPlugged(reader_id, plugged)
    return c.json(service.readers())
  })
  app.post('/emulated/swipe', async (c) => {
    const { reader_id, label, bad } = await jsonBody(c, schemas.swipe)
    service.emulatedSwipe(reader_id, label, bad)
    return c.json(service.readers())
  })
  app.get('/events', (c) => streamSSE(c, (stream) => streamEvents(service, stream)))

  app.onError((error, c) => {
    const answer = (status: 400 | 404 | 409, code: string) => c.json({ code, message: error.message } satisfies ReaderProblemAnswer, status)
    if (error instanceof BadRequest) return answer(400, 'bad_request')
    if (error instanceof ReaderUnknown) return answer(404, 'not_found')
    if (error instanceof ReaderActionRefused) return answer(409, 'refused')
    log(`card readers: internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return c.json({ code: 'internal', message: 'Internal error in the card-reader service; the host has logged the details.' } satisfies ReaderProblemAnswer, 500)
  })
  return app
}

type SseStream = Parameters<Parameters<typeof streamSSE>[1]>[0]

/** Sends each event as it happens and a 'readers' snapshot after each burst, until the client leaves or the stream's time is up. */
async function streamEvents(service: ReaderService, stream: SseStream): Promise<void> {
  const queued: ReaderEventView[] = []
  let dirty = true
  const wakeup = new Wakeup()
  const unsubscribe = service.subscribe((event) => {
    if (event !== null) {
      queued.push(event)
      if (queued.length > sse_events_queued_max) queued.shift()
    }
    dirty = true
    wakeup.wake()
  })
  let open = true
  stream.onAbort(() => {
    open = false
    wakeup.wake()
  })
  const ends_at = Date.now() + sse_stream_max_ms
  try {
    // Bounded by sse_stream_max_ms; each turn sends what is queued or waits for a change or the keep-alive.
    while (open && Date.now() < ends_at) {
      const event = queued.shift()
      if (event !== undefined) {
        await stream.writeSSE({ event: 'reader', data: JSON.stringify(event) })
        continue
      }
      if (dirty) {
        dirty = false
        await stream.writeSSE({ event: 'readers', data: JSON.stringify(service.readers()) })
        continue
      }
      const woke = await wakeup.wait(sse_keepalive_ms)
      if (!woke && open) await stream.write(': keep-alive\n\n')
    }
  } finally {
    unsubscribe()
  }
}
