import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash } from '../../../renderer/shared/route'
import { navItemOf, navItemsFor } from '../../../renderer/screens/navigation'

describe('terminal routes and navigation', () => {
  // Proves the terminal addresses parse, round-trip, and refuse ids the host never issues.
  it('parses #/terminals, #/atm/<id> and #/pos/<id>', () => {
    expect(parseRoute('#/terminals')).toEqual({ screen: 'terminals' })
    expect(parseRoute('#/atm/ATM00001')).toEqual({ screen: 'atm', terminal_id: 'ATM00001' })
    expect(parseRoute('#/pos/POS00001/')).toEqual({ screen: 'pos', terminal_id: 'POS00001' })
    for (const bad of ['#/atm/atm00001', '#/atm/ATM0001', '#/pos/POS00001/x', '#/atm']) expect(parseRoute(bad).screen, bad).toBe('not_found')
    for (const route of [{ screen: 'terminals' }, { screen: 'atm', terminal_id: 'ATM00002' }, { screen: 'pos', terminal_id: 'POS00001' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route)
    }
  })

  // Proves the Terminals entry shows for the roles the host lets drive terminals, and that an
  // ATM or POS page highlights it.
  it('shows Terminals to testers, technicians, supervisors and administrators only', () => {
    const has = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).some((item) => item.label === 'Terminals')
    expect(['administrator', 'supervisor', 'branch_tester', 'technician'].map((r) => has(r as Parameters<typeof navItemsFor>[0]))).toEqual([true, true, true, true])
    expect(has('back_office_clerk')).toBe(false)
    expect(has('auditor')).toBe(false)
    expect(navItemOf({ screen: 'atm', terminal_id: 'ATM00001' })?.label).toBe('Terminals')
    expect(navItemOf({ screen: 'pos', terminal_id: 'POS00001' })?.label).toBe('Terminals')
  })
})
