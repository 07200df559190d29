import { afterEach, describe, expect, it } from 'vitest'
import { fieldString } from '../../../main/iso8583/codec'
import { IsoClient, default_link_timings, type LinkStatus } from '../../../devices/terminals/iso-client'
import { StanCounter } from '../../../devices/terminals/stan'
import { networkRequest } from '../../../devices/terminals/messages'
import { FakeHost, answer, approving, until } from './fake-host'

const stopping: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const stop of stopping.splice(0)) await stop()
})

async function client(host: FakeHost, timings: Partial<typeof default_link_timings> = {}) {
  const statuses: LinkStatus[] = []
  const c = new IsoClient({
    terminal_id: 'ATM00001',
    host: '127.0.0.1',
    port: host.port,
    stan: new StanCounter(41),
    now: () => new Date(),
    timings: { ...default_link_timings, reconnect_delay_min_ms: 20, ...timings },
    onTraffic: () => {},
    onState: (state) => statuses.push(state.status),
    log: () => {},
  })
  stopping.push(() => c.stop())
  c.start()
  return { c, statuses }
}

describe('IsoClient', () => {
  // Proves the client signs on as soon as it connects, with the next STAN after the saved one.
  it('signs on when it connects', async () => {
    const host = await FakeHost.start()
    stopping.push(() => host.close())
    const { c, statuses } = await client(host)
    await until(() => c.state.status === 'online', 'online')
    const sign_on = host.requests('0800')[0]!
    expect(fieldString(sign_on, 70)).toBe('001')
    expect(fieldString(sign_on, 11)).toBe('000042')
    expect(statuses).toEqual(['connecting', 'signing_on', 'online'])
  })

  // Proves a refused sign-on (an unknown terminal) is reported, with the code, not hidden.
  it('reports a refused sign-on', async () => {
    const host = await FakeHost.start((request) => answer(request, '12'))
    stopping.push(() => host.close())
    const { c } = await client(host)
    await until(() => c.state.status === 'refused', 'refused')
    expect(c.state.detail).toContain('response code 12')
  })

  // Proves an echo test goes out after a quiet spell.
  it('sends an echo test when the line is idle', async () => {
    const host = await FakeHost.start()
    stopping.push(() => host.close())
    await client(host, { echo_idle_ms: 50 })
    await until(() => host.requests('0800').some((m) => fieldString(m, 70) === '301'), 'an echo test')
  })

  // Proves the client reconnects and signs on again after the host drops the connection,
  // and that a request waiting at the drop ends as "sent, no answer" (so it is reversed).
  it('reconnects after a drop and fails what was waiting', async () => {
    const host = await FakeHost.start((request) => (request.mti === '0800' ? approving(request) : null))
    stopping.push(() => host.close())
    const { c } = await client(host)
    await until(() => c.state.status === 'online', 'online')
    const waiting = c.exchange({ mti: '0200', fields: new Map([[11, '000999'], [41, 'ATM00001']]) })
    await until(() => host.requests('0200').length === 1, 'the request at the host')
    host.dropConnections()
    expect(await waiting).toEqual({ kind: 'no_answer', sent: true })
    await until(() => host.requests('0800').length === 2 && c.state.status === 'online', 'the second sign-on')
  })

  // Proves a request with no connection is "not sent", so nothing needs reversing.
  it('answers not-sent when there is no connection', async () => {
    const host = await FakeHost.start()
    const port = host.port
    await host.close()
    const { c } = await client({ port } as FakeHost, { reconnect_attempts_max: 1 })
    await until(() => c.state.status === 'offline', 'offline')
    expect(await c.exchange(networkRequest('ATM00001', '301', '000001', new Date()))).toEqual({ kind: 'no_answer', sent: false })
  })
})
