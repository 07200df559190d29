import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash, type Route } from '../../../renderer/shared/route'

describe('parseRoute', () => {
  // Proves each screen's address leads to that screen, with or without a trailing slash.
  it('maps every screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' })
    expect(parseRoute('#/')).toEqual({ screen: 'home' })
    expect(parseRoute('#/customers')).toEqual({ screen: 'customers' })
    expect(parseRoute('#/customers/')).toEqual({ screen: 'customers' })
    expect(parseRoute('#/customers/12')).toEqual({ screen: 'customer', customer_id: 12 })
    expect(parseRoute('#/journal')).toEqual({ screen: 'journal' })
    expect(parseRoute('#/orders')).toEqual({ screen: 'orders' })
    expect(parseRoute('#/merchants')).toEqual({ screen: 'merchants' })
    expect(parseRoute('#/settings')).toEqual({ screen: 'settings' })
    expect(parseRoute('#/terminal-registry')).toEqual({ screen: 'terminal_registry' })
    expect(parseRoute('#/iso-log')).toEqual({ screen: 'iso_log' })
    expect(parseRoute('#/staff')).toEqual({ screen: 'staff' })
    expect(parseRoute('#/audit')).toEqual({ screen: 'audit' })
    expect(parseRoute('#/approvals')).toEqual({ screen: 'approvals' })
  })

  // Proves an address that names no screen, or no valid customer id, is not guessed at.
  it('sends unknown addresses to not_found', () => {
    for (const hash of ['#/nope', '#/customers/0', '#/customers/abc', '#/customers/-1', '#/customers/1.5', '#/customers/1/x', '#/journal/3', '#/terminal_registry', '#/iso_log']) {
      expect(parseRoute(hash).screen, hash).toBe('not_found')
    }
  })

  // Proves routeHash and parseRoute agree, so links and the address bar never drift apart.
  it('round-trips through routeHash', () => {
    const routes: Route[] = [
      { screen: 'home' },
      { screen: 'customers' },
      { screen: 'customer', customer_id: 7 },
      { screen: 'journal' },
      { screen: 'orders' },
      { screen: 'merchant', merchant_id: 7 },
      { screen: 'settlement_batch', batch_id: 42 },
      { screen: 'merchants' },
      { screen: 'settings' },
      { screen: 'terminal_registry' },
      { screen: 'iso_log' },
      { screen: 'staff' },
      { screen: 'audit' },
      { screen: 'approvals' },
    ]
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route)
  })
})
