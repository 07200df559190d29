/**
 * Which terminal a reader feeds: the terminal it is paired to with an Unpair button, or a
 * terminal picker and Pair. Says how the pairing finds the reader again: by serial number
 * (any USB port), or only in the port it is in now.
 */
import { Button, Group, Select, Text } from '@mantine/core'
import { useState } from 'react'
import type { ReaderStatusView } from '../../devices/readers/view'
import type { TerminalSummaryView } from '../../devices/terminals/view'
import { formatTime } from '../shared/time'

export function PairingControl({
  reader,
  terminals,
  onPair,
  onUnpair,
}: {
  reader: ReaderStatusView
  terminals: TerminalSummaryView[]
  onPair: (terminal_id: string) => void
  onUnpair: () => void
}) {
  const [choice, setChoice] = useState<string | null>(null)
  const by =
    reader.paired_by === 'serial'
      ? 'Found again by its serial number, in any USB port.'
      : 'This reader has no serial number: the pairing holds only while it stays in this USB port.'
  if (reader.terminal_id !== null) {
    return (
      <div>
        <Group gap="xs" wrap="nowrap">
          <Text fz="sm">
            Paired to <b data-testid="paired-terminal">{reader.terminal_id}</b>
            {reader.paired_at && (
              <Text span fz="xs" c="dimmed">
                {' '}
                since {formatTime(reader.paired_at)}
              </Text>
            )}
          </Text>
          <Button size="compact-xs" variant="subtle" color="red" onClick={onUnpair}>
            Unpair
          </Button>
        </Group>
        <Text fz="xs" c={reader.paired_by === 'serial' ? 'dimmed' : 'orange.8'}>
          {by}
        </Text>
      </div>
    )
  }
  return (
    <div>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          label="Pair to terminal"
          placeholder={terminals.length === 0 ? 'No terminals yet' : 'Choose a terminal'}
          data={terminals.map((t) => ({ value: t.terminal_id, label: `${t.terminal_id} · ${t.kind.toUpperCase()} · ${t.location}` }))}
          value={choice}
          onChange={setChoice}
          style={{ flex: 1 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Button size="xs" disabled={choice === null} onClick={() => choice !== null && onPair(choice)}>
          Pair
        </Button>
      </Group>
      <Text fz="xs" c={reader.paired_by === 'serial' ? 'dimmed' : 'orange.8'} mt={2}>
        {by}
      </Text>
    </div>
  )
}
