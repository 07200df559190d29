import { readFileSync } from 'node:fs'
import type { DemoCredentials } from '../host/demo'

/** Prints the demo bank's administrator login, which a newcomer needs to sign in. */
export function printDemoLogin(demo_file: string): void {
  const demo = JSON.parse(readFileSync(demo_file, 'utf8')) as DemoCredentials
  const admin = demo.staff.find((s) => s.role === 'administrator')
  if (admin) console.log(`centavo: ${demo.bank} staff login: ${admin.username} / ${admin.password}  (every login and API key: ${demo_file})`)
}
