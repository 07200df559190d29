import { expect, test } from '@playwright/test'
import { demoCard, readDemo, screenshot, shootLive, signIn, staffWithRole } from './demo'

/** A German IBAN with valid check digits, typed the way a clerk copies it from a letter. */
const iban_typed = 'de44 5001 0517 5407 3249 31'

test('a clerk onboards a merchant with field errors first; a supervisor sets terms and creates an API key shown once', async ({ page, browser }) => {
  const demo = readDemo()
  const code = `E2E-${Date.now().toString(36).toUpperCase().slice(-8)}`
  const name = `Corner Bookshop ${code}`
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await page.getByRole('link', { name: 'Merchants', exact: true }).click()
  const table = page.getByRole('table', { name: 'Merchants' })
  await expect(table.getByRole('row').filter({ hasText: 'Daily Gazette' })).toContainText('settles at 500.00 USD or every 7 days')
  await screenshot(page, 'merchants-list')

  await page.getByRole('button', { name: 'New merchant' }).click()
  const form = page.getByRole('dialog', { name: 'New merchant' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await form.getByRole('textbox', { name: 'Category' }).fill('Books')
  await form.getByRole('textbox', { name: 'Merchant code' }).fill(code)
  await form.getByRole('textbox', { name: 'Contact name' }).fill('Jo March')
  await form.getByRole('textbox', { name: 'E-mail', exact: true }).fill('jo@bookshop')
  // One digit wrong: the check digits catch it before anything is sent.
  await form.getByRole('textbox', { name: 'IBAN', exact: true }).fill(iban_typed.replace('31', '32'))
  await form.getByRole('textbox', { name: 'BIC', exact: true }).fill('COBA')
  await form.getByRole('button', { name: 'Create merchant' }).click()
  await expect(form.getByText('The IBAN check digits do not match: a character is mistyped.')).toBeVisible()
  await expect(form.getByText('A BIC has 8 or 11 characters', { exact: false })).toBeVisible()
  await expect(form.getByText('An e-mail address looks like name@example.com.')).toBeVisible()
  await expect(form.getByText('Choose the currency the merchant is paid in.')).toBeVisible()
  await screenshot(page, 'merchants-new-errors')

  await form.getByRole('textbox', { name: 'E-mail', exact: true }).fill('jo@bookshop.example.test')
  await form.getByRole('textbox', { name: 'IBAN', exact: true }).fill(iban_typed)
  await form.getByRole('textbox', { name: 'BIC', exact: true }).fill('cobadeffxxx')
  await form.getByRole('textbox', { name: 'Currency' }).click()
  await page.getByRole('option', { name: /^USD/ }).click()
  await form.getByRole('button', { name: 'Create merchant' }).click()
  await expect(form).toBeHidden()
  await expect(page.getByRole('heading', { name })).toBeVisible()
  await expect(page.getByTestId('settlement-iban')).toHaveText('DE44 5001 0517 5407 3249 31')
  await expect(page.getByTestId('terms-in-words')).toContainText('no settlement rule')
  // A clerk edits the profile but neither changes terms nor sees API keys.
  await expect(page.getByRole('button', { name: 'Edit merchant' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Change terms' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'API keys' })).toHaveCount(0)
  const url = page.url()

  const supervisor = await browser.newPage()
  await signIn(supervisor, staffWithRole(demo, 'supervisor'))
  await supervisor.goto(url)
  await expect(supervisor.getByRole('heading', { name })).toBeVisible()
  await supervisor.getByRole('button', { name: 'Change terms' }).click()
  const terms = supervisor.getByRole('dialog', { name: `Commercial terms of ${name}` })
  await terms.getByRole('textbox', { name: 'Wholesale discount' }).fill('2.5')
  await terms.getByRole('textbox', { name: 'Fee per purchase' }).fill('0.05')
  await terms.getByRole('button', { name: 'Save terms' }).click()
  await expect(terms.getByText('Give at least one settlement rule')).toBeVisible()
  await terms.getByRole('textbox', { name: 'Settle when the payable reaches' }).fill('500')
  await terms.getByRole('textbox', { name: 'Settle every', exact: true }).fill('7')
  await expect(terms.getByTestId('terms-preview')).toHaveText(
    'In words: 2.50 % wholesale discount, 0.05 USD per purchase; settles at 500.00 USD or every 7 days, whichever comes first.',
  )
  await screenshot(supervisor, 'merchants-terms-form')
  await terms.getByRole('button', { name: 'Save terms' }).click()
  await expect(terms).toBeHidden()
  await expect(supervisor.getByTestId('terms-in-words')).toHaveText(
    '2.50 % wholesale discount, 0.05 USD per purchase; settles at 500.00 USD or every 7 days, whichever comes first.',
  )
  // The settlement panel on the same page follows the new rule without a reload.
  await expect(supervisor.getByText('No rule: closed by hand only')).toHaveCount(0)

  const keys = supervisor.getByRole('table', { name: 'API keys' })
  await expect(keys).toContainText('No API keys')
  await supervisor.getByRole('button', { name: 'Create API key' }).click()
  const make = supervisor.getByRole('dialog', { name: `New API key for ${name}` })
  await make.getByRole('textbox', { name: 'Label' }).fill('Web shop')
  await make.getByRole('button', { name: 'Create key' }).click()
  const once = supervisor.getByRole('dialog', { name: 'Copy the API key now' })
  await expect(once.getByText('This is the only time the key is shown')).toBeVisible()
  const api_key = (await once.getByTestId('api-key-once').textContent()) ?? ''
  expect(api_key).toMatch(/^cmk_[0-9a-f]{10}_[A-Za-z0-9_-]{32}$/)
  await screenshot(supervisor, 'merchants-api-key-once')
  await once.getByRole('button', { name: 'I have copied it' }).click()
  await expect(once).toBeHidden()
  const row = keys.getByRole('row').filter({ hasText: 'Web shop' })
  const old_prefix = api_key.split('_').slice(0, 2).join('_')
  await expect(row).toContainText(`${old_prefix}_…`)
  // Shown once: the page never shows the key again.
  await expect(supervisor.getByText(api_key)).toHaveCount(0)
  await screenshot(supervisor, 'merchants-detail')

  // Rotate, revoking the old key at once: the successor is shown once, the old row says what replaced it.
  await row.getByRole('button', { name: 'Rotate' }).click()
  const rotate = supervisor.getByRole('dialog', { name: /^Rotate key cmk_/ })
  await rotate.getByRole('checkbox', { name: 'Revoke the old key now' }).check()
  await rotate.getByRole('button', { name: 'Rotate key' }).click()
  const successor = (await once.getByTestId('api-key-once').textContent()) ?? ''
  expect(successor).not.toBe(api_key)
  await once.getByRole('button', { name: 'I have copied it' }).click()
  const new_prefix = successor.split('_').slice(0, 2).join('_')
  const old_row = keys.getByRole('row').filter({ hasText: 'revoked' })
  await expect(old_row).toContainText(`${old_prefix}_…`)
  await expect(old_row).toContainText(`${new_prefix}_…`)
  await expect(old_row.getByRole('button')).toHaveCount(0)
  await expect(keys.getByRole('row').filter({ hasText: 'active' })).toContainText(`${new_prefix}_…`)
  await screenshot(supervisor, 'merchants-api-keys-rotated')
  await supervisor.close()
})

test('the merchant page of the shared demo POS lists the merchants it takes payments for', async ({ page }) => {
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'supervisor'))
  await page.getByRole('link', { name: 'Merchants', exact: true }).click()
  await page.getByRole('table', { name: 'Merchants' }).getByRole('row').filter({ hasText: 'Pixel Arcade' }).click()
  const pos = page.getByRole('table', { name: 'Point-of-sale terminals' })
  await expect(pos.getByRole('row').filter({ hasText: 'POS00001' })).not.toContainText('shared')
  const row = pos.getByRole('row').filter({ hasText: 'POS00002' })
  await expect(row).toContainText('shared')
  await expect(row).toContainText('PIXEL-001')
  await expect(row).toContainText('SONG-001')
  await expect(row).toContainText('owner (default when field 42 is empty)')
  await screenshot(page, 'merchants-shared-pos')
})

test('on the shared demo POS a tester takes a payment for Song Stream: the screen and receipt name it, its payable grows', async ({ page, browser }) => {
  const demo = readDemo()
  const card = demoCard(demo, 'approved')
  const supervisor = await browser.newPage()
  await signIn(supervisor, staffWithRole(demo, 'supervisor'))
  const payable = async () => {
    await supervisor.goto('/#/merchants')
    await supervisor.getByRole('table', { name: 'Merchants' }).getByRole('row').filter({ hasText: 'Song Stream' }).click()
    return (await supervisor.getByTestId('payable-balance').textContent()) ?? ''
  }
  const before = await payable()

  await signIn(page, staffWithRole(demo, 'branch_tester'))
  await page.getByRole('link', { name: 'Terminals', exact: true }).click()
  await page.getByRole('table', { name: 'Emulated terminals' }).getByRole('link', { name: 'POS00002' }).click()
  await expect(page.getByTestId('link-status')).toHaveText('Online')
  await page.getByRole('textbox', { name: 'Payment for' }).click()
  await page.getByRole('option', { name: /^Song Stream/ }).click()
  await expect(page.getByRole('textbox', { name: 'Payment for' })).toHaveValue('Song Stream (SONG-001)')
  const keypad = page.getByRole('group', { name: 'Keypad' })
  const press = async (keys: string) => {
    for (const key of keys) await keypad.getByRole('button', { name: key, exact: true }).click()
  }
  await press('1')
  await press('199')
  await keypad.getByRole('button', { name: 'Enter' }).click()
  await page.getByRole('button', { name: `Swipe ${card.label}` }).click()
  await press(card.pin)
  await keypad.getByRole('button', { name: 'Enter' }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Approved')
  await expect(page.getByRole('region', { name: 'POS screen' })).toContainText('For Song Stream')
  await expect(page.getByLabel('Receipt', { exact: true })).toContainText('MERCHANT')
  await expect(page.getByLabel('Receipt', { exact: true })).toContainText('Song Stream')
  await expect(page.getByLabel('ISO 8583 messages', { exact: true }).getByLabel('0200 sent')).toContainText('SONG-001')
  await shootLive(page, 'merchants-shared-pos-sale')
  await keypad.getByRole('button', { name: 'Enter' }).click()
  // Back to the owner, as the next tester expects to find it.
  await page.getByRole('textbox', { name: 'Payment for' }).click()
  await page.getByRole('option', { name: /terminal owner/ }).click()

  const after = await payable()
  const minor = (text: string) => Number(text.replace(/[^0-9]/g, ''))
  expect(minor(after) - minor(before)).toBe(199)
  await supervisor.close()
})
