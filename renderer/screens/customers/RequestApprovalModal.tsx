/**
 * Asking for a change that a second person must approve (maker-checker): a manual balance
 * adjustment of the value or cash-access account, or a higher credit limit. Sending it
 * changes nothing yet; the request waits on the Approvals screen.
 */
import { Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { AccountView } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { account_kind_labels } from '../../shared/accounts'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'

export type ApprovalAsk = 'adjustment' | 'credit_limit'

interface RequestApprovalModalProps {
  ask: ApprovalAsk | undefined
  /** The value and cash-access accounts an adjustment may touch. */
  adjustable: AccountView[]
  credit: AccountView | undefined
  onClose: () => void
}

export function RequestApprovalModal({ ask, adjustable, credit, onClose }: RequestApprovalModalProps) {
  return (
    <Modal opened={ask !== undefined} onClose={onClose} title={ask === 'credit_limit' ? 'Request a credit-limit increase' : 'Request a balance adjustment'}>
      {ask === 'adjustment' && adjustable[0] && <AdjustmentForm accounts={adjustable} first={adjustable[0]} onDone={onClose} />}
      {ask === 'credit_limit' && credit && <CreditLimitForm account={credit} onDone={onClose} />}
    </Modal>
  )
}

function useReason() {
  const [value, setValue] = useState('')
  const [error, setError] = useState<string>()
  function check(): string | undefined {
    const reason = value.trim()
    setError(reason === '' ? 'Say why, for the second person' : undefined)
    return reason === '' ? undefined : reason
  }
  return { value, setValue, error, check }
}

function AdjustmentForm({ accounts, first, onDone }: { accounts: AccountView[]; first: AccountView; onDone: () => void }) {
  const [account_id, setAccountId] = useState(first.id)
  const account = accounts.find((a) => a.id === account_id) ?? first
  const [direction, setDirection] = useState<'add' | 'take'>('add')
  const amount = useAmountField(account.exponent)
  const reason = useReason()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const amount_minor = amount.check()
    const why = reason.check()
    if (amount_minor === undefined || why === undefined) return
    setBusy(true)
    setFailure(undefined)
    try {
      await call('approvals.request_adjustment', { account_id: account.id, amount_minor: direction === 'add' ? amount_minor : -amount_minor, reason: why })
      notifySuccess('Adjustment requested', `${formatAmount(amount_minor, account.exponent, account.currency)} waits for a second person on the Approvals screen.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Request refused', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label="Account"
          allowDeselect={false}
          data={accounts.map((a) => ({ value: String(a.id), label: `${account_kind_labels[a.kind]} ${a.number}` }))}
          value={String(account.id)}
          onChange={(value) => setAccountId(Number(value))}
        />
        <SegmentedControl
          aria-label="Direction"
          value={direction}
          onChange={(value) => setDirection(value === 'take' ? 'take' : 'add')}
          data={[
            { value: 'add', label: 'Add to the account' },
            { value: 'take', label: 'Take from the account' },
          ]}
        />
        <AmountInput label="Amount" required data-autofocus currency={account.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <Textarea label="Why" required maxLength={300} value={reason.value} error={reason.error} onChange={(e) => reason.setValue(e.currentTarget.value)} />
        <Text fz="xs" c="dimmed">
          Nothing moves until another administrator or supervisor approves it.
        </Text>
        <FormFooter submit="Request adjustment" busy={busy} failure={failure} onCancel={onDone} />
      </Stack>
    </form>
  )
}

function CreditLimitForm({ account, onDone }: { account: AccountView; onDone: () => void }) {
  const limit = useAmountField(account.exponent)
  const reason = useReason()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)
  const current = formatAmount(account.credit_limit_minor ?? 0, account.exponent, account.currency)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const credit_limit_minor = limit.check()
    const why = reason.check()
    if (credit_limit_minor === undefined || why === undefined) return
    setBusy(true)
    setFailure(undefined)
    try {
      await call('approvals.request_credit_limit', { account_id: account.id, credit_limit_minor, reason: why })
      notifySuccess('Credit-limit increase requested', `${formatAmount(credit_limit_minor, account.exponent, account.currency)} waits for a second person on the Approvals screen.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Request refused', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          Account <Text span ff="monospace">{account.number}</Text>, limit now {current}
        </Text>
        <AmountInput label="New credit limit" description="Only an increase" required data-autofocus currency={account.currency} value={limit.value} error={limit.error} onChange={limit.setValue} />
        <Textarea label="Why" required maxLength={300} value={reason.value} error={reason.error} onChange={(e) => reason.setValue(e.currentTarget.value)} />
        <Text fz="xs" c="dimmed">
          The limit stays as it is until another administrator or supervisor approves it.
        </Text>
        <FormFooter submit="Request increase" busy={busy} failure={failure} onCancel={onDone} />
      </Stack>
    </form>
  )
}
