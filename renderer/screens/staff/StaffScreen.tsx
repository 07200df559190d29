/**
 * Staff (administrators only; the host refuses the commands to anyone else): who may sign
 * in, with which role. An administrator adds staff, changes roles, disables or enables a
 * login and resets a password. Their own row's role and status are locked, as on the host.
 */
import { Alert, Button, Group, Select, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import { staff_roles, type StaffRole, type StaffRowView } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { notifyError, notifySuccess } from '../../shared/notify'
import { role_labels } from '../../shared/roles'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useSession } from '../../src/session'
import { NewStaffModal } from './NewStaffModal'
import { ResetPasswordModal } from './ResetPasswordModal'

const role_options = staff_roles.map((role) => ({ value: role, label: role_labels[role] }))

export function StaffScreen() {
  const me = useSession().staff
  const [refresh, setRefresh] = useState(0)
  const [adding, setAdding] = useState(false)
  const [resetting, setResetting] = useState<StaffRowView>()
  const [disabling, setDisabling] = useState<StaffRowView>()
  const list = useCommand('staff.list', {}, { refresh })
  const reload = () => setRefresh((n) => n + 1)

  const columns = useMemo<ColumnDef<StaffRowView>[]>(() => {
    async function changeRole(row: StaffRowView, role: StaffRole) {
      try {
        await call('staff.set_role', { staff_id: row.id, role })
        notifySuccess('Role changed', `${row.display_name} is now ${role_labels[role].toLowerCase()}`)
      } catch (failure) {
        notifyError('Role not changed', failure)
      }
      reload()
    }
    async function enable(row: StaffRowView) {
      try {
        await call('staff.enable', { staff_id: row.id })
        notifySuccess('Login enabled', `${row.display_name} can sign in again`)
      } catch (failure) {
        notifyError('Login not enabled', failure)
      }
      reload()
    }
    return [
      { id: 'username', header: 'Username', accessorFn: (s) => s.username, cell: ({ row }) => <Text ff="monospace" fz="sm">{row.original.username}</Text> },
      { id: 'name', header: 'Name', accessorFn: (s) => s.display_name },
      {
        id: 'role',
        header: 'Role',
        accessorFn: (s) => role_labels[s.role],
        cell: ({ row: { original: s } }) =>
          s.id === me.id ? (
            <Group gap="xs" wrap="nowrap">
              <Select size="xs" w={170} data={role_options} value={s.role} disabled aria-label={`Role of ${s.username}`} />
              <Text fz="xs" c="dimmed">
                Your own role: another administrator changes it
              </Text>
            </Group>
          ) : (
            <Select
              size="xs"
              w={170}
              data={role_options}
              value={s.role}
              allowDeselect={false}
              aria-label={`Role of ${s.username}`}
              onChange={(role) => {
                const chosen = staff_roles.find((r) => r === role)
                if (chosen && chosen !== s.role) void changeRole(s, chosen)
              }}
            />
          ),
      },
      { id: 'status', header: 'Status', accessorFn: (s) => s.status, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'created', header: 'Added', accessorFn: (s) => s.created_at, cell: ({ row }) => formatTime(row.original.created_at) },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        meta: { align: 'right' },
        cell: ({ row: { original: s } }) => (
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => setResetting(s)} aria-label={`Reset password of ${s.username}`}>
              Reset password
            </Button>
            {s.id !== me.id &&
              (s.status === 'active' ? (
                <Button size="compact-sm" variant="light" color="red" onClick={() => setDisabling(s)} aria-label={`Disable ${s.username}`}>
                  Disable
                </Button>
              ) : (
                <Button size="compact-sm" variant="light" color="green" onClick={() => void enable(s)} aria-label={`Enable ${s.username}`}>
                  Enable
                </Button>
              ))}
          </Group>
        ),
      },
    ]
  }, [me.id])

  return (
    <>
      <ScreenTitle title="Staff">
        <Button onClick={() => setAdding(true)}>Add staff member</Button>
      </ScreenTitle>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load staff">
          {list.error}
        </Alert>
      )}
      <DataTable label="Staff" minWidth={1000} rows={list.data?.rows} columns={columns} loading={list.loading} rowKey={(s) => String(s.id)} empty="No staff." />
      <NewStaffModal
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={() => {
          setAdding(false)
          reload()
        }}
      />
      <ResetPasswordModal
        staff={resetting}
        onClose={() => setResetting(undefined)}
        onDone={() => {
          setResetting(undefined)
          reload()
        }}
      />
      <ConfirmModal
        opened={disabling !== undefined}
        title={`Disable ${disabling?.display_name ?? ''}`}
        confirm="Disable login"
        onClose={() => setDisabling(undefined)}
        onConfirm={async () => {
          if (!disabling) return
          await call('staff.disable', { staff_id: disabling.id })
          notifySuccess('Login disabled', `${disabling.display_name} is signed out and cannot sign in`)
          setDisabling(undefined)
          reload()
        }}
      >
        <Text fz="sm">They are signed out at once and cannot sign in until an administrator enables the login again.</Text>
      </ConfirmModal>
    </>
  )
}
