/**
 * The side panel: every ISO 8583 message the terminal exchanged, newest first, field by
 * field (number, name, value) as the service masked them: the PAN cut to BIN and last four,
 * track 2 to the masked PAN, the PIN block hidden. A click on a message's header folds it.
 */
import { Badge, Group, Paper, ScrollArea, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import { useState } from 'react'
import type { MessageView } from '../../devices/terminals/view'
import { mtiName } from './mti-names'

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } as const

function clock(iso: string): string {
  const at = new Date(iso)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`
}

/** Field 70 in words, for the one-line summary of a network management message. */
const network_codes: Readonly<Record<string, string>> = { '001': 'sign-on', '002': 'sign-off', '301': 'echo test' }

function Message({ message }: { message: MessageView }) {
  const sent = message.direction === 'sent'
  // Sign-ons and echo tests are the line's heartbeat: folded to one line unless opened.
  const network = message.mti.startsWith('08')
  const [open, setOpen] = useState(!network)
  const code_70 = message.fields.find((f) => f.field === 70)?.value
  return (
    <Paper withBorder p={6} radius="sm" aria-label={`${message.mti} ${message.direction}`} data-testid="iso-message" style={{ borderLeft: `4px solid var(--mantine-color-${sent ? 'indigo' : 'teal'}-6)` }}>
      <UnstyledButton onClick={() => setOpen(!open)} style={{ width: '100%' }} aria-expanded={open}>
        <Group justify="space-between" gap={6} wrap="nowrap">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fz="xs" fw={700} c={sent ? 'indigo.7' : 'teal.7'} w={80} style={{ flex: 'none', whiteSpace: 'nowrap' }}>
              {sent ? 'SENT →' : '← RECEIVED'}
            </Text>
            <Text fw={700} style={mono}>
              {message.mti}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {mtiName(message.mti)}
              {network && code_70 ? ` · ${network_codes[code_70] ?? code_70}` : ''}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
            {message.response_code !== null && (
              <Badge size="sm" radius="sm" variant="light" color={message.response_code === '00' ? 'green' : 'red'}>
                {message.response_code}
              </Badge>
            )}
            <Text fz="xs" c="dimmed" style={mono}>
              {clock(message.at)}
            </Text>
          </Group>
        </Group>
      </UnstyledButton>
      {open && (
        <Table fz="xs" verticalSpacing={1} horizontalSpacing={6} withRowBorders={false} striped mt={4}>
          <Table.Tbody>
            {message.fields.map((field) => (
              <Table.Tr key={field.field}>
                <Table.Td w={26} c="dimmed" ta="right" style={mono}>
                  {field.field}
                </Table.Td>
                <Table.Td w="45%" c="dimmed">
                  {field.name}
                </Table.Td>
                <Table.Td style={{ ...mono, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{field.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

export function MessagePanel({ messages, total, height }: { messages: MessageView[]; total: number; height: number | string }) {
  const newest_first = [...messages].reverse()
  return (
    <ScrollArea h={height} type="auto" offsetScrollbars>
      <Stack gap="xs" aria-label="ISO 8583 messages">
        {newest_first.length === 0 && (
          <Text fz="sm" c="dimmed">
            No messages yet. The sign-on appears here as soon as the terminal connects.
          </Text>
        )}
        {newest_first.map((message) => (
          <Message key={message.seq} message={message} />
        ))}
        {total > messages.length && (
          <Text fz="xs" c="dimmed" ta="center">
            Showing the newest {messages.length} of {total}.
          </Text>
        )}
      </Stack>
    </ScrollArea>
  )
}
