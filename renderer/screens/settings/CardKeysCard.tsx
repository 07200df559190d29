/**
 * The bank's card keys as a key custodian checks them: each key's name and key check value
 * (KCV), never the key. The host makes the keys when it issues its first card.
 */
import { Paper, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { CommandOutput } from '../../../main/api/console/contract'
import { tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { formatTime } from '../../shared/time'

type CardKey = CommandOutput<'settings.get'>['card_keys'][number]

/** What each key is for, beside its short name. */
const key_purposes: Readonly<Record<string, string>> = {
  cvk: 'Card verification key: checks the CVV on the magnetic stripe',
  pvk: 'PIN verification key: checks a PIN without storing it',
}

const card_key_columns: ColumnDef<CardKey>[] = [
  {
    id: 'name',
    header: 'Key',
    accessorFn: (k) => k.name,
    cell: ({ row }) => (
      <Text span fz="sm">
        <b>{row.original.name.toUpperCase()}</b>{' '}
        <Text span c="dimmed" fz="sm">
          {key_purposes[row.original.name] ?? ''}
        </Text>
      </Text>
    ),
  },
  {
    id: 'kcv',
    header: 'Key check value',
    accessorFn: (k) => k.kcv,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace" fw={600} style={{ letterSpacing: '0.1em' }}>
        {row.original.kcv}
      </Text>
    ),
  },
  {
    id: 'created',
    header: 'Made',
    accessorFn: (k) => k.created_at,
    cell: ({ row }) => (
      <Text span fz="sm" style={tabular}>
        {formatTime(row.original.created_at)}
      </Text>
    ),
  },
]

export function CardKeysCard({ keys, loading }: { keys: CardKey[] | undefined; loading: boolean }) {
  return (
    <Paper component="section" aria-label="Card keys" withBorder p="md" mt="lg">
      <Title order={4} mb={4}>
        Card keys
      </Title>
      <Text fz="sm" mb="sm">
        Key check values let a key custodian confirm a key without revealing it.
      </Text>
      <DataTable
        label="Card keys"
        minWidth={600}
        rows={keys}
        columns={card_key_columns}
        loading={loading}
        rowKey={(k) => k.name}
        empty="No card keys yet: the bank makes them when it issues its first card."
      />
    </Paper>
  )
}
