/**
 * Seed 001 figure 4B: the POS terminals that take payments for this merchant — its own, and
 * acquirer terminals shared with other merchants. A payment names the merchant by its code
 * (ISO 8583 field 42) and lands in that merchant's payable account. Supervisors add or
 * remove the merchants a POS takes payments for.
 */
import { Alert, Anchor, Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { notifySuccess } from '../../shared/notify'
import { routeHash } from '../../shared/route'
import { StatusBadge } from '../../shared/StatusBadge'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import type { MerchantDetail } from './merchant-form'

type Pos = CommandOutput<'merchants.shared_pos.list'>['rows'][number]

export function SharedPosPanel({ merchant }: { merchant: MerchantDetail }) {
  const may_manage = useMayCall('merchants.shared_pos.add')
  const [refresh, setRefresh] = useState(0)
  const terminals = useCommand('merchants.shared_pos.list', { merchant_id: merchant.id }, { refresh })
  const all = useCommand('merchants.list', { status: 'active' }, { enabled: may_manage })
  const [problem, setProblem] = useState<string>()
  const [adding, setAdding] = useState<Record<string, string | null>>({})

  async function change(command: 'merchants.shared_pos.add' | 'merchants.shared_pos.remove', terminal_id: string, merchant_id: number, name: string) {
    setProblem(undefined)
    try {
      await call(command, { terminal_id, merchant_id })
      notifySuccess(command.endsWith('add') ? 'Merchant added to POS' : 'Merchant removed from POS', `${terminal_id}: ${name}`)
      setAdding((current) => ({ ...current, [terminal_id]: null }))
      setRefresh((n) => n + 1)
    } catch (error) {
      setProblem(errorMessage(error))
    }
  }

  const rows = terminals.data?.rows ?? []
  return (
    <Paper withBorder p="md" mb="md">
      <Title order={4} mb={4}>
        Point of sale
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        A shared POS takes payments for several merchants; each payment carries the merchant code in field 42 and is paid into that merchant's account.
      </Text>
      {(terminals.error || problem) && (
        <Alert color="red" mb="sm" role="alert">
          {terminals.error ?? problem}
        </Alert>
      )}
      {terminals.data && rows.length === 0 && (
        <Text fz="sm" c="dimmed">
          No POS terminal takes card payments for {merchant.name}. Register one under Terminal registry, or ask a supervisor to add it to a shared POS.
        </Text>
      )}
      {rows.length > 0 && (
        <Table withTableBorder fz="sm" verticalSpacing={4} aria-label="Point-of-sale terminals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Terminal</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Takes payments for</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((pos) => (
              <Table.Tr key={pos.terminal_id}>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Group gap={6}>
                    <Code>{pos.terminal_id}</Code>
                    {pos.status !== 'active' && <StatusBadge status={pos.status} />}
                    {pos.merchants.length > 1 && (
                      <Badge size="xs" variant="outline" radius="sm">
                        shared
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>{pos.location || '—'}</Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {pos.merchants.map((m) => (
                      <Group key={m.merchant_id} gap={8} wrap="nowrap">
                        {m.merchant_id === merchant.id ? <Text fz="sm" fw={600}>{m.name}</Text> : <Anchor fz="sm" href={routeHash({ screen: 'merchant', merchant_id: m.merchant_id })}>{m.name}</Anchor>}
                        <Code>{m.merchant_code ?? 'no code'}</Code>
                        {m.own && <Text span fz="xs" c="dimmed">owner (default when field 42 is empty)</Text>}
                        {m.status !== 'active' && <StatusBadge status={m.status} />}
                        {may_manage && !m.own && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => void change('merchants.shared_pos.remove', pos.terminal_id, m.merchant_id, m.name)}>
                            Remove
                          </Button>
                        )}
                      </Group>
                    ))}
                    {may_manage && (
                      <AddMerchant pos={pos} candidates={all.data?.rows ?? []} value={adding[pos.terminal_id] ?? null} onChange={(v) => setAdding((c) => ({ ...c, [pos.terminal_id]: v }))} onAdd={(id, name) => void change('merchants.shared_pos.add', pos.terminal_id, id, name)} />
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

function AddMerchant({
  pos,
  candidates,
  value,
  onChange,
  onAdd,
}: {
  pos: Pos
  candidates: CommandOutput<'merchants.list'>['rows']
  value: string | null
  onChange: (value: string | null) => void
  onAdd: (merchant_id: number, name: string) => void
}) {
  const on = new Set(pos.merchants.map((m) => m.merchant_id))
  const data = candidates
    .filter((m) => !on.has(m.id) && m.currency === pos.currency && m.merchant_code !== null)
    .map((m) => ({ value: String(m.id), label: `${m.name} (${m.merchant_code})` }))
  if (data.length === 0) return null
  const chosen = candidates.find((m) => String(m.id) === value)
  return (
    <Group gap={6} mt={2}>
      <Select size="xs" w={260} placeholder="Add a merchant to this POS" aria-label={`Add a merchant to ${pos.terminal_id}`} data={data} value={value} onChange={onChange} searchable />
      <Button size="compact-sm" variant="light" disabled={!chosen} onClick={() => chosen && onAdd(chosen.id, chosen.name)}>
        Add
      </Button>
    </Group>
  )
}
