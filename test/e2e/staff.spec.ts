import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

test('an administrator adds a clerk, changes its role, and finds both in a verified, exported audit trail', async ({ page }) => {
  // Proves the staff screen drives the host's staff commands, that the administrator's own
  // role cannot be changed from the screen, and that the audit trail shows those actions,
  // verifies its hash chain and downloads the filtered entries as CSV.
  const admin = staffWithRole(readDemo(), 'administrator')
  await signIn(page, admin)
  await page.getByRole('link', { name: 'Staff', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible()

  // The demo database lives for the whole run, so the new login gets a name of its own.
  const username = `clerk.${Date.now().toString(36)}`
  await page.getByRole('button', { name: 'Add staff member' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add staff member' })
  await dialog.getByRole('textbox', { name: 'Username', exact: true }).fill(username)
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Grace Clerk')
  await dialog.getByLabel('Initial password').fill('short')
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog.getByText('Use at least 12 characters')).toBeVisible()
  await dialog.getByLabel('Initial password').fill('a long initial password')
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()

  const table = page.getByRole('table', { name: 'Staff' })
  const row = table.getByRole('row').filter({ hasText: username })
  await expect(row.getByRole('textbox', { name: `Role of ${username}` })).toHaveValue('Back-office clerk')
  await row.getByRole('textbox', { name: `Role of ${username}` }).click()
  await page.getByRole('option', { name: 'Supervisor', exact: true }).click()
  await expect(page.getByText(`Grace Clerk is now supervisor`)).toBeVisible()
  await expect(row.getByRole('textbox', { name: `Role of ${username}` })).toHaveValue('Supervisor')

  const own = table.getByRole('row').filter({ hasText: admin.username })
  await expect(own.getByRole('textbox', { name: `Role of ${admin.username}` })).toBeDisabled()
  await expect(own.getByText('Your own role: another administrator changes it')).toBeVisible()
  await expect(own.getByRole('button', { name: `Disable ${admin.username}` })).toHaveCount(0)
  await screenshot(page, 'staff')

  await page.getByRole('link', { name: 'Audit trail', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Action starts with' }).fill('staff.')
  const entries = page.getByRole('table', { name: 'Audit entries' })
  await expect(entries.getByRole('row').filter({ hasText: 'staff.set_role' }).filter({ hasText: username })).toBeVisible()
  await expect(entries.getByRole('row').filter({ hasText: 'staff.create' }).filter({ hasText: username })).toBeVisible()

  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByText(/^Chain intact: \d+ entries$/)).toBeVisible()

  const download_started = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = await download_started
  expect(download.suggestedFilename()).toMatch(/^centavo-audit-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8')
  expect(csv.split('\r\n')[0]).toBe('id,at,staff_id,staff_username,action,subject,detail_json,prev_sha256,sha256')
  expect(csv).toContain('staff.set_role')
  expect(csv).toContain(username)
  await screenshot(page, 'audit')
})
