/**
 * Approvals (maker-checker): what staff asked for and a second person must approve — manual
 * balance adjustments, credit-limit increases, card unblocks, refunds above the refund
 * threshold (disputes resolved by reversal) and bill write-offs. Nothing changes until then. An
 * administrator or supervisor approves or rejects someone else's request; their own rows say
 * they wait for a second person, and their maker may cancel them. The host enforces both.
 */
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState, type FormEvent } from 'react'
import { approval_statuses, type ApprovalView } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifyError, notifySuccess } from '../../shared/notify'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall, useSession } from '../../src/session'

type Status = (typeof approval_statuses)[number]

const kind_labels = {
  balance_adjustment: 'Balance adjustment',
  credit_limit_increase: 'Credit-limit increase',
  card_unblock: 'Card unblock',
  refund: 'Refund (dispute)',
  bill_write_off: 'Bill write-off',
} as const satisfies Record<ApprovalView['kind'], string>

export function ApprovalsScreen() {
  const me = useSession().staff
  const may_decide = useMayCall('approvals.approve')
  const may_cancel = useMayCall('approvals.cancel')
  const [status, setStatus] = useState<Status>('pending')
  const [refresh, setRefresh] = useState(0)
  const [approving, setApproving] = useState<ApprovalView>()
  const [rejecting, setRejecting] = useState<ApprovalView>()
  const list = useCommand('approvals.list', { status }, { refresh })
  const reload = () => setRefresh((n) => n + 1)

  const columns = useMemo<ColumnDef<ApprovalView>[]>(() => {
    async function cancel(row: ApprovalView) {
      try {
        await call('approvals.cancel', { id: row.id })
        notifySuccess('Request cancelled', row.summary)
      } catch (failure) {
        notifyError('Request not cancelled', failure)
      }
      reload()
    }
    return [
      { id: 'created', header: 'Asked', accessorFn: (a) => a.created_at, cell: ({ row }) => formatTime(row.original.created_at) },
      { id: 'kind', header: 'Kind', accessorFn: (a) => kind_labels[a.kind] },
      { id: 'summary', header: 'Request', accessorFn: (a) => a.summary },
      { id: 'reason', header: 'Why', accessorFn: (a) => a.reason },
      { id: 'maker', header: 'Asked by', accessorFn: (a) => a.maker_username, cell: ({ row }) => <Text ff="monospace" fz="sm">{row.original.maker_username}</Text> },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (a) => a.status,
        cell: ({ row: { original: a } }) => (
          <Stack gap={2} align="flex-start" miw={100}>
            <StatusBadge status={a.status} style={{ flexShrink: 0, overflow: 'visible' }} />
            {a.checker_username && (
              <Text fz="xs" c="dimmed">
                by {a.checker_username}
                {a.decision_reason ? `: ${a.decision_reason}` : ''}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        meta: { align: 'right' },
        cell: ({ row: { original: a } }) =>
          a.status !== 'pending' ? null : a.maker_staff_id === me.id ? (
            <Group gap="xs" justify="flex-end" wrap="nowrap">
              <Text fz="sm" c="dimmed">
                Waiting for a second person
              </Text>
              {may_cancel && (
                <Button size="compact-sm" variant="default" onClick={() => void cancel(a)} aria-label={`Cancel request ${a.id}`}>
                  Cancel request
                </Button>
              )}
            </Group>
          ) : may_decide ? (
            <Group gap="xs" justify="flex-end" wrap="nowrap">
              <Button size="compact-sm" variant="light" color="green" onClick={() => setApproving(a)} aria-label={`Approve request ${a.id}`}>
                Approve
              </Button>
              <Button size="compact-sm" variant="light" color="red" onClick={() => setRejecting(a)} aria-label={`Reject request ${a.id}`}>
                Reject
              </Button>
            </Group>
          ) : (
            <Text fz="sm" c="dimmed">
              Waiting for an administrator or supervisor
            </Text>
          ),
      },
    ]
  }, [me.id, may_decide, may_cancel])

  return (
    <>
      <ScreenTitle title="Approvals">
        <SegmentedControl
          aria-label="Show requests"
          value={status}
          onChange={(value) => setStatus(approval_statuses.find((s) => s === value) ?? 'pending')}
          data={approval_statuses.map((s) => ({ value: s, label: s[0]?.toUpperCase() + s.slice(1) }))}
        />
      </ScreenTitle>
      <Text fz="sm" c="dimmed" mb="sm">
        Adjustments, credit-limit increases, card unblocks, refunds above the threshold and bill write-offs change nothing until a second person approves them. Nobody
        approves their own request.
      </Text>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load requests">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Approval requests"
        minWidth={1100}
        rows={list.data?.rows}
        columns={columns}
        loading={list.loading}
        rowKey={(a) => String(a.id)}
        empty={status === 'pending' ? 'Nothing waits for approval.' : `No ${status} requests.`}
      />
      <ConfirmModal
        opened={approving !== undefined}
        title="Approve request"
        confirm="Approve"
        color="green"
        onClose={() => setApproving(undefined)}
        onConfirm={async () => {
          if (!approving) return
          await call('approvals.approve', { id: approving.id })
          notifySuccess('Request approved', `Done: ${approving.summary}.`)
          setApproving(undefined)
          reload()
        }}
      >
        {approving?.summary}. Asked by {approving?.maker_username}: “{approving?.reason}”. Approving applies it now.
      </ConfirmModal>
      <Modal opened={rejecting !== undefined} onClose={() => setRejecting(undefined)} title="Reject request">
        {rejecting && (
          <RejectForm
            approval={rejecting}
            onCancel={() => setRejecting(undefined)}
            onDone={() => {
              setRejecting(undefined)
              reload()
            }}
          />
        )}
      </Modal>
    </>
  )
}

function RejectForm({ approval, onCancel, onDone }: { approval: ApprovalView; onCancel: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (reason.trim() === '') {
      setError('Say why, for the person who asked')
      return
    }
    setError(undefined)
    setBusy(true)
    setFailure(undefined)
    try {
      await call('approvals.reject', { id: approval.id, reason: reason.trim() })
      notifySuccess('Request rejected', `Nothing changed: ${approval.summary}.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Reject refused', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">{approval.summary}. Nothing will change.</Text>
        <Textarea label="Why" required data-autofocus maxLength={300} value={reason} error={error} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormFooter submit="Reject" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
