/**
 * The back-office screens in the navbar, each with the command it cannot work without: a role
 * that may not send that command does not see the screen at all.
 */
import { mayCall, type ConsoleCommand, type StaffRole } from '../../main/api/console/contract'
import type { Route } from '../shared/route'
import { terminal_staff_roles } from '../../devices/terminals/view'
import { reader_staff_roles } from '../../devices/readers/view'

/** A screen needs a console command, or (the emulated terminals, which have their own API) one of some roles. */
export type NavItem = { label: string; route: Route } & ({ command: ConsoleCommand } | { roles: readonly StaffRole[] })

export const nav_items: readonly NavItem[] = [
  { label: 'Dashboard', route: { screen: 'dashboard' }, command: 'dashboard.get' },
  { label: 'Customers', route: { screen: 'customers' }, command: 'customers.list' },
  { label: 'Journal', route: { screen: 'journal' }, command: 'transfers.list' },
  { label: 'Orders', route: { screen: 'orders' }, command: 'orders.list' },
  { label: 'Bills', route: { screen: 'bills' }, command: 'bills.list' },
  { label: 'Disputes', route: { screen: 'disputes' }, command: 'disputes.list' },
  { label: 'Merchants', route: { screen: 'merchants' }, command: 'merchants.list' },
  { label: 'Settlement', route: { screen: 'settlement' }, command: 'settlement.list' },
  { label: 'Settings', route: { screen: 'settings' }, command: 'settings.get' },
  { label: 'Terminal registry', route: { screen: 'terminal_registry' }, command: 'terminals.list' },
  { label: 'Message log', route: { screen: 'iso_log' }, command: 'iso_messages.list' },
  { label: 'Approvals', route: { screen: 'approvals' }, command: 'approvals.list' },
  { label: 'Staff', route: { screen: 'staff' }, command: 'staff.list' },
  { label: 'Audit trail', route: { screen: 'audit' }, command: 'audit.list' },
  { label: 'Terminals', route: { screen: 'terminals' }, roles: terminal_staff_roles },
  { label: 'Card readers', route: { screen: 'readers' }, roles: reader_staff_roles },
]

export function navItemsFor(role: StaffRole): NavItem[] {
  return nav_items.filter((item) => ('command' in item ? mayCall(role, item.command) : item.roles.includes(role)))
}

/** The item a route belongs to, so a customer's page highlights "Customers". */
export function navItemOf(route: Route): NavItem | undefined {
  const parent: Partial<Record<Route['screen'], Route['screen']>> = { customer: 'customers', merchant: 'merchants', settlement_batch: 'settlement', atm: 'terminals', pos: 'terminals' }
  const screen = parent[route.screen] ?? route.screen
  return nav_items.find((item) => item.route.screen === screen)
}
