/**
 * "New customer": the form is mounted only while the modal is open, so each opening starts
 * empty. Amounts are typed in major units of the chosen currency; the payer ID the host
 * assigns is shown in a notification and the new customer's page opens.
 */
import { FormFooter } from '../../shared/FormFooter'
import { Alert, Loader, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { AmountInput } from '../../shared/AmountInput'
import { notifySuccess } from '../../shared/notify'
import { useCommand } from '../../shared/useCommand'
import { empty_new_customer, toCreateInput, type NewCustomerErrors, type NewCustomerForm } from './new-customer-form'

interface NewCustomerModalProps {
  opened: boolean
  onClose: () => void
  onCreated: (customer_id: number) => void
}

export function NewCustomerModal({ opened, onClose, onCreated }: NewCustomerModalProps) {
  // Loaded before the modal opens, so the form is there when the modal focuses its first field.
  const settings = useCommand('settings.get', {})
  return (
    <Modal opened={opened} onClose={onClose} title="New customer" size="lg">
      {settings.error && (
        <Alert color="red" title="Could not load the bank's currencies">
          {settings.error}
        </Alert>
      )}
      {!settings.data && !settings.error && <Loader aria-label="Loading currencies" />}
      {settings.data && (
        <NewCustomerFormView
          currencies={settings.data.currencies}
          onCancel={onClose}
          onCreated={(customer_id) => {
            onClose()
            onCreated(customer_id)
          }}
        />
      )}
    </Modal>
  )
}

type Currency = CommandOutput<'settings.get'>['currencies'][number]

interface NewCustomerFormViewProps {
  currencies: Currency[]
  onCancel: () => void
  onCreated: (customer_id: number) => void
}

function NewCustomerFormView({ currencies, onCancel, onCreated }: NewCustomerFormViewProps) {
  const [form, setForm] = useState<NewCustomerForm>(empty_new_customer)
  const [errors, setErrors] = useState<NewCustomerErrors>({})
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string>()

  // No currency is preselected: a customer opened in the wrong currency cannot be fixed later.
  const currency = currencies.find((c) => c.code === form.currency)

  const field = <F extends keyof NewCustomerForm>(name: F) => ({
    value: form[name],
    error: errors[name],
    onChange: (value: string) => setForm((current) => ({ ...current, [name]: value })),
  })
  const text = <F extends keyof NewCustomerForm>(name: F) => {
    const { onChange, ...rest } = field(name)
    return { ...rest, onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value) }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const built = toCreateInput(form, currency?.exponent)
    setErrors(built.ok ? {} : built.errors)
    if (!built.ok) return
    setBusy(true)
    setRefusal(undefined)
    try {
      const created = await call('customers.create', built.input)
      notifySuccess('Customer created', `${built.input.name} has payer ID ${created.payer_id}`)
      onCreated(created.customer_id)
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  const currency_code = currency?.code ?? ''

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus {...text('name')} />
        <TextInput label="Email" type="email" {...text('email')} />
        <Select
          label="Currency"
          placeholder="Choose the customer's currency"
          required
          searchable
          allowDeselect={false}
          data={currencies.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
          value={currency?.code ?? null}
          error={errors.currency}
          onChange={(value) => value && setForm((current) => ({ ...current, currency: value }))}
        />
        <SimpleGrid cols={2}>
          <AmountInput
            label="Credit limit"
            description="The most the customer may owe on credit"
            required
            currency={currency_code}
            {...field('credit_limit')}
          />
          <AmountInput
            label="Top-up increment"
            description="Added to value when a purchase needs it"
            required
            currency={currency_code}
            {...field('top_up_increment')}
          />
          <AmountInput
            label="Micropayment limit per purchase"
            description="Optional"
            currency={currency_code}
            {...field('limit_per_purchase')}
          />
          <AmountInput label="Micropayment limit per day" description="Optional" currency={currency_code} {...field('limit_per_day')} />
        </SimpleGrid>
        <PasswordInput
          label="Payer password"
          description="The customer signs in to pay with their payer ID and this password"
          required
          autoComplete="new-password"
          {...text('payer_password')}
        />
        <FormFooter
          submit="Create customer"
          busy={busy}
          failure={refusal === undefined ? undefined : { title: 'The bank refused to create the customer', message: refusal }}
          onCancel={onCancel}
          mt="xs"
        />
      </Stack>
    </form>
  )
}
