/** One reader: its status, what went wrong opening it, its terminal, test mode, last swipe, and (emulated) its controls. */
import { Alert, Badge, Button, Divider, Group, Paper, Stack, Switch, Text } from '@mantine/core'
import type { BadSwipeKindView, LastSwipeView, ReaderStatusView } from '../../devices/readers/view'
import type { TerminalSummaryView, WalletCardView } from '../../devices/terminals/view'
import { formatTime } from '../shared/time'
import { CopyBlock } from './CopyBlock'
import { EmulatedControls } from './EmulatedControls'
import { connection_looks, hex4 } from './format'
import { PairingControl } from './PairingControl'

export interface ReaderActions {
  pair: (terminal_id: string) => void
  unpair: () => void
  testMode: (on: boolean) => void
  retry: () => void
  swipe: (label: string, bad?: BadSwipeKindView) => void
  plug: (plugged: boolean) => void
  remove: () => void
}

const outcome_words: Record<LastSwipeView['outcome'], { color: string; word: string }> = {
  inserted: { color: 'green', word: 'inserted' },
  tested: { color: 'blue', word: 'test' },
  refused: { color: 'red', word: 'refused' },
  bad_swipe: { color: 'orange', word: 'bad swipe' },
  ignored: { color: 'gray', word: 'ignored' },
}

function LastSwipe({ swipe }: { swipe: LastSwipeView | null }) {
  if (swipe === null) {
    return (
      <Text fz="sm" c="dimmed">
        No swipe since the host started.
      </Text>
    )
  }
  const look = outcome_words[swipe.outcome]
  return (
    <Group gap={6} data-testid="last-swipe">
      <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        Last swipe {formatTime(swipe.at)}
      </Text>
      <Badge color={look.color} variant="light" radius="sm" style={{ flex: 'none' }}>
        {look.word}
      </Badge>
      {swipe.pan_masked && (
        <Text fz="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {swipe.pan_masked}
        </Text>
      )}
      <Text fz="sm">{swipe.message}</Text>
    </Group>
  )
}

export function ReaderCard({
  reader,
  terminals,
  cards,
  actions,
}: {
  reader: ReaderStatusView
  terminals: TerminalSummaryView[]
  cards: WalletCardView[]
  actions: ReaderActions
}) {
  const look = connection_looks[reader.connection]
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-label={`Reader ${reader.serial_number ?? reader.reader_id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={700}>{reader.name}</Text>
            <Text fz="xs" c="dimmed" ff="monospace">
              {hex4(reader.vendor_id)}:{hex4(reader.product_id)} · {reader.serial_number ? `serial ${reader.serial_number}` : `port ${reader.path ?? 'unknown'}`}
            </Text>
          </div>
          <Group gap={6} wrap="nowrap">
            {reader.emulated && (
              <Badge color="violet" variant="light" radius="sm">
                Emulated
              </Badge>
            )}
            {reader.test_mode && (
              <Badge color="blue" variant="filled" radius="sm">
                Test swipe
              </Badge>
            )}
            <Badge color={look.color} variant="light" radius="sm" data-testid="reader-connection">
              {look.word}
            </Badge>
          </Group>
        </Group>
        {reader.problem && (
          <Alert color="red" variant="light" p="xs" title={reader.problem.id === 'reader_permission_denied' ? 'Permission denied' : 'The reader cannot be read'}>
            <Stack gap={6}>
              <Text fz="sm">{reader.problem.message}</Text>
              {reader.problem.udev_rule && <CopyBlock text={reader.problem.udev_rule} label="udev rule" />}
              {reader.plugged && (
                <Group>
                  <Button size="compact-xs" variant="light" color="red" onClick={actions.retry}>
                    Try again
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <PairingControl reader={reader} terminals={terminals} onPair={actions.pair} onUnpair={actions.unpair} />
        <Switch
          size="sm"
          checked={reader.test_mode}
          onChange={(event) => actions.testMode(event.currentTarget.checked)}
          label="Test swipe"
          description={reader.terminal_id ? `Swipes show on this screen instead of going into ${reader.terminal_id}.` : 'Swipes show on this screen.'}
        />
        <LastSwipe swipe={reader.last_swipe} />
        {reader.emulated && (
          <>
            <Divider />
            <EmulatedControls reader={reader} cards={cards} onSwipe={actions.swipe} onPlug={actions.plug} onRemove={actions.remove} />
          </>
        )}
      </Stack>
    </Paper>
  )
}
