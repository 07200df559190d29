import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../support/db'
import { batchCsv, pain001Xml, setPayoutAccount, validatePain001 } from '../../../main/settlement/files'
import type { BatchLineRow, BatchRow, PayoutRow } from '../../../main/settlement/views'

const batch: BatchRow = {
  id: 7,
  reference: 'STL-2026-000007',
  merchant_id: 3,
  merchant_name: 'Ben & Jerry\'s <"Ice">, Ltd',
  currency: 'EUR',
  exponent: 2,
  closed_by: 'staff',
  staff_name: 'Carl Clerk',
  purchase_count: 2,
  gross_minor: 1_050,
  corrections_minor: 50,
  discount_minor: 10,
  fees_minor: 0,
  net_minor: 990,
  discount_bps: 100,
  fee_per_purchase_minor: 0,
  closed_at: '2026-11-02T09:00:00.000Z',
  period_from: '2026-11-01T10:00:00.000Z',
  payout_status: 'exported',
}
const payout: PayoutRow = {
  id: 1,
  batch_id: 7,
  attempt: 1,
  message_id: 'STL-2026-000007-A1',
  status: 'exported',
  creditor_iban: 'FR7630006000011234567890189',
  creditor_bic: null,
  creditor_account_number: null,
  sent_transfer_id: null,
  returned_transfer_id: null,
  return_reason: null,
  created_at: '2026-11-02T09:05:00.123Z',
  sent_at: null,
  returned_at: null,
}
const lines: BatchLineRow[] = [
  { transfer_id: 11, kind: 'purchase', amount_minor: 1_050, code: 'micropayment', at: '2026-11-01T10:00:00.000Z', purchase_id: 'p-1', item_title: '=SUM(A1), "quoted"', payer_pseudonym: 'ps-1', memo: '' },
  { transfer_id: 12, kind: 'correction', amount_minor: -50, code: 'reversal', at: '2026-11-01T11:00:00.000Z', purchase_id: null, item_title: null, payer_pseudonym: null, memo: 'x' },
]

describe('payout files', () => {
  it('writes RFC 4180 CSV: quoted text, defused formulas, signed decimal amounts', () => {
    const csv = batchCsv(batch, lines, payout)
    const rows = csv.split('\r\n')
    expect(rows).toContain('merchant,"Ben & Jerry\'s <""Ice"">, Ltd"')
    expect(rows).toContain('net,9.90')
    expect(rows).toContain('11,2026-11-01T10:00:00.000Z,purchase,micropayment,p-1,"\'=SUM(A1), ""quoted""",ps-1,10.50')
    expect(rows).toContain('12,2026-11-01T11:00:00.000Z,correction,reversal,,,,-0.50')
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('escapes names in the pain.001 and the document validates against the XSD', async () => {
    const { db } = testDatabase()
    setPayoutAccount(db, { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' })
    const document = pain001Xml(db, batch, payout)
    expect(document).toContain('<Nm>Ben &amp; Jerry&apos;s &lt;&quot;Ice&quot;&gt;, Ltd</Nm>')
    expect(document).toContain('<IBAN>DE89370400440532013000</IBAN>')
    expect(document).toContain('<CreDtTm>2026-11-02T09:05:00Z</CreDtTm>')
    expect(document).toContain('<CtrlSum>9.90</CtrlSum>')
    expect(await validatePain001(document)).toEqual({ valid: true, errors: [] })
    // A broken account id is caught by the schema, not by the bank.
    const broken = await validatePain001(document.replace('FR7630006000011234567890189', 'not an iban'))
    expect(broken.valid).toBe(false)
    expect(broken.errors.length).toBeGreaterThan(0)
    db.close()
  })
})
