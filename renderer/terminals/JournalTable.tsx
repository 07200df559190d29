/**
 * The terminal's electronic journal, newest first: every transaction it attempted, with the
 * card masked, what the host answered and whether a reversal went out. Reloaded whenever the
 * terminal's view changes.
 */
import { Alert, Badge, ScrollArea, Table, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { JournalEntryView } from '../../devices/terminals/view'
import { formatMinor } from '../../main/ledger/money'
import { formatTime } from '../shared/time'
import { getJson } from './api'

const outcome_colors: Record<JournalEntryView['outcome'], string> = {
  approved: 'green',
  declined: 'red',
  partial_dispense: 'orange',
  no_answer: 'orange',
  not_sent: 'gray',
  cannot_dispense: 'gray',
}

const transaction_words: Record<JournalEntryView['transaction'], string> = {
  withdrawal: 'Withdrawal',
  purchase: 'Purchase',
  balance: 'Balance',
  transfer_to_value: 'Transfer to value',
}

export function JournalTable({ terminal_id, version, exponent, height }: { terminal_id: string; version: number; exponent: number; height: number | string }) {
  const [entries, setEntries] = useState<JournalEntryView[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    getJson<JournalEntryView[]>(`/terminals/${encodeURIComponent(terminal_id)}/journal`).then(
      (rows) => current && (setEntries(rows), setError(null)),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    )
    return () => {
      current = false
    }
  }, [terminal_id, version])

  if (error) return <Alert color="red" title="Could not load the journal">{error}</Alert>
  if (entries.length === 0) return <Text fz="sm" c="dimmed">No transactions yet.</Text>
  return (
    <ScrollArea h={height} type="auto">
      <Table fz="xs" striped aria-label="Electronic journal" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Transaction</Table.Th>
            <Table.Th ta="right">Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry, index) => (
            <Table.Tr key={`${entry.at}-${index}`} title={entry.detail}>
              <Table.Td>
                <Text fz="xs" fw={600}>
                  {formatTime(entry.at).slice(11)} · {transaction_words[entry.transaction]}
                  {entry.transaction === 'balance' ? '' : ` · ${entry.currency} ${formatMinor(entry.dispensed_minor ?? entry.amount_minor, exponent)}`}
                  {entry.dispensed_minor !== null && entry.dispensed_minor !== entry.amount_minor ? ` of ${formatMinor(entry.amount_minor, exponent)}` : ''}
                </Text>
                <Text fz="xs" c="dimmed">
                  {entry.pan_masked} · STAN {entry.stan ?? '—'}
                  {entry.rrn ? ` · RRN ${entry.rrn}` : ''}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Badge size="xs" radius="sm" variant="light" color={outcome_colors[entry.outcome]}>
                  {entry.outcome.replace(/_/g, ' ')}
                </Badge>
                <Text fz="xs" c="dimmed">
                  {entry.response_code !== null ? `code ${entry.response_code}` : ''}
                  {entry.approval_code ? ` · auth ${entry.approval_code}` : ''}
                  {entry.reversal !== 'none' ? ` · reversal ${entry.reversal}` : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}
