/**
 * The technician's card-reader screen end to end, with an emulated reader (the test
 * machines have no USB reader): the setup help when no real reader is plugged in, adding
 * an emulated MagTek reader, pairing it to ATM00001, a test swipe and a bad one, and then a
 * swipe on the paired reader inserting the card into the ATM a branch tester has open, PIN
 * and withdrawal approved by the real card host.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { readDemo, signIn, staffWithRole, demoCard, shootLive } from './demo'

async function choose(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click()
  await page.getByRole('option', { name: option }).click()
}

test('a technician pairs an emulated reader to an ATM, test-swipes a card, and a swipe starts a withdrawal', async ({ browser }) => {
  // Proves the path: a reader is added and paired from the screen; a test swipe shows
  // tracks, masked number, name, expiry and service code without reaching the ATM; a bad swipe
  // shows its decode error; a swipe with test mode off inserts the card into the ATM the
  // branch tester is looking at, and the card host approves the withdrawal it starts.
  test.setTimeout(120_000)
  const demo = readDemo()
  const card = demoCard(demo, 'a withdrawal is approved')
  const service_code = card.track2.split('=')[1]?.slice(4, 7) ?? ''
  const masked = `${card.pan.slice(0, 6)}${'*'.repeat(card.pan.length - 10)}${card.pan.slice(-4)}`

  const technician = await (await browser.newContext()).newPage()
  await signIn(technician, staffWithRole(demo, 'technician'))
  await technician.getByRole('link', { name: 'Card readers', exact: true }).click()
  await expect(technician.getByRole('heading', { name: 'Card readers' })).toBeVisible()
  const help = technician.getByRole('region', { name: 'Reader setup help' })
  await expect(help).toContainText('No USB card reader in the list?')
  await expect(help.getByLabel('udev rule', { exact: true })).toContainText('ATTRS{idVendor}=="0801"')
  await expect(help.getByLabel('Reload command', { exact: true })).toHaveText('sudo udevadm control --reload-rules && sudo udevadm trigger')
  await expect(help.getByLabel('Join command', { exact: true })).toHaveText('sudo usermod -aG plugdev $USER')
  await shootLive(technician, 'readers-empty')

  await technician.getByRole('button', { name: 'Add emulated reader ▾' }).click()
  await technician.getByRole('menuitem', { name: 'MagTek HID' }).click()
  const reader = technician.getByRole('region', { name: /^Reader EMU-\d{4}$/ }).first()
  await expect(reader.getByTestId('reader-connection')).toHaveText('Plugged in, not in use')
  await expect(technician.getByRole('table', { name: 'HID devices' })).toContainText('known: MagTek HID swipe reader')

  await choose(technician, reader, 'Pair to terminal', /^ATM00001 · ATM/)
  await reader.getByRole('button', { name: 'Pair', exact: true }).click()
  await expect(reader.getByTestId('paired-terminal')).toHaveText('ATM00001')
  await expect(reader.getByTestId('reader-connection')).toHaveText('Connected')
  await expect(reader).toContainText('Found again by its serial number')

  // A click, not check(): the switch shows the host's answer, which comes a moment later.
  await reader.getByRole('switch', { name: /Test swipe/ }).click()
  await expect(reader.getByRole('switch', { name: /Test swipe/ })).toBeChecked()
  await choose(technician, reader, 'Card to swipe', new RegExp(`^${card.label}`))
  await reader.getByRole('button', { name: 'Swipe', exact: true }).click()
  const panel = technician.getByRole('region', { name: 'Test swipe' })
  const result = panel.getByTestId('test-result').first()
  await expect(result.getByTestId('test-pan')).toHaveText(masked)
  await expect(result.getByTestId('test-expiry')).toHaveText(`${card.expiry_yymm.slice(2)}/${card.expiry_yymm.slice(0, 2)}`)
  await expect(result.getByTestId('test-service-code')).toHaveText(service_code)
  await expect(result).toContainText('Track 1 ✓')
  await expect(result).toContainText('Track 2 ✓')
  await expect(technician.locator('body')).not.toContainText(card.pan)
  await shootLive(technician, 'readers-test-swipe')

  await reader.getByRole('button', { name: 'Bad swipe ▾' }).click()
  await technician.getByRole('menuitem', { name: 'Impossible expiry month' }).click()
  await expect(panel.getByTestId('test-result').first().getByTestId('test-error')).toContainText('Please swipe again: the expiry date on the stripe is not a valid month.')
  await shootLive(technician, 'readers-bad-swipe')
  await reader.getByRole('switch', { name: /Test swipe/ }).click()
  await expect(reader.getByRole('switch', { name: /Test swipe/ })).not.toBeChecked()

  const atm = await (await browser.newContext()).newPage()
  await signIn(atm, staffWithRole(demo, 'branch_tester'))
  await atm.goto('/#/atm/ATM00001')
  await expect(atm.getByTestId('link-status')).toHaveText('Online')
  await expect(atm.getByTestId('screen-title')).toHaveText('Welcome')

  await reader.getByRole('button', { name: 'Swipe', exact: true }).click()
  await expect(atm.getByTestId('screen-title')).toHaveText('Please enter your PIN')
  await expect(atm.getByRole('region', { name: 'Card slot' })).toContainText(card.pan.slice(-4))
  await expect(reader.getByTestId('last-swipe')).toContainText('Card inserted into ATM00001.')
  await expect(technician.getByRole('region', { name: 'Reader events' })).toContainText(`card ${masked} inserted into ATM00001`)
  await shootLive(technician, 'readers-paired')

  const keypad = atm.getByRole('group', { name: 'Keypad' })
  for (const digit of card.pin) await keypad.getByRole('button', { name: digit, exact: true }).click()
  await keypad.getByRole('button', { name: 'Enter' }).click()
  await expect(atm.getByTestId('screen-title')).toHaveText('Please select a transaction')
  await atm.getByRole('button', { name: /^Withdrawal \(R1\)$/ }).click()
  await atm.getByRole('button', { name: 'USD 60.00 (L3)' }).click()
  await expect(atm.getByTestId('screen-title')).toHaveText('Please take your card and your cash')
  const messages = atm.getByLabel('ISO 8583 messages', { exact: true })
  await expect(messages.getByLabel('0210 received').last().getByRole('row', { name: /^39 Response code 00$/ })).toBeVisible()
  // The swiped track went into field 35 of the 0200, shown masked like every card number.
  const track2_row = messages.getByLabel('0200 sent').last().getByRole('row', { name: /^35 Track 2 data / })
  await expect(track2_row).toContainText(card.pan.slice(-4))
  await expect(track2_row).toContainText('=****')
  await expect(messages).not.toContainText(card.pan)
  await shootLive(atm, 'readers-atm-withdrawal')

  await atm.getByRole('button', { name: 'Take card' }).click()
  await atm.getByRole('button', { name: 'Take cash' }).click()
  await atm.getByRole('button', { name: 'Take receipt' }).click()
  await expect(atm.getByTestId('screen-title')).toHaveText('Welcome')

  // Unplugged, the reader keeps its pairing and says so; plugged back, it is read again.
  await reader.getByRole('button', { name: 'Unplug', exact: true }).click()
  await expect(reader.getByTestId('reader-connection')).toHaveText('Disconnected')
  await expect(reader.getByTestId('paired-terminal')).toHaveText('ATM00001')
  await shootLive(technician, 'readers-unplugged')
  await reader.getByRole('button', { name: 'Plug in', exact: true }).click()
  await expect(reader.getByTestId('reader-connection')).toHaveText('Connected')
})

test('a branch tester has no card-reader screen, and the host refuses its API', async ({ page }) => {
  // Proves the reader API's narrower roles hold at the host, not only in the navigation.
  await signIn(page, staffWithRole(readDemo(), 'branch_tester'))
  await expect(page.getByRole('link', { name: 'Terminals', exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Card readers', exact: true })).toHaveCount(0)
  const status = await page.evaluate(async () => (await fetch('/devices/api/readers', { credentials: 'same-origin' })).status)
  expect(status).toBe(403)
})
