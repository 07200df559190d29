/**
 * "New merchant" and "Edit merchant": name, category, contact, merchant code, settlement
 * account (IBAN with optional BIC, or a domestic account number) and status. Every field is
 * checked as the host checks it, and a wrong one says why under itself. The form is mounted
 * only while the modal is open, so each opening starts from the merchant as it is.
 */
import { Alert, Loader, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { call, errorMessage } from '../../api/client'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useCommand } from '../../shared/useCommand'
import { groupedIban } from '../../../main/merchants/iban'
import { empty_profile, profileFormOf, toCreateInput, toProfile, type MerchantDetail, type ProfileForm, type ProfileFormErrors } from './merchant-form'

interface MerchantFormModalProps {
  opened: boolean
  /** Absent: onboard a new merchant. */
  merchant?: MerchantDetail
  onClose: () => void
  onSaved: (merchant_id: number) => void
}

export function MerchantFormModal({ opened, merchant, onClose, onSaved }: MerchantFormModalProps) {
  const settings = useCommand('settings.get', {}, { enabled: opened && merchant === undefined })
  const creating = merchant === undefined
  return (
    <Modal opened={opened} onClose={onClose} title={creating ? 'New merchant' : `Edit ${merchant.name}`} size="lg">
      {creating && settings.error && (
        <Alert color="red" title="Could not load the bank's currencies">
          {settings.error}
        </Alert>
      )}
      {creating && !settings.data && !settings.error && <Loader aria-label="Loading currencies" />}
      {(!creating || settings.data) && (
        <MerchantFormView
          merchant={merchant}
          currencies={settings.data?.currencies.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` })) ?? []}
          onCancel={onClose}
          onSaved={(id) => {
            onClose()
            onSaved(id)
          }}
        />
      )}
    </Modal>
  )
}

function MerchantFormView({
  merchant,
  currencies,
  onCancel,
  onSaved,
}: {
  merchant: MerchantDetail | undefined
  currencies: Array<{ value: string; label: string }>
  onCancel: () => void
  onSaved: (merchant_id: number) => void
}) {
  const [form, setForm] = useState<ProfileForm>(() => (merchant ? profileFormOf(merchant) : empty_profile))
  const [errors, setErrors] = useState<ProfileFormErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FormFailure>()

  const text = <F extends keyof ProfileForm & keyof ProfileFormErrors>(name: F) => ({
    value: form[name],
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value
      setForm((current) => ({ ...current, [name]: value }))
    },
  })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    if (merchant === undefined) {
      const built = toCreateInput(form)
      setErrors(built.ok ? {} : built.errors)
      if (!built.ok) return
      setBusy(true)
      try {
        const made = await call('merchants.create', built.input)
        notifySuccess('Merchant onboarded', `${made.merchant.name} has merchant code ${made.merchant.merchant_code}`)
        onSaved(made.merchant.id)
      } catch (error) {
        setFailure({ title: 'The merchant was not created', message: errorMessage(error) })
        setBusy(false)
      }
      return
    }
    const built = toProfile(form)
    setErrors(built.ok ? {} : built.errors)
    if (!built.ok) return
    setBusy(true)
    try {
      await call('merchants.update', { merchant_id: merchant.id, ...built.profile })
      notifySuccess('Merchant saved', `${built.profile.name} is up to date`)
      onSaved(merchant.id)
    } catch (error) {
      setFailure({ title: 'The merchant was not saved', message: errorMessage(error) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Name" required data-autofocus {...text('name')} />
          <TextInput label="Category" placeholder="News, Games, Music…" {...text('category')} />
          <TextInput
            label="Merchant code"
            description="ISO 8583 field 42, up to 15 characters"
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
            {...text('merchant_code')}
          />
          {merchant === undefined ? (
            <Select
              label="Currency"
              description="The merchant is paid in this currency"
              placeholder="Choose a currency"
              required
              searchable
              allowDeselect={false}
              data={currencies}
              value={form.currency || null}
              error={errors.currency}
              onChange={(value) => value && setForm((current) => ({ ...current, currency: value }))}
            />
          ) : (
            <Select
              label="Status"
              description="A suspended merchant's purchases are declined"
              allowDeselect={false}
              data={[
                { value: 'active', label: 'Active' },
                { value: 'suspended', label: 'Suspended' },
              ]}
              value={form.status}
              error={errors.status}
              onChange={(value) => value && setForm((current) => ({ ...current, status: value as ProfileForm['status'] }))}
            />
          )}
        </SimpleGrid>
        <Text fw={600} fz="sm" mt="xs">
          Contact
        </Text>
        <SimpleGrid cols={3}>
          <TextInput label="Contact name" {...text('contact_name')} />
          <TextInput label="E-mail" type="email" {...text('contact_email')} />
          <TextInput label="Phone" type="tel" {...text('contact_phone')} />
        </SimpleGrid>
        <Text fw={600} fz="sm" mt="xs">
          Settlement account
        </Text>
        <SegmentedControl
          aria-label="Kind of settlement account"
          value={form.account_kind}
          onChange={(value) => setForm((current) => ({ ...current, account_kind: value as ProfileForm['account_kind'] }))}
          data={[
            { value: 'iban', label: 'IBAN' },
            { value: 'account_number', label: 'Domestic account number' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        {form.account_kind === 'iban' ? (
          <SimpleGrid cols={2}>
            <TextInput
              label="IBAN"
              required
              placeholder="DE89 3704 0044 0532 0130 00"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...text('settlement_iban')}
              onBlur={() => setForm((current) => ({ ...current, settlement_iban: current.settlement_iban.trim() === '' ? '' : groupedIban(current.settlement_iban) }))}
            />
            <TextInput
              label="BIC"
              description="Optional: 8 or 11 characters"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
              {...text('settlement_bic')}
            />
          </SimpleGrid>
        ) : (
          <TextInput
            label="Account number"
            description="6 to 34 digits"
            required
            maw={320}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...text('settlement_account_number')}
          />
        )}
        <FormFooter submit={merchant === undefined ? 'Create merchant' : 'Save merchant'} busy={busy} failure={failure} onCancel={onCancel} mt="sm" />
      </Stack>
    </form>
  )
}
