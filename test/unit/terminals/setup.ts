/** A terminal service with one ATM and one POS pointed at a fake host, and a card in the wallet. */
import { afterEach } from 'vitest'
import { decryptPinBlock, pinFromBlockFormat0 } from '../../../main/cards/crypto/pin-block'
import { fieldBytes, type IsoMessage } from '../../../main/iso8583/codec'
import { TerminalService } from '../../../devices/terminals/service'
import type { TerminalConfig } from '../../../devices/terminals/config'
import type { TerminalKey, TerminalView } from '../../../devices/terminals/view'
import { FakeHost, until, type Handler } from './fake-host'

export const pin_key_hex = '0123456789ABCDEFFEDCBA9876543210'
export const pan = '4761739001010119'
export const pin = '1234'
export const card = { label: 'Ada test card', pan, name: 'LOVELACE/ADA', expiry_yymm: '2812', service_code: '101', discretionary: '1234567890' }

const running: Array<{ host: FakeHost; service: TerminalService }> = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.service.close()
    await r.host.close()
  }
})

export function config(kind: 'atm' | 'pos', port: number, extra: Partial<TerminalConfig> = {}): TerminalConfig {
  return {
    terminal_id: kind === 'atm' ? 'ATM00001' : 'POS00001',
    kind,
    iso_host: '127.0.0.1',
    iso_port: port,
    pin_key_hex,
    currency: { numeric: '840', alpha: 'USD', exponent: 2 },
    location: kind === 'atm' ? 'Main St branch' : 'Corner Shop, Main St',
    ...extra,
  }
}

export interface Bench {
  host: FakeHost
  service: TerminalService
  id: string
  view(): TerminalView
  press(...keys: TerminalKey[]): void
  /** Waits until the screen has this name. */
  screen(name: string): Promise<TerminalView>
  log: string[]
}

export async function bench(
  kind: 'atm' | 'pos',
  options: { handler?: Handler; reply_timeout_ms?: number; customer_idle_ms?: number; extra?: Partial<TerminalConfig> } = {},
): Promise<Bench> {
  const host = await FakeHost.start(options.handler)
  const log: string[] = []
  const service = new TerminalService({
    state_file: null,
    log: (line) => log.push(line),
    link_timings: { reply_timeout_ms: options.reply_timeout_ms ?? 2_000, reconnect_delay_min_ms: 20 },
    ...(options.customer_idle_ms !== undefined ? { terminal_timings: { customer_idle_ms: options.customer_idle_ms } } : {}),
  })
  running.push({ host, service })
  const { terminal_id: id } = service.addTerminal(config(kind, host.port, options.extra))
  service.wallet.add(card)
  const view = () => service.view(id)
  await until(() => view().link.status === 'online', 'sign-on')
  return {
    host,
    service,
    id,
    view,
    log,
    press: (...keys) => {
      for (const key of keys) service.press(id, key)
    },
    screen: async (name) => {
      await until(() => view().screen.name === name, `screen ${name} (now ${view().screen.name}: ${view().screen.title})`)
      return view()
    },
  }
}

/** The clear PIN inside a request's field 52, decrypted with the terminal's key, as the host would. */
export function pinOf(request: IsoMessage): string {
  const block = fieldBytes(request, 52)
  if (block === undefined) throw new Error('no PIN block')
  const reading = pinFromBlockFormat0(decryptPinBlock(block, Buffer.from(pin_key_hex, 'hex')), pan)
  if (!reading.ok) throw new Error(reading.reason)
  return reading.pin
}
