/**
 * "Issue card" and "Replace card": the customer types a PIN twice (never echoed), or the bank
 * prints a PIN mailer; a new card may get its own daily withdrawal limit. The form mounts only
 * while the modal is open, so no PIN stays in memory after it closes. A card is not money, so
 * there is no idempotency key; the button is disabled while the host works, so one click
 * issues one card.
 */
import { Modal, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CardView, CommandOutput, CustomerDetail } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter } from '../../shared/FormFooter'
import { empty_card_form, toCardRequest, type CardForm, type CardFormErrors } from './card-form'

export type IssuedCard = CommandOutput<'cards.issue'>

interface IssueCardModalProps {
  customer: CustomerDetail
  /** The card to replace; undefined issues an additional card. */
  replacing: CardView | undefined
  opened: boolean
  onClose: () => void
  onIssued: (issued: IssuedCard) => void
}

export function IssueCardModal({ customer, replacing, opened, onClose, onIssued }: IssueCardModalProps) {
  const title = replacing ? `Replace card ${replacing.masked_pan}` : 'Issue card'
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {opened && <IssueCardForm customer={customer} replacing={replacing} onCancel={onClose} onIssued={onIssued} />}
    </Modal>
  )
}

interface IssueCardFormProps {
  customer: CustomerDetail
  replacing: CardView | undefined
  onCancel: () => void
  onIssued: (issued: IssuedCard) => void
}

function IssueCardForm({ customer, replacing, onCancel, onIssued }: IssueCardFormProps) {
  const [form, setForm] = useState<CardForm>(empty_card_form)
  const [errors, setErrors] = useState<CardFormErrors>({})
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)
  // A field the clerk changes loses its old error; the next submit checks it again.
  const set = (patch: Partial<CardForm>) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const built = toCardRequest(form, customer.exponent, replacing === undefined)
    setErrors(built.ok ? {} : built.errors)
    if (!built.ok) return
    setBusy(true)
    setRefusal(undefined)
    try {
      const issued = replacing
        ? await call('cards.replace', { card_id: replacing.id, ...(built.request.pin !== undefined ? { pin: built.request.pin } : {}) })
        : await call('cards.issue', { customer_id: customer.id, ...built.request })
      onIssued(issued)
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  const action = replacing ? 'Replace card' : 'Issue card'
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">
          {replacing ? (
            <>
              A new card for <b>{customer.name}</b> on the same cash-access account, with the same daily withdrawal limit.
              Card <Text span ff="monospace">{replacing.masked_pan}</Text> stops working at once.
            </>
          ) : (
            <>
              A card for <b>{customer.name}</b>, drawing on the cash-access account at ATMs and POS terminals.
            </>
          )}
        </Text>
        <Radio.Group
          label="How the customer gets a PIN"
          value={form.pin_choice}
          onChange={(value) => set({ pin_choice: value === 'mailer' ? 'mailer' : 'chosen', pin: '', pin_again: '' })}
        >
          <Stack gap={6} mt={4}>
            <Radio value="chosen" label="The customer chooses a PIN here at the branch" />
            <Radio value="mailer" label="Print a PIN mailer (the bank picks the PIN)" />
          </Stack>
        </Radio.Group>
        {form.pin_choice === 'chosen' && (
          <SimpleGrid cols={2}>
            <TextInput
              label="PIN"
              description="The customer types it: 4 to 12 digits"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              required
              data-autofocus
              value={form.pin}
              error={errors.pin}
              onChange={(event) => set({ pin: event.currentTarget.value })}
            />
            <TextInput
              label="PIN again"
              description="The same PIN, to be sure it was typed right"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              required
              value={form.pin_again}
              error={errors.pin_again}
              onChange={(event) => set({ pin_again: event.currentTarget.value })}
            />
          </SimpleGrid>
        )}
        {form.pin_choice === 'mailer' && (
          <Text fz="sm" c="dimmed">
            The PIN is shown once, after the card is issued, to print or copy into a sealed envelope. The bank keeps no copy.
          </Text>
        )}
        {!replacing && (
          <AmountInput
            label="Daily withdrawal limit"
            description="Optional: leave empty for the bank's standard limit"
            currency={customer.currency}
            maw={340}
            value={form.daily_limit}
            error={errors.daily_limit}
            onChange={(daily_limit) => set({ daily_limit })}
          />
        )}
        <FormFooter
          submit={action}
          busy={busy}
          failure={
            refusal
              ? { title: replacing ? 'The bank refused to replace the card' : 'The bank refused to issue the card', message: refusal }
              : undefined
          }
          onCancel={onCancel}
          mt="xs"
        />
      </Stack>
    </form>
  )
}
