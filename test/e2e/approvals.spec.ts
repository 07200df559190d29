import { expect, test, type Page } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

// A demo customer whose value account is funded; other specs do not adjust it.
const customer = 'Hedy Lamarr'

async function openCustomer(page: Page, name: string) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByLabel('Search').fill(name)
  await page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: name }).click()
  await expect(page.getByRole('heading', { name })).toBeVisible()
}

async function valueBalance(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: 'Value account' }).getByTestId('value-balance').textContent()) ?? ''
}

test('a clerk asks for an adjustment, cannot decide it, and a supervisor approves it so the money moves once', async ({ page, browser }) => {
  // Proves the maker-checker flow on screen: the request changes nothing, the maker's own row
  // waits for a second person with no Approve button, and the supervisor's approval moves
  // the money; a rejected credit-limit request leaves the limit as it was.
  const demo = readDemo()
  const reason = `counted short at the branch ${Date.now().toString(36)}`
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await openCustomer(page, customer)
  const before = await valueBalance(page)

  await page.getByRole('button', { name: 'Request adjustment' }).click()
  const form = page.getByRole('dialog', { name: 'Request a balance adjustment' })
  await form.getByRole('button', { name: 'Request adjustment' }).click()
  await expect(form.getByText('Say why, for the second person')).toBeVisible()
  await form.getByLabel('Amount').fill('5.00')
  await form.getByLabel('Why').fill(reason)
  await form.getByRole('button', { name: 'Request adjustment' }).click()
  await expect(form).toBeHidden()
  expect(await valueBalance(page)).toBe(before)

  await page.getByRole('button', { name: 'Request credit-limit increase' }).click()
  const limit = page.getByRole('dialog', { name: 'Request a credit-limit increase' })
  await limit.getByLabel('New credit limit').fill('1.00')
  await limit.getByLabel('Why').fill('a typo: lower')
  await limit.getByRole('button', { name: 'Request increase' }).click()
  await expect(limit.getByRole('alert')).toContainText('a credit limit can only be raised here')
  await limit.getByLabel('New credit limit').fill('900.00')
  await limit.getByLabel('Why').fill(`long history ${reason}`)
  await limit.getByRole('button', { name: 'Request increase' }).click()
  await expect(limit).toBeHidden()

  await page.getByRole('link', { name: 'Approvals', exact: true }).click()
  const requests = page.getByRole('table', { name: 'Approval requests' })
  const own = requests.getByRole('row').filter({ hasText: reason }).filter({ hasText: 'Balance adjustment' })
  await expect(own).toContainText('Waiting for a second person')
  await expect(own.getByRole('button', { name: /^Approve/ })).toHaveCount(0)

  const checker = await browser.newPage()
  await signIn(checker, staffWithRole(demo, 'supervisor'))
  await checker.getByRole('link', { name: 'Approvals', exact: true }).click()
  const pending = checker.getByRole('table', { name: 'Approval requests' })
  const adjustment = pending.getByRole('row').filter({ hasText: reason }).filter({ hasText: 'Balance adjustment' })
  const increase = pending.getByRole('row').filter({ hasText: `long history ${reason}` })
  await expect(adjustment).toContainText(`Adjust ${customer}'s account`)
  await expect(adjustment.getByRole('button', { name: /^Approve/ })).toBeVisible()
  await screenshot(checker, 'approvals-pending')

  await increase.getByRole('button', { name: /^Reject/ }).click()
  const reject = checker.getByRole('dialog', { name: 'Reject request' })
  await reject.getByLabel('Why').fill('income not shown')
  await reject.getByRole('button', { name: 'Reject' }).click()
  await expect(reject).toBeHidden()
  await expect(increase).toHaveCount(0)

  await adjustment.getByRole('button', { name: /^Approve/ }).click()
  const confirm = checker.getByRole('dialog', { name: 'Approve request' })
  await expect(confirm).toContainText(reason)
  await confirm.getByRole('button', { name: 'Approve' }).click()
  await expect(confirm).toBeHidden()
  await expect(adjustment).toHaveCount(0)

  await checker.locator('label').filter({ hasText: /^Approved$/ }).click()
  await expect(pending.getByRole('row').filter({ hasText: reason })).toContainText('approved')
  await checker.close()

  await openCustomer(page, customer)
  await expect(page.getByRole('region', { name: 'Value account' }).getByTestId('value-balance')).not.toHaveText(before)
  const after = await valueBalance(page)
  const cents = (text: string) => Number(text.replace(/[^\d]/g, ''))
  expect(cents(after) - cents(before)).toBe(500)
})
