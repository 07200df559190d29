import { expect, test } from '@playwright/test'
import { readDemo, signIn, staffWithRole } from './demo'

const back_office_screens = ['Customers', 'Journal', 'Orders', 'Merchants', 'Settings']

test('an auditor reads but cannot create customers or edit thresholds', async ({ page }) => {
  // Proves the console hides actions the auditor's role may not call: no "New customer"
  // button and no threshold "Edit", while the lists themselves still load.
  await signIn(page, staffWithRole(readDemo(), 'auditor'))
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByRole('button', { name: 'New customer' })).toHaveCount(0)

  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Micropayment thresholds' }).getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByRole('button', { name: /Edit/ })).toHaveCount(0)

  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByRole('table', { name: 'Customers' }).getByRole('row').nth(1).click()
  await expect(page.getByRole('region', { name: 'Value account' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Fund value account' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Move value' })).toHaveCount(0)
})

test('a branch tester sees no customer screens and the host refuses them', async ({ page }) => {
  // Proves a branch tester gets no customer, money or settings navigation (only the terminal
  // screens their work needs), and that hiding is not the only guard: the host answers 403
  // forbidden when the page asks for customers anyway.
  await signIn(page, staffWithRole(readDemo(), 'branch_tester'))
  await expect(page.getByRole('link', { name: 'Terminal registry', exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Message log', exact: true })).toBeVisible()
  for (const screen of back_office_screens) {
    await expect(page.getByRole('link', { name: screen, exact: true })).toHaveCount(0)
  }

  const answer = await page.evaluate(async () => {
    const response = await fetch('/console/api/customers.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({}),
    })
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } }
  })
  expect(answer.status).toBe(403)
  expect(answer.body.ok).toBe(false)
  expect(answer.body.error?.code).toBe('forbidden')

  await page.goto('/#/customers')
  await expect(page.getByText('Not available to your role')).toBeVisible()
})
