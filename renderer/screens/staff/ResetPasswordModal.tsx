/** Setting a new password for a staff member; their sessions end, so they sign in with it. */
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { StaffRowView } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { notifySuccess } from '../../shared/notify'
import { staff_password_length_min } from './NewStaffModal'

export function ResetPasswordModal({ staff, onClose, onDone }: { staff: StaffRowView | undefined; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={staff !== undefined} onClose={onClose} title={`Reset password — ${staff?.display_name ?? ''}`}>
      {staff && <ResetForm staff={staff} onCancel={onClose} onDone={onDone} />}
    </Modal>
  )
}

function ResetForm({ staff, onCancel, onDone }: { staff: StaffRowView; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const problem = password.length >= staff_password_length_min ? undefined : `Use at least ${staff_password_length_min} characters`
    setError(problem)
    if (problem) return
    setBusy(true)
    setRefusal(undefined)
    try {
      await call('staff.reset_password', { staff_id: staff.id, password })
      notifySuccess('Password reset', `${staff.display_name} signs in with the new password`)
      onDone()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">Their open sessions end now; they sign in again with the new password.</Text>
        <PasswordInput label="New password" required data-autofocus value={password} error={error} onChange={(e) => setPassword(e.currentTarget.value)} />
        {refusal && (
          <Alert color="red" role="alert" title="Password not reset">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Reset password
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
