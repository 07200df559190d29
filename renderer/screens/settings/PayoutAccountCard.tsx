/**
 * The bank's own account that merchant payouts leave from: the debtor of every pain.001 file.
 * Everyone who reads settings sees it; only an administrator changes it (audited on the host).
 * The form checks the IBAN and BIC with the same rules as the host and the merchant forms.
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { checkBic, checkIban, groupedIban } from '../../../main/merchants/iban'
import { call, errorMessage } from '../../api/client'
import { Fact } from '../../shared/Fact'
import { FormFooter } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'

export function PayoutAccountCard() {
  const may_read = useMayCall('settlement.payout_account')
  const may_edit = useMayCall('settlement.set_payout_account')
  const [refresh, setRefresh] = useState(0)
  const [editing, setEditing] = useState(false)
  const account = useCommand('settlement.payout_account', {}, { enabled: may_read, refresh })
  if (!may_read) return null
  const current = account.data?.account

  return (
    <Paper component="section" aria-label="Payout account" withBorder p="md" mt="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4} mb={4}>
            Payout account
          </Title>
          <Text fz="sm" c="dimmed" mb="sm">
            The bank's account that merchant payouts are paid from: the debtor of every pain.001 payout file.
          </Text>
        </div>
        {may_edit && (
          <Button variant="light" size="compact-sm" onClick={() => setEditing(true)}>
            {current && !current.is_demo ? 'Change' : 'Set the payout account'}
          </Button>
        )}
      </Group>
      {account.error && (
        <Alert color="red" title="Could not load the payout account">
          {account.error}
        </Alert>
      )}
      {account.data && current === null && (
        <Alert color="orange" title="Not set">
          No pain.001 payout file can be made until an administrator sets the bank's IBAN and BIC here.
        </Alert>
      )}
      {current && (
        <Group gap="xl">
          <Fact label="IBAN"><Text ff="monospace">{groupedIban(current.iban)}</Text></Fact>
          <Fact label="BIC"><Text ff="monospace">{current.bic}</Text></Fact>
          {current.is_demo && <Fact label="Source"><Text c="orange">demo account until one is set</Text></Fact>}
        </Group>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title="Payout account">
        {editing && (
          <PayoutAccountForm
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false)
              setRefresh((n) => n + 1)
            }}
          />
        )}
      </Modal>
    </Paper>
  )
}

function PayoutAccountForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: () => void }) {
  const [iban, setIban] = useState('')
  const [bic, setBic] = useState('')
  const [errors, setErrors] = useState<{ iban?: string; bic?: string }>({})
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const checked = { iban: checkIban(iban), bic: checkBic(bic) }
    const found = { iban: checked.iban.ok ? undefined : checked.iban.error, bic: checked.bic.ok ? undefined : checked.bic.error }
    setErrors(found)
    if (found.iban || found.bic) return
    setBusy(true)
    setRefusal(undefined)
    try {
      const saved = await call('settlement.set_payout_account', { iban, bic })
      notifySuccess('Payout account saved', `Payouts now leave from ${groupedIban(saved.account.iban)}.`)
      onSaved()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="IBAN" required data-autofocus value={iban} error={errors.iban} onChange={(e) => setIban(e.currentTarget.value)} ff="monospace" />
        <TextInput label="BIC" required value={bic} error={errors.bic} onChange={(e) => setBic(e.currentTarget.value)} ff="monospace" />
        <FormFooter submit="Save" busy={busy} failure={refusal ? { title: 'Payout account not saved', message: refusal } : undefined} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
