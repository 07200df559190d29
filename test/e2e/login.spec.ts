import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

test('an administrator signs in, sees the demo badge and every demo customer', async ({ page }) => {
  // Proves sign-in works with the demo administrator, the demo bank is labelled as test
  // data, and the customers list shows every payer the host seeded.
  const demo = readDemo()
  await page.goto('/')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await screenshot(page, 'login')

  await signIn(page, staffWithRole(demo, 'administrator'))
  await expect(page.getByText('DEMO BANK — test data')).toBeVisible()
  await expect(page.getByRole('banner').getByText(demo.bank)).toBeVisible()
  // Back-office staff land on the dashboard; the customers are one click away.
  await expect(page).toHaveURL(/#\/dashboard$/)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await page.getByRole('link', { name: 'Customers', exact: true }).click()

  const table = page.getByRole('table', { name: 'Customers' })
  expect(demo.payers.length).toBeGreaterThan(0)
  for (const payer of demo.payers) {
    const row = table.getByRole('row').filter({ hasText: payer.payer_id })
    await expect(row).toContainText(payer.name)
  }
  await screenshot(page, 'customers')
})

test('a wrong password is refused with the host message', async ({ page, request }) => {
  // Proves a bad sign-in stays on the login screen and shows the host's own words.
  const admin = staffWithRole(readDemo(), 'administrator')
  const wrong = { username: admin.username, password: `${admin.password}-wrong` }
  const answer = await request.post('/console/api/session.login', { data: wrong })
  const body = (await answer.json()) as { ok: boolean; error?: { message: string } }
  expect(body.ok).toBe(false)
  const host_message = body.error?.message ?? ''
  expect(host_message.length).toBeGreaterThan(0)

  await page.goto('/')
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(wrong.username)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(wrong.password)
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter')
  await expect(page.getByRole('alert')).toContainText(host_message)
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
})

test('a lost session sends the clerk back to sign-in with a reason', async ({ page }) => {
  // Proves that when the host no longer knows the session, the next call returns the clerk
  // to the login screen with a sentence saying why, instead of an error on a dead screen.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('row').nth(1)).toBeVisible()
  await page.context().clearCookies()
  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  await expect(page.getByText('Your session expired, please sign in again')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})
