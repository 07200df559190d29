/**
 * The console's screens as hash routes (#/customers/12), parsed by a pure function so the
 * mapping is tested without a browser. Hash routing needs no host support: the host only
 * serves index.html.
 */
export type Route =
  | { screen: 'home' }
  | { screen: 'dashboard' }
  | { screen: 'customers' }
  | { screen: 'customer'; customer_id: number }
  | { screen: 'journal' }
  | { screen: 'orders' }
  | { screen: 'merchants' }
  | { screen: 'merchant'; merchant_id: number }
  | { screen: 'settlement' }
  | { screen: 'settlement_batch'; batch_id: number }
  | { screen: 'bills' }
  | { screen: 'disputes' }
  | { screen: 'settings' }
  | { screen: 'terminal_registry' }
  | { screen: 'iso_log' }
  | { screen: 'terminals' }
  | { screen: 'readers' }
  | { screen: 'staff' }
  | { screen: 'audit' }
  | { screen: 'approvals' }
  | { screen: 'atm'; terminal_id: string }
  | { screen: 'pos'; terminal_id: string }
  | { screen: 'not_found'; path: string }

const simple_screens = ['dashboard', 'customers', 'journal', 'orders', 'merchants', 'settlement', 'bills', 'disputes', 'settings', 'terminal_registry', 'iso_log', 'terminals', 'readers', 'staff', 'audit', 'approvals'] as const

/** A screen's name in the address: words joined by hyphens (#/terminal-registry). */
function pathOf(screen: string): string {
  return screen.replaceAll('_', '-')
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '')
  if (path === '' || path === '/') return { screen: 'home' }
  const segments = path.replace(/^\//, '').split('/')
  const [first, second, ...rest] = segments
  if (rest.length > 0) return { screen: 'not_found', path }
  if (second === undefined) {
    const screen = simple_screens.find((name) => pathOf(name) === first)
    return screen ? { screen } : { screen: 'not_found', path }
  }
  if (/^[1-9]\d{0,14}$/.test(second)) {
    if (first === 'customers') return { screen: 'customer', customer_id: Number(second) }
    if (first === 'merchants') return { screen: 'merchant', merchant_id: Number(second) }
    if (first === 'settlement') return { screen: 'settlement_batch', batch_id: Number(second) }
  }
  // An emulated terminal by its id, as the host registered it (8 capital letters or digits).
  if ((first === 'atm' || first === 'pos') && /^[A-Z0-9]{8}$/.test(second)) {
    return { screen: first, terminal_id: second }
  }
  return { screen: 'not_found', path }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/'
    case 'customer':
      return `#/customers/${route.customer_id}`
    case 'merchant':
      return `#/merchants/${route.merchant_id}`
    case 'settlement_batch':
      return `#/settlement/${route.batch_id}`
    case 'atm':
    case 'pos':
      return `#/${route.screen}/${route.terminal_id}`
    case 'not_found':
      return `#${route.path}`
    default:
      return `#/${pathOf(route.screen)}`
  }
}
