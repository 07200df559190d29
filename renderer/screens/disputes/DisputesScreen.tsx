/**
 * Disputes: charges customers dispute, open ones first. A clerk grants a provisional credit,
 * resolves by reversing the charge (the merchant's payable pays it back; above the refund
 * threshold a second person approves it first) or rejects with a note. Disputes are opened
 * from an order on the Orders screen.
 */
import { SegmentedControl, Text } from '@mantine/core'
import { useCallback, useState } from 'react'
import { dispute_statuses } from '../../../main/api/console/commands/disputes'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { DisputesTable } from './DisputesTable'

type Shown = (typeof dispute_statuses)[number] | 'all'
const shown_labels: Record<Shown, string> = { open: 'Open', reversed: 'Reversed', rejected: 'Rejected', all: 'All' }

export function DisputesScreen() {
  const [shown, setShown] = useState<Shown>('open')
  const [refresh, setRefresh] = useState(0)
  const reload = useCallback(() => setRefresh((n) => n + 1), [])
  return (
    <>
      <ScreenTitle title="Disputes">
        <SegmentedControl
          aria-label="Show disputes"
          value={shown}
          onChange={(value) => setShown((Object.keys(shown_labels) as Shown[]).find((s) => s === value) ?? 'open')}
          data={(Object.keys(shown_labels) as Shown[]).map((s) => ({ value: s, label: shown_labels[s] }))}
        />
      </ScreenTitle>
      <Text fz="sm" c="dimmed" mb="sm">
        Open a dispute from an order on the Orders screen. A reversal takes the amount back from the merchant's payable (or its next settlement); a provisional credit is
        replaced by it, so the customer is credited once.
      </Text>
      <DisputesTable
        filter={shown === 'all' ? {} : { status: shown }}
        refresh={refresh}
        onChanged={reload}
        empty={shown === 'open' ? 'No open disputes. Open one from an order on the Orders screen.' : shown === 'all' ? 'No disputes yet.' : `No ${shown} disputes.`}
      />
    </>
  )
}
