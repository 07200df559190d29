/**
 * The terminal service over HTTP, for the ATM and POS screens: JSON in, JSON out, every
 * change answered with the terminal's new view, and a Server-Sent Events stream per
 * terminal. The host mounts this at /devices/api behind its staff-session check.
 *
 * Why a stream and not polling: a terminal changes on its own, seconds after a key press
 * (the host's answer, a timeout and its reversal, a dropped link), and a tester should see
 * it the moment it happens. One stream per open screen pushes the view only when it
 * changed; polling would either lag or ask many times a second for nothing.
 *
 *   GET  /terminals                       list
 *   POST /terminals                       add one (TerminalConfig)
 *   GET  /terminals/:id                   its view
 *   GET  /terminals/:id/events            SSE: 'view' events with the whole view
 *   POST /terminals/:id/keys              { key }
 *   POST /terminals/:id/card              { label } from the wallet, or { track2, pan? }
 *   POST /terminals/:id/take              { item: 'card' | 'cash' | 'receipt' }
 *   POST /terminals/:id/supervisor        { action, ... }
 *   POST /terminals/:id/merchant          { acceptor_id, merchant_name }: shared POS, whom the next payment is for
 *   GET  /terminals/:id/journal           newest first
 *   GET  /terminals/:id/messages          the whole message log, masked
 *   GET  /wallet, POST /wallet            cards (masked) / add one
 */
import { Wakeup } from '../http/wakeup'
import { BadRequest, jsonBody } from '../http/json-body'
import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { CardLabelTaken, CardWalletFull } from '../cards/wallet'
import { PlasticInvalid } from '../cards/plastic'
import { TerminalActionRefused, TerminalConfigInvalid, TerminalExists, TerminalNotFound } from './errors'
import { card_insert, isTerminalKey, key_press, merchant_choice, plastic_input, supervisor_action, take_item, terminal_config } from './schemas'
import type { TerminalService } from './service'
import type { TerminalProblemView, WalletCardView } from './view'

/** A stream ends after this long and the browser's EventSource opens a new one, so the session is checked again. */
export const sse_stream_max_ms = 10 * 60 * 1000
/** A comment line this often keeps proxies from closing a quiet stream. */
export const sse_keepalive_ms = 15_000


function problem(error: unknown): { status: ContentfulStatusCode; body: TerminalProblemView } | null {
  const of = (status: ContentfulStatusCode, code: string, message: string) => ({ status, body: { code, message } })
  if (error instanceof BadRequest) return of(400, 'bad_request', error.message)
  if (error instanceof TerminalConfigInvalid || error instanceof PlasticInvalid) return of(400, 'bad_request', error.message)
  if (error instanceof TerminalNotFound) return of(404, 'not_found', error.message)
  if (error instanceof TerminalExists || error instanceof CardLabelTaken || error instanceof CardWalletFull) return of(409, 'conflict', error.message)
  if (error instanceof TerminalActionRefused) return of(409, 'refused', error.message)
  return null
}

export function terminalApp(service: TerminalService, log: (line: string) => void = (line) => console.log(line)): Hono {
  const app = new Hono()
  const id = (c: Context) => c.req.param('id') ?? ''

  app.get('/terminals', (c) => c.json(service.list()))
  app.post('/terminals', async (c) => c.json(service.addTerminal(await jsonBody(c, terminal_config)), 201))
  app.get('/terminals/:id', (c) => c.json(service.view(id(c))))
  app.post('/terminals/:id/keys', async (c) => {
    const { key } = await jsonBody(c, key_press)
    if (!isTerminalKey(key)) throw new BadRequest(`"${key}" is not a key of the terminal.`)
    return c.json(service.press(id(c), key))
  })
  app.post('/terminals/:id/card', async (c) => {
    const input = await jsonBody(c, card_insert)
    return c.json('label' in input ? service.insertWalletCard(id(c), input.label) : service.insertCard(id(c), input.track2, input.pan))
  })
  app.post('/terminals/:id/take', async (c) => c.json(service.take(id(c), (await jsonBody(c, take_item)).item)))
  app.post('/terminals/:id/supervisor', async (c) => c.json(service.supervisor(id(c), await jsonBody(c, supervisor_action))))
  app.post('/terminals/:id/merchant', async (c) => c.json(service.chooseMerchant(id(c), await jsonBody(c, merchant_choice))))
  app.get('/terminals/:id/journal', (c) => c.json(service.journal(id(c))))
  app.get('/terminals/:id/messages', (c) => c.json(service.messages(id(c))))
  app.get('/wallet', (c) => c.json(service.walletList()))
  app.post('/wallet', async (c) => {
    const plastic = service.wallet.add(await jsonBody(c, plastic_input))
    const added = service.walletList().find((card) => card.label === plastic.label)
    return c.json(added satisfies WalletCardView | undefined, 201)
  })

  app.get('/terminals/:id/events', (c) => {
    const terminal_id = id(c)
    // Checked before the stream starts, so an unknown terminal is a 404, not an empty stream.
    service.view(terminal_id)
    return streamSSE(c, async (stream) => {
      let dirty = true
      const wakeup = new Wakeup()
      const unsubscribe = service.subscribe(terminal_id, () => {
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
        // Bounded by sse_stream_max_ms; each turn waits for a change or the keep-alive.
        while (open && Date.now() < ends_at) {
          if (dirty) {
            dirty = false
            await stream.writeSSE({ event: 'view', data: JSON.stringify(service.view(terminal_id)) })
            continue
          }
          const woke = await wakeup.wait(sse_keepalive_ms)
          if (!woke && open) await stream.write(': keep-alive\n\n')
        }
      } finally {
        unsubscribe()
      }
    })
  })

  app.onError((error, c) => {
    const known = problem(error)
    if (known !== null) return c.json(known.body, known.status)
    log(`terminal service: internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return c.json({ code: 'internal', message: 'Internal error in the terminal service; the host has logged the details.' } satisfies TerminalProblemView, 500)
  })
  return app
}
