/**
 * A customer's cards: masked number (BIN and last four, all the host has), expiry as on the
 * plastic, status with the reason a card is blocked, PIN tries left and the daily withdrawal
 * limit. The actions follow the role: clerks issue, block, report lost and replace; unblocking
 * is asked for here and applied only when a second person approves it on the Approvals screen
 * (maker-checker). After each action the list reloads from the host.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState, type FormEvent } from 'react'
import type { CardView, CustomerDetail } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { Amount, tabular } from '../../shared/Amount'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { notifyError, notifySuccess } from '../../shared/notify'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { cardStatusNote, formatExpiry } from './card-form'
import { IssueCardModal, type IssuedCard } from './IssueCardModal'
import { IssuedCardModal } from './IssuedCardModal'

type Dialog =
  | { kind: 'none' }
  | { kind: 'issue' }
  | { kind: 'replace'; card: CardView }
  | { kind: 'block'; card: CardView }
  | { kind: 'report_lost'; card: CardView }
  | { kind: 'request_unblock'; card: CardView }

interface CardActions {
  may_block: boolean
  may_report_lost: boolean
  may_request_unblock: boolean
  may_replace: boolean
  open: (dialog: Dialog) => void
}

function cardColumns(customer: CustomerDetail, actions: CardActions): ColumnDef<CardView>[] {
  const any_action = actions.may_block || actions.may_report_lost || actions.may_request_unblock || actions.may_replace
  const columns: ColumnDef<CardView>[] = [
    {
      id: 'card',
      header: 'Card',
      accessorFn: (c) => c.masked_pan,
      cell: ({ row }) => (
        <Text span fz="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {row.original.masked_pan}
        </Text>
      ),
    },
    {
      id: 'expiry',
      header: 'Expires',
      accessorFn: (c) => c.expiry_yymm,
      cell: ({ row }) => (
        <Text span fz="sm" style={tabular}>
          {formatExpiry(row.original.expiry_yymm)}
        </Text>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (c) => c.status,
      cell: ({ row: { original: c } }) => {
        const note = cardStatusNote(c)
        return (
          <Group gap={6} wrap="nowrap">
            <StatusBadge status={c.status} />
            {note && (
              <Text span fz="xs" c={c.status === 'replaced' ? 'dimmed' : 'red.8'} style={{ whiteSpace: 'nowrap' }}>
                {note}
              </Text>
            )}
          </Group>
        )
      },
    },
    {
      id: 'pin_tries',
      header: 'PIN tries left',
      accessorFn: (c) => c.pin_tries_left,
      meta: { align: 'right' },
      cell: ({ row }) => (
        <Text span fz="sm" style={tabular} c={row.original.pin_tries_left === 0 ? 'red.8' : undefined}>
          {row.original.pin_tries_left}
        </Text>
      ),
    },
    {
      id: 'limit',
      header: 'Daily withdrawal limit',
      accessorFn: (c) => c.daily_withdrawal_limit_minor,
      meta: { align: 'right' },
      cell: ({ row }) => <Amount minor={row.original.daily_withdrawal_limit_minor} exponent={customer.exponent} currency={customer.currency} />,
    },
    {
      id: 'issued',
      header: 'Issued',
      accessorFn: (c) => c.created_at,
      cell: ({ row }) => (
        <Text span fz="sm" style={tabular}>
          {formatTime(row.original.created_at)}
        </Text>
      ),
    },
  ]
  if (!any_action) return columns
  return [
    ...columns,
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      meta: { align: 'right' },
      cell: ({ row: { original: c } }) => <CardRowActions card={c} actions={actions} />,
    },
  ]
}

function CardRowActions({ card, actions }: { card: CardView; actions: CardActions }) {
  const usable = card.status === 'active' || card.status === 'blocked'
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {actions.may_block && card.status === 'active' && (
        <Button size="compact-sm" variant="light" color="orange" onClick={() => actions.open({ kind: 'block', card })} aria-label={`Block ${card.masked_pan}`}>
          Block
        </Button>
      )}
      {actions.may_request_unblock && card.status === 'blocked' && (
        <Button size="compact-sm" variant="light" color="green" onClick={() => actions.open({ kind: 'request_unblock', card })} aria-label={`Request unblock of ${card.masked_pan}`}>
          Request unblock
        </Button>
      )}
      {actions.may_report_lost && usable && (
        <Button size="compact-sm" variant="light" color="red" onClick={() => actions.open({ kind: 'report_lost', card })} aria-label={`Report ${card.masked_pan} lost`}>
          Report lost
        </Button>
      )}
      {actions.may_replace && card.status !== 'replaced' && (
        <Button size="compact-sm" variant="default" onClick={() => actions.open({ kind: 'replace', card })} aria-label={`Replace ${card.masked_pan}`}>
          Replace
        </Button>
      )}
    </Group>
  )
}

export function CardsPanel({ customer, refresh }: { customer: CustomerDetail; refresh: number }) {
  const may_issue = useMayCall('cards.issue')
  const may_block = useMayCall('cards.block')
  const may_report_lost = useMayCall('cards.report_lost')
  const may_request_unblock = useMayCall('approvals.request_card_unblock')
  const may_replace = useMayCall('cards.replace')
  const [reloads, setReloads] = useState(0)
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' })
  const [issued, setIssued] = useState<{ card: IssuedCard; replacement: boolean; shown: boolean }>()
  const list = useCommand('cards.list', { customer_id: customer.id }, { refresh: refresh + reloads })
  const reload = () => setReloads((n) => n + 1)
  const close = () => setDialog({ kind: 'none' })

  const columns = useMemo(
    () =>
      cardColumns(customer, {
        may_block,
        may_report_lost,
        may_request_unblock,
        may_replace,
        open: setDialog,
      }),
    [customer, may_block, may_report_lost, may_request_unblock, may_replace],
  )

  async function changeStatus(command: 'cards.block' | 'cards.report_lost', card: CardView) {
    const answer = await call(command, { card_id: card.id })
    notifySuccess(
      command === 'cards.block' ? 'Card blocked' : 'Card reported lost',
      command === 'cards.block'
        ? `${answer.card.masked_pan} is refused at every terminal until a second person approves unblocking it.`
        : `${answer.card.masked_pan} is refused at every terminal for good. Replace it to give the customer a new card.`,
    )
    close()
    reload()
  }

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fz="sm" c="dimmed">
          Cards draw on the cash-access account at ATMs and POS terminals.
        </Text>
        {may_issue && <Button onClick={() => setDialog({ kind: 'issue' })}>Issue card</Button>}
      </Group>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load cards">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Cards"
        minWidth={1000}
        rows={list.data?.rows}
        columns={columns}
        loading={list.loading}
        rowKey={(c) => String(c.id)}
        empty="No cards: this customer has never had one."
      />
      <IssueCardModal
        customer={customer}
        replacing={dialog.kind === 'replace' ? dialog.card : undefined}
        opened={dialog.kind === 'issue' || dialog.kind === 'replace'}
        onClose={close}
        onIssued={(card) => {
          setIssued({ card, replacement: dialog.kind === 'replace', shown: true })
          close()
          reload()
        }}
      />
      <IssuedCardModal
        customer={customer}
        opened={issued?.shown ?? false}
        issued={issued?.card}
        replacement={issued?.replacement ?? false}
        onClose={() => setIssued((current) => current && { ...current, shown: false })}
        onClosed={() => setIssued(undefined)}
      />
      <ConfirmModal
        opened={dialog.kind === 'block'}
        title="Block card"
        confirm="Block"
        color="orange"
        onClose={close}
        onConfirm={() => (dialog.kind === 'block' ? changeStatus('cards.block', dialog.card) : Promise.resolve())}
      >
        {dialog.kind === 'block' && (
          <>
            Block card <Text span ff="monospace">{dialog.card.masked_pan}</Text>? Every ATM and POS will refuse it until unblocking it is requested and a second person approves.
          </>
        )}
      </ConfirmModal>
      <ConfirmModal
        opened={dialog.kind === 'report_lost'}
        title="Report card lost"
        confirm="Report lost"
        onClose={close}
        onConfirm={() => (dialog.kind === 'report_lost' ? changeStatus('cards.report_lost', dialog.card) : Promise.resolve())}
      >
        {dialog.kind === 'report_lost' && (
          <>
            Report card <Text span ff="monospace">{dialog.card.masked_pan}</Text> lost? A lost card cannot be unblocked: it is refused
            for good, and the customer needs a replacement.
          </>
        )}
      </ConfirmModal>
      <Modal opened={dialog.kind === 'request_unblock'} onClose={close} title="Request unblock">
        {dialog.kind === 'request_unblock' && <RequestUnblockForm card={dialog.card} onDone={close} />}
      </Modal>
    </>
  )
}

/** Asks for an unblock; the card stays blocked until a second person approves it. */
function RequestUnblockForm({ card, onDone }: { card: CardView; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const why = reason.trim()
    setError(why === '' ? 'Say why, for the second person' : undefined)
    if (why === '') return
    setBusy(true)
    setFailure(undefined)
    try {
      await call('approvals.request_card_unblock', { card_id: card.id, reason: why })
      notifySuccess('Unblock requested', `${card.masked_pan} stays blocked until a second person approves on the Approvals screen.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Request refused', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">
          Card <Text span ff="monospace">{card.masked_pan}</Text> stays blocked until another administrator or supervisor approves. Approving
          gives it three PIN tries again.
        </Text>
        <Textarea label="Why" required data-autofocus maxLength={300} value={reason} error={error} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormFooter submit="Request unblock" busy={busy} failure={failure} onCancel={onDone} />
      </Stack>
    </form>
  )
}
