import type { HostContext } from '../host/context'
import { customer } from '../customers/customers'
import { merchant } from '../merchants/merchants'
import { maskedFields } from '../iso8583/mask'
import { pageOf } from '../store/paging'
import { card, cardView, changeCardStatus, issueCard, replaceCard, type CardAction, type IssuedPlastic } from './cards'
import { createTerminal, rekeyTerminal, type TerminalRow } from './terminals'

/** A wallet label a tester recognises: the holder and the last four. */
function walletLabel(holder: string, plastic: IssuedPlastic): string {
  return `${holder} …${plastic.pan.slice(-4)}`
}

/** Issues a card and hands its plastic to the emulators' wallet; the host keeps none of it. */
export function issueCardFromConsole(ctx: HostContext, input: { customer_id: number; pin?: string | undefined; daily_withdrawal_limit_minor?: number | undefined }) {
  const holder = customer(ctx.db, input.customer_id)
  const issued = issueCard(ctx, {
    customer_id: input.customer_id,
    ...(input.pin !== undefined ? { pin: input.pin } : {}),
    ...(input.daily_withdrawal_limit_minor !== undefined ? { daily_withdrawal_limit_minor: input.daily_withdrawal_limit_minor } : {}),
  })
  const in_wallet = ctx.handover.plastic(issued.plastic, walletLabel(holder.name, issued.plastic))
  return { card: cardView(issued.card), pin_mailer: input.pin === undefined ? issued.pin : null, in_wallet }
}

export function replaceCardFromConsole(ctx: HostContext, input: { card_id: number; pin?: string | undefined }) {
  const old = card(ctx.db, input.card_id)
  const holder = customer(ctx.db, old.customer_id)
  const issued = replaceCard(ctx, input.card_id, input.pin)
  const in_wallet = ctx.handover.plastic(issued.plastic, walletLabel(holder.name, issued.plastic))
  return { card: cardView(issued.card), pin_mailer: input.pin === undefined ? issued.pin : null, in_wallet }
}

export function changeCardFromConsole(ctx: HostContext, card_id: number, action: CardAction) {
  return { card: cardView(changeCardStatus(ctx.db, card_id, action)) }
}

export function terminalView(ctx: HostContext, row: TerminalRow) {
  return {
    terminal_id: row.terminal_id,
    kind: row.kind,
    merchant_name: row.merchant_id === null ? null : merchant(ctx.db, row.merchant_id).name,
    location: row.location,
    currency: row.currency,
    status: row.status,
    pin_key_kcv: row.pin_key_kcv,
    created_at: row.created_at,
    rekeyed_at: row.rekeyed_at,
  }
}

export function listTerminals(ctx: HostContext) {
  const rows = ctx.db.prepare('SELECT * FROM terminals ORDER BY terminal_id').all() as TerminalRow[]
  return { rows: rows.map((row) => terminalView(ctx, row)), total: rows.length }
}

/** Registers a terminal and hands its clear PIN key to the emulators (as at a key ceremony). */
export function createTerminalFromConsole(
  ctx: HostContext,
  input: { terminal_id: string; kind: 'atm' | 'pos'; merchant_id?: number | undefined; location: string; currency: string },
) {
  const { terminal, pin_key } = createTerminal(ctx, {
    terminal_id: input.terminal_id,
    kind: input.kind,
    location: input.location,
    currency: input.currency,
    ...(input.merchant_id !== undefined ? { merchant_id: input.merchant_id } : {}),
  })
  return deliverKey(ctx, terminal, pin_key)
}

export function rekeyTerminalFromConsole(ctx: HostContext, terminal_id: string) {
  const { terminal, pin_key } = rekeyTerminal(ctx, terminal_id)
  return deliverKey(ctx, terminal, pin_key)
}

function deliverKey(ctx: HostContext, terminal: TerminalRow, pin_key: Buffer) {
  const view = terminalView(ctx, terminal)
  const in_emulators = ctx.handover.terminalKey({
    terminal_id: terminal.terminal_id,
    kind: terminal.kind,
    pin_key_hex: pin_key.toString('hex').toUpperCase(),
    currency: terminal.currency,
    location: terminal.location,
    merchant_name: view.merchant_name,
  })
  return { terminal: view, in_emulators }
}

interface IsoMessageRow {
  id: number
  at: string
  terminal_id: string
  direction: 'in' | 'out'
  mti: string
  stan: string
  response_code: string
  fields_json: string
}

/** The ISO 8583 message log, newest first; fields were masked before they were written. */
export function listIsoMessages(ctx: HostContext, input: { terminal_id?: string | undefined; page: number; page_size: number }) {
  const { rows, total } = pageOf<IsoMessageRow>(
    ctx.db,
    {
      select: '*',
      from: `FROM iso_messages ${input.terminal_id ? 'WHERE terminal_id = @terminal_id' : ''}`,
      order_by: 'id DESC',
      params: input.terminal_id ? { terminal_id: input.terminal_id } : {},
    },
    input,
  )
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      terminal_id: r.terminal_id,
      direction: r.direction,
      mti: r.mti,
      stan: r.stan,
      response_code: r.response_code,
      fields: JSON.parse(r.fields_json) as ReturnType<typeof maskedFields>,
    })),
  }
}
