/** Adding a staff member: username, name, role and an initial password of at least 12 characters. */
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { staff_roles, type StaffRole } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { notifySuccess } from '../../shared/notify'
import { role_labels } from '../../shared/roles'

export const staff_password_length_min = 12

export function NewStaffModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add staff member">
      {opened && <NewStaffForm onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  )
}

function NewStaffForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: () => void }) {
  const [username, setUsername] = useState('')
  const [display_name, setDisplayName] = useState('')
  const [role, setRole] = useState<StaffRole>('back_office_clerk')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<{ username?: string; display_name?: string; password?: string }>({})
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const found = {
      username: /^[a-z0-9._-]{3,40}$/.test(username.trim()) ? undefined : 'Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores',
      display_name: display_name.trim() ? undefined : 'Enter the name',
      password: password.length >= staff_password_length_min ? undefined : `Use at least ${staff_password_length_min} characters`,
    }
    setErrors(found)
    if (found.username || found.display_name || found.password) return
    setBusy(true)
    setRefusal(undefined)
    try {
      const created = await call('staff.create', { username: username.trim(), display_name: display_name.trim(), role, password })
      notifySuccess('Staff member added', `${created.staff.display_name} can sign in as ${created.staff.username}`)
      onCreated()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Username" required data-autofocus value={username} error={errors.username} onChange={(e) => setUsername(e.currentTarget.value)} />
        <TextInput label="Name" required value={display_name} error={errors.display_name} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <Select
          label="Role"
          required
          allowDeselect={false}
          data={staff_roles.map((r) => ({ value: r, label: role_labels[r] }))}
          value={role}
          onChange={(value) => {
            const chosen = staff_roles.find((r) => r === value)
            if (chosen) setRole(chosen)
          }}
        />
        <PasswordInput
          label="Initial password"
          description={`At least ${staff_password_length_min} characters; give it to them in person`}
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {refusal && (
          <Alert color="red" role="alert" title="Staff member not added">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
