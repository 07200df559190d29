import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fieldString } from '../../../main/iso8583/codec'
import { startTerminalService, type TerminalService } from '../../../devices/terminals/service'
import { terminalApp } from '../../../devices/terminals/http'
import type { TerminalView, WalletCardView } from '../../../devices/terminals/view'
import { FakeHost, until } from './fake-host'
import { card, config, pan, pin } from './setup'

const cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function started(state_file: string | null, host: FakeHost): Promise<TerminalService> {
  const service = await startTerminalService({ state_file, log: () => {}, link_timings: { reconnect_delay_min_ms: 20 } })
  cleanup.push(() => service.close())
  if (!service.hasTerminal('ATM00001')) service.addTerminal(config('atm', host.port))
  await until(() => service.view('ATM00001').link.status === 'online', 'sign-on')
  return service
}

describe('terminal service state file', () => {
  // Proves what a terminal must remember survives a restart: the STAN counter (so an
  // identity is never reused), the PIN key, cassettes, journal and wallet; and that the
  // file is private to its owner.
  it('restores STAN, cassettes, journal and wallet after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'centavo-terminals-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'terminals.json')
    const host = await FakeHost.start()
    cleanup.push(() => host.close())

    const first = await started(file, host)
    first.wallet.add(card)
    first.insertWalletCard('ATM00001', card.label)
    for (const key of [...pin, 'enter', 'R1', 'L1'] as const) first.press('ATM00001', key as Parameters<TerminalService['press']>[1])
    await until(() => first.view('ATM00001').screen.name === 'finished', 'the withdrawal')
    await first.close()
    const last_stan = Number(fieldString(host.received.at(-1)!, 11))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain(card.discretionary + '?')

    const second = await started(file, host)
    expect(second.walletList().map((c) => c.label)).toEqual([card.label])
    expect(second.journal('ATM00001')).toHaveLength(1)
    expect(second.view('ATM00001').cassettes[1]).toMatchObject({ count: 199, dispensed: 1 })
    const sign_on = host.requests('0800').at(-1)!
    expect(Number(fieldString(sign_on, 11))).toBe(last_stan + 1)
  })
})

describe('terminal service HTTP API', () => {
  async function api() {
    const host = await FakeHost.start()
    cleanup.push(() => host.close())
    const service = await started(null, host)
    service.wallet.add(card)
    const app = terminalApp(service, () => {})
    const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { app, post, service, host }
  }

  // Proves the screens' endpoints: list, view, a key press answered with the new view, the
  // wallet listed with masked numbers only.
  it('lists terminals, presses keys, lists the wallet masked', async () => {
    const { app, post } = await api()
    const list = (await (await app.request('/terminals')).json()) as Array<{ terminal_id: string; link: { status: string } }>
    expect(list).toEqual([expect.objectContaining({ terminal_id: 'ATM00001', kind: 'atm', link: expect.objectContaining({ status: 'online' }) })])
    const wallet = (await (await app.request('/wallet')).json()) as WalletCardView[]
    expect(wallet).toEqual([{ label: card.label, pan_masked: '•••• 0119', name: card.name, expiry_yymm: card.expiry_yymm }])
    expect(JSON.stringify(wallet)).not.toContain(pan)

    const inserted = (await (await post('/terminals/ATM00001/card', { label: card.label })).json()) as TerminalView
    expect(inserted.screen.name).toBe('pin')
    const pressed = (await (await post('/terminals/ATM00001/keys', { key: '7' })).json()) as TerminalView
    expect(pressed.screen.entry?.text).toBe('●')
    expect(pressed.version).toBeGreaterThan(inserted.version)
  })

  // Proves refusals are JSON problems with a status a screen can act on.
  it('answers problems as JSON: 400, 404, 409', async () => {
    const { app, post } = await api()
    const unknown_key = await post('/terminals/ATM00001/keys', { key: 'F9' })
    expect(unknown_key.status).toBe(400)
    expect(await unknown_key.json()).toMatchObject({ code: 'bad_request' })
    const missing = await app.request('/terminals/NOPE0000')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'not_found', message: 'There is no emulated terminal NOPE0000.' })
    const no_card = await post('/terminals/ATM00001/take', { item: 'card' })
    expect(no_card.status).toBe(409)
    expect(await no_card.json()).toMatchObject({ code: 'refused', message: 'There is no card to take.' })
    const bad_config = await post('/terminals', { ...config('pos', 1), terminal_id: 'bad' })
    expect(bad_config.status).toBe(400)
    const again = await post('/terminals', config('atm', 1))
    expect(again.status).toBe(409)
  })

  // Proves the event stream sends the view at once and again after a change.
  it('streams the view on every change', async () => {
    const { app, service } = await api()
    const response = await app.request('/terminals/ATM00001/events')
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const read = async (until_text: string) => {
      // Bounded: the view is a few kilobytes; 50 chunks is far more than two events need.
      for (let chunk = 0; chunk < 50 && !text.includes(until_text); chunk++) {
        const { value, done } = await reader.read()
        if (done) break
        text += decoder.decode(value)
      }
    }
    await read('event: view')
    expect(text).toContain('"name":"idle"')
    service.insertWalletCard('ATM00001', card.label)
    await read('"name":"pin"')
    expect(text).toContain('"name":"pin"')
    await reader.cancel()
  })
})
