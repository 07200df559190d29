/**
 * What the end-to-end tests know about the demo bank: only what the host wrote to its demo
 * file (logins, merchant API keys, payers), never numbers copied from the seed code.
 */
import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { e2e_demo_file } from './paths'

export interface DemoFile {
  bank: string
  staff: { username: string; password: string; role: string }[]
  merchants: { merchant_id: number; name: string; currency?: string; api_key: string }[]
  payers: { payer_id: string; password: string; name: string; currency?: string; note?: string }[]
  cards: DemoCard[]
}

/** A demo card as its holder carries it (demo.json lists them for testers). */
export interface DemoCard {
  label: string
  pin: string
  pan: string
  expiry_yymm: string
  track2: string
  note: string
}

/** The demo card whose note says what it is for ("approved", "insufficient funds", ...). */
export function demoCard(demo: DemoFile, note_contains: string): DemoCard {
  const found = demo.cards.find((card) => card.note.includes(note_contains))
  if (!found) throw new Error(`the demo file has no card whose note says "${note_contains}"`)
  return found
}

/**
 * A screenshot of a page with a live event stream (terminals, readers), where waiting for
 * network idle never ends. The pointer is parked so no tooltip covers the picture.
 */
export async function shootLive(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true, animations: 'disabled' })
}

export function readDemo(): DemoFile {
  return JSON.parse(readFileSync(e2e_demo_file, 'utf8')) as DemoFile
}

export function staffWithRole(demo: DemoFile, role: string): DemoFile['staff'][number] {
  const found = demo.staff.find((s) => s.role === role)
  if (!found) throw new Error(`the demo file has no ${role} login`)
  return found
}

export async function signIn(page: Page, login: { username: string; password: string }): Promise<void> {
  await page.goto('/')
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(login.username)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(login.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let notifications and loading overlays settle so the picture shows the screen itself.
  await page.waitForLoadState('networkidle')
  // Transitions run to their end first, so a dialog is never caught half faded in.
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true, animations: 'disabled' })
}
