import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash } from '../../../renderer/shared/route'
import { navItemOf, navItemsFor } from '../../../renderer/screens/navigation'
import type { StaffRole } from '../../../main/api/console/contract'

describe('card-reader route and navigation', () => {
  // Proves #/readers round-trips and that "Card readers" shows only for the roles the host lets use the reader API.
  it('parses #/readers and shows it to technicians, supervisors and administrators only', () => {
    expect(parseRoute('#/readers')).toEqual({ screen: 'readers' })
    expect(routeHash({ screen: 'readers' })).toBe('#/readers')
    const has = (role: StaffRole) => navItemsFor(role).some((item) => item.label === 'Card readers')
    expect((['technician', 'supervisor', 'administrator'] as const).map(has)).toEqual([true, true, true])
    expect((['branch_tester', 'back_office_clerk', 'auditor'] as const).map(has)).toEqual([false, false, false])
    expect(navItemOf({ screen: 'readers' })?.label).toBe('Card readers')
  })
})
