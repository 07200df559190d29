/**
 * "Register terminal": an 8-character terminal ID, ATM or POS, the merchant a POS belongs
 * to, where it stands and its currency. Roles that may list merchants pick one by name (and
 * the POS takes the merchant's currency); others, such as technicians, type the merchant ID
 * from the job sheet. The host makes the terminal's PIN key; the console only sees its KCV.
 */
import { FormFooter } from '../../shared/FormFooter'
import { Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { empty_terminal_form, terminal_kind_labels, toCreateTerminalInput, type TerminalForm, type TerminalFormErrors } from './terminal-form'

export type KeyDelivery = CommandOutput<'terminals.create'>

interface RegisterTerminalModalProps {
  opened: boolean
  onClose: () => void
  onRegistered: (delivery: KeyDelivery) => void
}

export function RegisterTerminalModal({ opened, onClose, onRegistered }: RegisterTerminalModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Register terminal" size="lg">
      {opened && <RegisterTerminalForm onCancel={onClose} onRegistered={onRegistered} />}
    </Modal>
  )
}

function RegisterTerminalForm({ onCancel, onRegistered }: { onCancel: () => void; onRegistered: (delivery: KeyDelivery) => void }) {
  const may_list_merchants = useMayCall('merchants.list')
  const may_read_settings = useMayCall('settings.get')
  const merchants = useCommand('merchants.list', {}, { enabled: may_list_merchants })
  const settings = useCommand('settings.get', {}, { enabled: may_read_settings })
  const [form, setForm] = useState<TerminalForm>(empty_terminal_form)
  const [errors, setErrors] = useState<TerminalFormErrors>({})
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)
  // A field the clerk changes loses its old error; the next submit checks it again.
  const set = (patch: Partial<TerminalForm>) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const built = toCreateTerminalInput(form)
    setErrors(built.ok ? {} : built.errors)
    if (!built.ok) return
    setBusy(true)
    setRefusal(undefined)
    try {
      onRegistered(await call('terminals.create', built.input))
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  const merchant_rows = merchants.data?.rows ?? []
  const currencies = settings.data?.currencies

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput
            label="Terminal ID"
            description="8 capital letters or digits, as configured in the terminal"
            required
            data-autofocus
            maxLength={8}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={form.terminal_id}
            error={errors.terminal_id}
            onChange={(event) => set({ terminal_id: event.currentTarget.value.toUpperCase() })}
          />
          <Input.Wrapper label="Kind" labelElement="div" description="ATM: the bank's cash machine. POS: a merchant's card reader">
            <SegmentedControl
              aria-label="Kind"
              fullWidth
              value={form.kind}
              onChange={(kind) => set({ kind: kind === 'pos' ? 'pos' : 'atm', merchant_id: '' })}
              data={[
                { value: 'atm', label: terminal_kind_labels.atm },
                { value: 'pos', label: terminal_kind_labels.pos },
              ]}
            />
          </Input.Wrapper>
        </SimpleGrid>
        {form.kind === 'pos' &&
          (may_list_merchants ? (
            <Select
              label="Merchant"
              placeholder={merchants.loading ? 'Loading merchants…' : 'Choose the merchant this terminal belongs to'}
              required
              searchable
              allowDeselect={false}
              data={merchant_rows.map((m) => ({ value: String(m.id), label: `${m.name} (${m.currency})` }))}
              value={form.merchant_id === '' ? null : form.merchant_id}
              error={errors.merchant_id ?? merchants.error}
              onChange={(value) => {
                const chosen = merchant_rows.find((m) => String(m.id) === value)
                set({ merchant_id: value ?? '', ...(chosen ? { currency: chosen.currency } : {}) })
              }}
            />
          ) : (
            <TextInput
              label="Merchant ID"
              description="The number of the merchant this terminal belongs to, from the job sheet"
              required
              inputMode="numeric"
              maw={260}
              value={form.merchant_id}
              error={errors.merchant_id}
              onChange={(event) => set({ merchant_id: event.currentTarget.value })}
            />
          ))}
        <SimpleGrid cols={2}>
          <TextInput
            label="Location"
            description="Where it stands, as staff would find it"
            maxLength={40}
            value={form.location}
            error={errors.location}
            onChange={(event) => set({ location: event.currentTarget.value })}
          />
          {currencies ? (
            <Select
              label="Currency"
              description="What the terminal dispenses or charges"
              required
              allowDeselect={false}
              data={currencies.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
              value={form.currency === '' ? null : form.currency}
              error={errors.currency}
              onChange={(value) => set({ currency: value ?? '' })}
            />
          ) : (
            <TextInput
              label="Currency"
              description="What the terminal dispenses or charges, such as USD"
              required
              maxLength={3}
              value={form.currency}
              error={errors.currency}
              onChange={(event) => set({ currency: event.currentTarget.value.toUpperCase() })}
            />
          )}
        </SimpleGrid>
        <FormFooter
          submit="Register terminal"
          busy={busy}
          failure={refusal === undefined ? undefined : { title: 'The bank refused to register the terminal', message: refusal }}
          onCancel={onCancel}
          mt="xs"
        />
      </Stack>
    </form>
  )
}
