/** What the readers did lately, newest first: plugs, opens, cards going into terminals, refusals. Card numbers arrive masked. */
import { Paper, Stack, Text, Title } from '@mantine/core'
import type { ReaderEventView, ReaderStatusView } from '../../devices/readers/view'
import { formatTime } from '../shared/time'
import { describeEvent, readerShortLabel } from './format'

const warning_types = new Set<ReaderEventView['type']>(['open_failed', 'disconnected', 'swipe_error', 'card_refused'])

export function EventList({ events, readers }: { events: ReaderEventView[]; readers: ReaderStatusView[] }) {
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-label="Reader events">
      <Title order={5} mb="xs">
        Reader events
      </Title>
      {events.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing yet since this screen opened.
        </Text>
      ) : (
        <Stack gap={4} mah={260} style={{ overflowY: 'auto' }}>
          {events.map((event) => (
            <Text key={event.seq} fz="xs" c={warning_types.has(event.type) ? 'red.8' : undefined}>
              <Text span fz="xs" c="dimmed">
                {formatTime(event.at).slice(11)}
              </Text>{' '}
              <b>{readerShortLabel(readers, event.reader_id)}</b>: {describeEvent(event)}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
