/**
 * Commercial terms: the wholesale discount the SP keeps (a percent, sent as basis points),
 * a fee per purchase, and when to settle — at an amount, every N days, or whichever comes
 * first. The sentence under the form says the terms as they will read on the merchant page.
 */
import { Alert, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { call, errorMessage } from '../../api/client'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { termsInWords } from '../../../main/merchants/rules'
import { termsFormOf, toTermsInput, type MerchantDetail, type TermsForm, type TermsFormErrors } from './merchant-form'

export function TermsModal({ opened, merchant, onClose, onSaved }: { opened: boolean; merchant: MerchantDetail; onClose: () => void; onSaved: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Commercial terms of ${merchant.name}`} size="lg">
      {opened && (
        <TermsFormView
          merchant={merchant}
          onCancel={onClose}
          onSaved={() => {
            onClose()
            onSaved()
          }}
        />
      )}
    </Modal>
  )
}

function TermsFormView({ merchant, onCancel, onSaved }: { merchant: MerchantDetail; onCancel: () => void; onSaved: () => void }) {
  const [form, setForm] = useState<TermsForm>(() => termsFormOf(merchant))
  const [errors, setErrors] = useState<TermsFormErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FormFailure>()
  const field = <F extends keyof TermsForm>(name: F) => ({
    value: form[name],
    error: errors[name],
    onChange: (value: string) => setForm((current) => ({ ...current, [name]: value })),
  })
  const preview = toTermsInput(merchant.id, form, merchant.exponent)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    const built = toTermsInput(merchant.id, form, merchant.exponent)
    setErrors(built.ok ? {} : built.errors)
    if (!built.ok) return
    setBusy(true)
    try {
      await call('merchants.set_terms', built.input)
      notifySuccess('Terms saved', `${merchant.name}: ${termsInWords(built.input, merchant.currency, merchant.exponent)}`)
      onSaved()
    } catch (error) {
      setFailure({ title: 'The terms were not changed', message: errorMessage(error) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <AmountInput label="Wholesale discount" description="What the SP keeps of each purchase" currency="%" data-autofocus {...field('discount_percent')} />
          <AmountInput label="Fee per purchase" description="Charged to the merchant, 0 for none" currency={merchant.currency} {...field('fee_per_purchase')} />
          <AmountInput label="Settle when the payable reaches" description="Leave empty for no amount rule" currency={merchant.currency} {...field('settle_at')} />
          <TextInput
            label="Settle every"
            description="Days, 1 to 366; empty for no time rule"
            inputMode="numeric"
            rightSection={<Text fz="xs" c="dimmed">days</Text>}
            rightSectionWidth={48}
            styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
            value={form.settle_every_days}
            error={errors.settle_every_days}
            onChange={(event) => {
              const value = event.currentTarget.value
              setForm((current) => ({ ...current, settle_every_days: value }))
            }}
          />
        </SimpleGrid>
        {errors.settlement_rule && (
          <Alert color="red" role="alert">
            {errors.settlement_rule}
          </Alert>
        )}
        <Text fz="sm" c="dimmed" data-testid="terms-preview">
          {preview.ok ? `In words: ${termsInWords(preview.input, merchant.currency, merchant.exponent)}.` : 'Whichever settlement rule comes first settles the merchant.'}
        </Text>
        <FormFooter submit="Save terms" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
