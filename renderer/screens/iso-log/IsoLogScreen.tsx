/**
 * The ISO 8583 message log: every message between the terminals and the card host, newest
 * first and paged by the host, filtered by terminal ID. A row opens a drawer with every field
 * of the message, masked by the host before it was written (PAN as BIN and last four, no
 * track data, no PIN block).
 */
import { Alert, Badge, Button, Drawer, Group, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import type { ColumnDef } from '@tanstack/react-table'
import { useState } from 'react'
import type { IsoMessageView } from '../../../main/api/console/contract'
import { tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { Fact } from '../../shared/Fact'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { isApproved, mtiName, networkCodeName, responseMeaning } from '../../shared/iso-names'

const filter_debounce_ms = 250
const nowrap = { whiteSpace: 'nowrap' } as const

function Direction({ direction }: { direction: IsoMessageView['direction'] }) {
  return direction === 'in' ? (
    <Text span fz="sm" c="blue.8" style={nowrap} title="From the terminal to the host">
      → in
    </Text>
  ) : (
    <Text span fz="sm" c="grape.8" style={nowrap} title="From the host to the terminal">
      ← out
    </Text>
  )
}

/** The MTI and its name; a network management message also says which (sign-on, echo test). */
function MessageType({ message }: { message: IsoMessageView }) {
  const { mti } = message
  const network = mti.startsWith('08') ? networkCodeName(message.fields.find((f) => f.field === 70)?.value) : null
  const name = [mtiName(mti), network].filter((part) => part !== null).join(': ')
  return (
    <Text span fz="sm" style={nowrap}>
      <Text span ff="monospace" fz="sm" fw={600}>
        {mti}
      </Text>{' '}
      {name !== '' && (
        <Text span c="dimmed" fz="sm">
          {name}
        </Text>
      )}
    </Text>
  )
}

function ResponseCode({ code }: { code: string }) {
  if (code === '') {
    return (
      <Text span fz="sm" c="dimmed">
        —
      </Text>
    )
  }
  const meaning = responseMeaning(code)
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" radius="sm" variant="light" color={isApproved(code) ? 'green' : 'red'} ff="monospace">
        {code}
      </Badge>
      <Text span fz="sm" style={nowrap}>
        {meaning ?? 'Unknown code'}
      </Text>
    </Group>
  )
}

const message_columns: ColumnDef<IsoMessageView>[] = [
  {
    id: 'time',
    header: 'Time',
    accessorFn: (m) => m.at,
    cell: ({ row }) => (
      <Text span fz="sm" style={tabular}>
        {formatTime(row.original.at)}
      </Text>
    ),
  },
  {
    id: 'terminal',
    header: 'Terminal',
    accessorFn: (m) => m.terminal_id,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace" style={nowrap}>
        {row.original.terminal_id || '—'}
      </Text>
    ),
  },
  { id: 'direction', header: 'Direction', accessorFn: (m) => m.direction, cell: ({ row }) => <Direction direction={row.original.direction} /> },
  { id: 'mti', header: 'Message type', accessorFn: (m) => m.mti, cell: ({ row }) => <MessageType message={row.original} /> },
  {
    id: 'stan',
    header: 'STAN',
    accessorFn: (m) => m.stan,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace">
        {row.original.stan || '—'}
      </Text>
    ),
  },
  { id: 'response', header: 'Response', accessorFn: (m) => m.response_code, cell: ({ row }) => <ResponseCode code={row.original.response_code} /> },
]

type Field = IsoMessageView['fields'][number]

const field_columns: ColumnDef<Field>[] = [
  {
    id: 'field',
    header: 'Field',
    accessorFn: (f) => f.field,
    meta: { align: 'right' },
    cell: ({ row }) => (
      <Text span fz="sm" style={tabular}>
        {row.original.field}
      </Text>
    ),
  },
  { id: 'name', header: 'Name', accessorFn: (f) => f.name },
  {
    id: 'value',
    header: 'Value',
    accessorFn: (f) => f.value,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {row.original.value}
      </Text>
    ),
  },
]

interface MessageDrawerProps {
  opened: boolean
  message: IsoMessageView | undefined
  onClose: () => void
  /** Once the drawer has slid away, so its content does not vanish while it moves. */
  onClosed: () => void
}

function MessageDrawer({ opened, message, onClose, onClosed }: MessageDrawerProps) {
  const name = message ? mtiName(message.mti) : null
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      position="right"
      size="xl"
      title={message ? `Message ${message.mti}${name ? ` — ${name}` : ''}` : ''}
    >
      {message && (
        <Stack gap="md">
          <Group gap="xl" align="flex-start">
            <Fact label="Time">
              <Text span fz="sm" style={tabular}>
                {formatTime(message.at)}
              </Text>
            </Fact>
            <Fact label="Terminal">
              <Text span fz="sm" ff="monospace">
                {message.terminal_id || '—'}
              </Text>
            </Fact>
            <Fact label="Direction">
              <Direction direction={message.direction} />
            </Fact>
            <Fact label="STAN">
              <Text span fz="sm" ff="monospace">
                {message.stan || '—'}
              </Text>
            </Fact>
            <Fact label="Response">
              <ResponseCode code={message.response_code} />
            </Fact>
          </Group>
          <DataTable
            label="Message fields"
            minWidth={480}
            rows={message.fields}
            columns={field_columns}
            loading={false}
            rowKey={(f) => String(f.field)}
            empty="This message has no fields besides its type."
          />
          <Text fz="xs" c="dimmed">
            Masked by the host before it was logged: a card number shows only its BIN and last four; track data and PIN blocks are never
            kept.
          </Text>
        </Stack>
      )}
    </Drawer>
  )
}

export function IsoLogScreen() {
  const [terminal, setTerminal] = useState('')
  const [debounced] = useDebouncedValue(terminal.trim(), filter_debounce_ms)
  const paging = usePaging(debounced)
  const [open, setOpen] = useState<{ message: IsoMessageView; shown: boolean }>()
  const list = useCommand('iso_messages.list', {
    terminal_id: debounced === '' ? undefined : debounced,
    page: paging.page,
    page_size: paging.page_size,
  })

  return (
    <>
      <ScreenTitle title="Message log">
        <Button variant="default" onClick={list.reload} loading={list.loading && list.data !== undefined}>
          Reload
        </Button>
      </ScreenTitle>
      <Text fz="sm" mb="sm">
        Every ISO 8583 message between the terminals and the card host, newest first. Click a message to see all its fields.
      </Text>
      <TextInput
        mb="sm"
        maw={260}
        label="Terminal ID"
        placeholder="All terminals"
        maxLength={8}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        value={terminal}
        onChange={(event) => setTerminal(event.currentTarget.value.toUpperCase())}
      />
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load the message log">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="ISO messages"
        minWidth={1000}
        rows={list.data?.rows}
        columns={message_columns}
        loading={list.loading}
        rowKey={(m) => String(m.id)}
        onRowClick={(message) => setOpen({ message, shown: true })}
        empty={debounced === '' ? 'No messages yet: no terminal has talked to the card host.' : `No messages from terminal ${debounced}.`}
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
      <MessageDrawer
        opened={open?.shown ?? false}
        message={open?.message}
        onClose={() => setOpen((current) => current && { ...current, shown: false })}
        onClosed={() => setOpen(undefined)}
      />
    </>
  )
}
