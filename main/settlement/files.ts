import { readFileSync } from 'node:fs'
import path from 'node:path'
import { validateXML } from 'xmllint-wasm'
import type { Database } from '../store/database'
import { projectRoot } from '../store/database'
import { bankIdentity, setSetting, setting } from '../host/settings'
import { checkBic, checkIban } from '../merchants/iban'
import { formatMinor } from '../ledger/money'
import { transfer_codes, isTransferCode } from '../ledger/codes'
import { renderPdf } from '../reports/pdf'
import { RequestError } from '../errors'
import { percentText } from '../merchants/rules'
import type { BatchLineRow, BatchRow, PayoutRow } from './views'

/** An amount as the file formats want it: plain digits and a point, never a float, no grouping. */
export function decimalOf(amount_minor: number, exponent: number): string {
  return formatMinor(amount_minor, exponent).replaceAll(',', '')
}

/** A valid demo IBAN and BIC until the bank sets its own in settings. */
export const demo_debtor_account = { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } as const

/**
 * The SP's own account payouts are debited from (pain.001 Dbtr/DbtrAcct/DbtrAgt): the settings
 * `settlement_debtor_iban` and `settlement_debtor_bic`, set by an administrator on the Settings
 * screen. Only the demo bank falls back to a demo pair: a real bank's payout file must never
 * name an account that is not its own, so until it is set the export is refused. Read only, so
 * an auditor's export writes nothing.
 */
export function debtorAccount(db: Database): { iban: string; bic: string } {
  const iban = setting(db, 'settlement_debtor_iban')
  const bic = setting(db, 'settlement_debtor_bic')
  if (iban !== undefined && bic !== undefined) return { iban, bic }
  if (bankIdentity(db).demo) return { ...demo_debtor_account }
  throw new RequestError('refused', "The bank's payout account is not set: an administrator enters its IBAN and BIC under Settings → Payout account before a pain.001 file can be made.")
}

/** The payout account as the Settings screen shows it: null until set (the demo bank shows its demo pair). */
export function payoutAccount(db: Database): { iban: string; bic: string; is_demo: boolean } | null {
  const iban = setting(db, 'settlement_debtor_iban')
  const bic = setting(db, 'settlement_debtor_bic')
  if (iban !== undefined && bic !== undefined) return { iban, bic, is_demo: false }
  return bankIdentity(db).demo ? { ...demo_debtor_account, is_demo: true } : null
}

/** Sets the bank's payout account after checking it as the merchant forms do. */
export function setPayoutAccount(db: Database, input: { iban: string; bic: string }): { iban: string; bic: string } {
  const iban = checkIban(input.iban)
  if (!iban.ok) throw new RequestError('bad_request', `IBAN: ${iban.error}`)
  const bic = checkBic(input.bic)
  if (!bic.ok) throw new RequestError('bad_request', `BIC: ${bic.error}`)
  db.transaction(() => {
    setSetting(db, 'settlement_debtor_iban', iban.value)
    setSetting(db, 'settlement_debtor_bic', bic.value)
  })()
  return { iban: iban.value, bic: bic.value }
}

const closed_by_words: Record<BatchRow['closed_by'], string> = {
  rule_amount: 'Rule: amount reached',
  rule_days: 'Rule: days passed',
  staff: 'By hand',
}
export function closedByWords(batch: Pick<BatchRow, 'closed_by' | 'staff_name'>): string {
  return batch.closed_by === 'staff' ? `By hand (${batch.staff_name ?? 'staff'})` : closed_by_words[batch.closed_by]
}

function codeWords(code: string): string {
  return isTransferCode(code) ? transfer_codes[code] : code
}

// RFC 4180: quote a field with a comma, quote or line break; double the quotes. Text fields
// that a spreadsheet would run as a formula get a leading apostrophe; amounts are left as numbers.
function csvText(value: string | null): string {
  const text = value ?? ''
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The batch as CSV: a header block with the totals, then one row per line. */
export function batchCsv(batch: BatchRow, lines: BatchLineRow[], payout: PayoutRow | undefined): string {
  const amount = (minor: number) => decimalOf(minor, batch.exponent)
  const header: Array<[string, string]> = [
    ['reference', csvText(batch.reference)],
    ['merchant', csvText(batch.merchant_name)],
    ['currency', batch.currency],
    ['closed_at', batch.closed_at],
    ['purchases', String(batch.purchase_count)],
    ['gross', amount(batch.gross_minor)],
    ['corrections', amount(batch.corrections_minor)],
    ['discount', amount(batch.discount_minor)],
    ['fees', amount(batch.fees_minor)],
    ['net', amount(batch.net_minor)],
    ['payout_message_id', csvText(payout?.message_id ?? null)],
    ['creditor_account', csvText(payout ? (payout.creditor_iban ?? payout.creditor_account_number) : null)],
  ]
  const rows = [
    ...header.map(([k, v]) => `${k},${v}`),
    '',
    'transfer_id,at,kind,code,purchase_id,item,payer_pseudonym,amount',
    ...lines.map((l) =>
      [String(l.transfer_id), l.at, l.kind, csvText(l.code), csvText(l.purchase_id), csvText(l.item_title), csvText(l.payer_pseudonym), amount(l.amount_minor)].join(','),
    ),
  ]
  return rows.join('\r\n') + '\r\n'
}

function xml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')
}

/** ISO 20022 Max140Text / Max70Text: cut, never refuse, a long name. */
function maxText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  return clean.length > max ? clean.slice(0, max) : clean || '-'
}

/** The pain.001.001.03 credit transfer for one payout attempt of one batch. */
export function pain001Xml(db: Database, batch: BatchRow, payout: PayoutRow): string {
  const bank = bankIdentity(db).name
  const debtor = debtorAccount(db)
  const amount = decimalOf(batch.net_minor, batch.exponent)
  const created = payout.created_at.replace(/\.\d{3}Z$/, 'Z')
  const creditor_account = payout.creditor_iban
    ? `<IBAN>${xml(payout.creditor_iban)}</IBAN>`
    : `<Othr><Id>${xml(payout.creditor_account_number ?? '')}</Id></Othr>`
  const creditor_agent = payout.creditor_bic ? `<CdtrAgt><FinInstnId><BIC>${xml(payout.creditor_bic)}</BIC></FinInstnId></CdtrAgt>` : ''
  const remittance = maxText(`Settlement ${batch.reference}: ${batch.purchase_count} purchases, closed ${batch.closed_at.slice(0, 10)}`, 140)
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${xml(payout.message_id)}</MsgId>
      <CreDtTm>${created}</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>${amount}</CtrlSum>
      <InitgPty><Nm>${xml(maxText(bank, 140))}</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${xml(payout.message_id)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>${amount}</CtrlSum>
      <ReqdExctnDt>${payout.created_at.slice(0, 10)}</ReqdExctnDt>
      <Dbtr><Nm>${xml(maxText(bank, 140))}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${xml(debtor.iban)}</IBAN></Id><Ccy>${batch.currency}</Ccy></DbtrAcct>
      <DbtrAgt><FinInstnId><BIC>${xml(debtor.bic)}</BIC></FinInstnId></DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>${xml(batch.reference)}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="${batch.currency}">${amount}</InstdAmt></Amt>
        ${creditor_agent}
        <Cdtr><Nm>${xml(maxText(batch.merchant_name, 140))}</Nm></Cdtr>
        <CdtrAcct><Id>${creditor_account}</Id></CdtrAcct>
        <RmtInf><Ustrd>${xml(remittance)}</Ustrd></RmtInf>
      </CdtTrfTxInf>
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`
}

let xsd_cache: string | undefined
/** The schema travels in the repository beside this file; the built app finds it from the project root. */
export function pain001Xsd(): string {
  xsd_cache ??= readFileSync(path.join(projectRoot(), 'main', 'settlement', 'pain.001.001.03.xsd'), 'utf8')
  return xsd_cache
}

export async function validatePain001(document: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: { fileName: 'payout.xml', contents: document },
    schema: { fileName: 'pain.001.001.03.xsd', contents: pain001Xsd() },
  })
  return { valid: result.valid, errors: result.errors.map((e) => e.message) }
}

/** The file is handed out only if it validates: a bank would reject it anyway, later and less clearly. */
export async function checkedPain001(db: Database, batch: BatchRow, payout: PayoutRow): Promise<string> {
  const document = pain001Xml(db, batch, payout)
  const { valid, errors } = await validatePain001(document)
  if (!valid) {
    throw new RequestError(
      'refused',
      `The pain.001 file for ${batch.reference} does not pass the ISO 20022 schema, so it was not exported. Check the merchant's settlement account and the SP's account in settings. ${errors.slice(0, 3).join(' ')}`,
    )
  }
  return document
}

/** The batch report on paper: the figures, the payout, and every line. */
export function batchPdf(db: Database, batch: BatchRow, lines: BatchLineRow[], payouts: PayoutRow[], now: Date): Promise<Buffer> {
  const money = (minor: number) => `${batch.currency} ${formatMinor(minor, batch.exponent)}`
  const last = payouts.at(-1)
  return renderPdf({
    bank: bankIdentity(db).name,
    title: `Settlement ${batch.reference}`,
    subtitle: batch.merchant_name,
    facts: [
      ['Merchant', batch.merchant_name],
      ['Period', `${batch.period_from?.slice(0, 10) ?? '-'} to ${batch.closed_at.slice(0, 10)}`],
      ['Closed', `${batch.closed_at.slice(0, 16).replace('T', ' ')} UTC, ${closedByWords(batch)}`],
      ['Purchases', String(batch.purchase_count)],
      ['Gross', money(batch.gross_minor)],
      ['Corrections', money(-batch.corrections_minor)],
      ['Discount retained', `${money(-batch.discount_minor)} (${percentText(batch.discount_bps)})`],
      ['Fees', `${money(-batch.fees_minor)} (${batch.purchase_count} x ${money(batch.fee_per_purchase_minor)})`],
      ['Net payable', money(batch.net_minor)],
      ['Payout', last ? `${last.message_id}: ${last.status}${last.return_reason ? ` (${last.return_reason})` : ''}` : 'not exported yet'],
    ],
    tables: [
      {
        heading: 'Lines',
        columns: [
          { label: 'Transfer', width: 1 },
          { label: 'Time (UTC)', width: 2 },
          { label: 'Kind', width: 2 },
          { label: 'Item', width: 4 },
          { label: 'Payer', width: 2 },
          { label: 'Amount', width: 2, align: 'right' },
        ],
        rows: lines.map((l) => [
          String(l.transfer_id),
          l.at.slice(0, 16).replace('T', ' '),
          codeWords(l.code),
          l.item_title ?? l.memo,
          l.payer_pseudonym?.slice(0, 10) ?? '',
          money(l.amount_minor),
        ]),
        totals: ['', '', '', 'Gross less corrections', '', money(batch.gross_minor - batch.corrections_minor)],
      },
    ],
    note: 'Discount and fees are retained by the service provider; the net payable is paid to the settlement account shown on the payout file.',
    generated_at: now,
  })
}
