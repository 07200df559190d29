/**
 * "Fund value account": the bank puts money on a customer's value account. The idempotency key
 * is made when the modal opens (the form mounts then), so a double click or a retry funds once.
 */
import { Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { AccountView } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { describeMoneyFailure } from '../../shared/money-failure'
import { useAmountField } from '../../shared/useAmountField'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'

interface FundModalProps {
  account: AccountView
  opened: boolean
  onClose: () => void
  onFunded: () => void
}

export function FundModal({ account, opened, onClose, onFunded }: FundModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Fund value account">
      <FundForm account={account} onCancel={onClose} onFunded={onFunded} />
    </Modal>
  )
}

function FundForm({ account, onCancel, onFunded }: { account: AccountView; onCancel: () => void; onFunded: () => void }) {
  const idempotency = useIdempotencyKey()
  const amount = useAmountField(account.exponent)
  const [memo, setMemo] = useState('')
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const amount_minor = amount.check()
    if (amount_minor === undefined) return
    setBusy(true)
    setFailure(undefined)
    try {
      const funded = await call('accounts.fund', {
        account_id: account.id,
        amount_minor,
        idempotency_key: idempotency.key,
        memo: memo.trim(),
      })
      const amount_text = formatAmount(amount_minor, account.exponent, account.currency)
      notifySuccess(
        'Value account funded',
        funded.replayed ? `This funding of ${amount_text} was already done; nothing was added twice.` : `${amount_text} added to ${account.number}.`,
      )
      onFunded()
    } catch (caught) {
      idempotency.afterFailure(caught)
      setFailure(describeMoneyFailure('Funding', 'Fund', caught))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          Account <Text span ff="monospace">{account.number}</Text>
        </Text>
        <AmountInput label="Amount" required data-autofocus currency={account.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <TextInput label="Memo" description="Optional; shown in the journal" maxLength={200} value={memo} onChange={(e) => setMemo(e.currentTarget.value)} />
        <FormFooter submit="Fund" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
