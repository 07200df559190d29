/**
 * The live result of each test swipe, newest first: which tracks were read, the card
 * number (first six and last four), name, expiry and service code, or why the swipe could
 * not be decoded. Results arrive on the reader stream the moment the card goes through.
 */
import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ReaderEventView, ReaderStatusView, TestSwipeView } from '../../devices/readers/view'
import { formatTime } from '../shared/time'
import { readerLabel } from './format'

type TestResult = Extract<ReaderEventView, { type: 'test_swipe' }> | Extract<ReaderEventView, { type: 'swipe_error' }>

function isTestResult(event: ReaderEventView): event is TestResult {
  return event.type === 'test_swipe' || (event.type === 'swipe_error' && event.test_mode)
}

function Tracks({ read }: { read: number[] }) {
  return (
    <Group gap={4}>
      {[1, 2].map((track) => (
        <Badge key={track} color={read.includes(track) ? 'green' : 'gray'} variant={read.includes(track) ? 'light' : 'outline'} radius="sm">
          Track {track} {read.includes(track) ? '✓' : '—'}
        </Badge>
      ))}
    </Group>
  )
}

function SwipeFacts({ swipe }: { swipe: TestSwipeView }) {
  const rows: Array<[string, ReactNode]> = [
    ['Tracks read', <Tracks read={swipe.tracks_read} />],
    ['Card number', <Text span ff="monospace" fz="sm" data-testid="test-pan">{swipe.pan_masked}</Text>],
    ['Name', swipe.name ?? <Text span c="dimmed" fz="sm">not on track 2</Text>],
    ['Expires', <span data-testid="test-expiry">{swipe.expiry}</span>],
    ['Service code', <span data-testid="test-service-code">{swipe.service_code}</span>],
  ]
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Test swipe result">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Td c="dimmed" w={110} style={{ whiteSpace: 'nowrap' }}>
              {label}
            </Table.Td>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function TestSwipePanel({ events, readers }: { events: ReaderEventView[]; readers: ReaderStatusView[] }) {
  const results = events.filter(isTestResult)
  const testing = readers.filter((reader) => reader.test_mode)
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-label="Test swipe">
      <Title order={4}>Test swipe</Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {testing.length === 0
          ? 'Turn on “Test swipe” on a reader, then swipe a card: what the reader decoded shows here, and nothing goes to a terminal.'
          : `Swipe a card on ${testing.map((reader) => readerLabel(readers, reader.reader_id)).join(', ')}. Nothing goes to a terminal meanwhile.`}
      </Text>
      <Stack gap="sm" data-testid="test-results">
        {results.length === 0 && testing.length > 0 && (
          <Text fz="sm" c="dimmed" fs="italic">
            Waiting for a swipe…
          </Text>
        )}
        {results.map((result) => (
          <Paper key={result.seq} radius="sm" p="xs" bg={result.type === 'test_swipe' ? 'green.0' : 'red.0'} data-testid="test-result">
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text fz="xs" fw={600} truncate>
                {readerLabel(readers, result.reader_id)}
              </Text>
              <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatTime(result.at)}
              </Text>
            </Group>
            {result.type === 'test_swipe' ? (
              <SwipeFacts swipe={result.swipe} />
            ) : (
              <Text fz="sm" c="red.8" data-testid="test-error">
                <b>Decode error ({result.reason.replace(/_/g, ' ')}):</b> {result.message}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Paper>
  )
}
