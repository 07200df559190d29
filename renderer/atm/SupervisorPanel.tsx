/**
 * Supervisor mode: what the branch's custodian does with the safe open. The cassettes with
 * their counters (notes in, loaded, paid out), the fault switch that jams a cassette after N
 * notes (to test partial dispenses), a fresh load, and resetting the counters.
 */
import { Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { CassetteView } from '../../devices/terminals/view'
import { minorToInputText, parseAmountToMinor } from '../shared/money-input'
import type { SupervisorRequest } from '../terminals/useTerminal'

interface LoadRow {
  denomination: string
  count: number | string
}

export function SupervisorPanel({ cassettes, exponent, currency, onAction }: { cassettes: CassetteView[]; exponent: number; currency: string; onAction: (request: SupervisorRequest) => void }) {
  const [faults, setFaults] = useState<Record<number, number | string>>({})
  const [load, setLoad] = useState<LoadRow[]>([])
  const [load_error, setLoadError] = useState<string | null>(null)
  useEffect(() => {
    setLoad(cassettes.map((c) => ({ denomination: minorToInputText(c.denomination_minor, exponent), count: c.loaded })))
    // Only when the set of cassettes changes (a load), not at every counter tick.
  }, [cassettes.length, exponent])

  function submitLoad() {
    const parsed: Array<{ denomination_minor: number; count: number }> = []
    for (const [index, row] of load.entries()) {
      const amount = parseAmountToMinor(row.denomination, exponent)
      if (!amount.ok) return setLoadError(`Cassette ${index + 1}: ${amount.message}`)
      if (typeof row.count !== 'number' || !Number.isInteger(row.count) || row.count < 0) return setLoadError(`Cassette ${index + 1}: the note count is a whole number`)
      parsed.push({ denomination_minor: amount.amount_minor, count: row.count })
    }
    setLoadError(null)
    onAction({ action: 'load_cassettes', cassettes: parsed })
  }

  return (
    <Paper withBorder radius="md" p="md" mt="md" aria-label="Supervisor panel" style={{ borderColor: 'var(--mantine-color-yellow-5)', borderWidth: 2 }}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>Supervisor mode</Title>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => onAction({ action: 'reset_counters' })}>
            Reset counters
          </Button>
          <Button size="xs" color="yellow" c="dark" onClick={() => onAction({ action: 'exit' })}>
            Leave supervisor mode
          </Button>
        </Group>
      </Group>
      <Table fz="sm" aria-label="Cassettes" mb="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cassette</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th ta="right">In cassette</Table.Th>
            <Table.Th ta="right">Loaded</Table.Th>
            <Table.Th ta="right">Paid out</Table.Th>
            <Table.Th>Fault switch</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cassettes.map((c) => (
            <Table.Tr key={c.slot}>
              <Table.Td>{c.slot + 1}</Table.Td>
              <Table.Td>{c.denomination_label}</Table.Td>
              <Table.Td ta="right">{c.count}</Table.Td>
              <Table.Td ta="right">{c.loaded}</Table.Td>
              <Table.Td ta="right">{c.dispensed}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {c.jammed ? (
                    <Badge color="red" radius="sm">
                      jammed
                    </Badge>
                  ) : c.jam_after_notes !== null ? (
                    <Badge color="orange" radius="sm" variant="light">
                      jams after {c.jam_after_notes}
                    </Badge>
                  ) : null}
                  <NumberInput
                    size="xs"
                    w={90}
                    min={0}
                    allowDecimal={false}
                    placeholder="after N"
                    aria-label={`Jam cassette ${c.slot + 1} after this many notes`}
                    value={faults[c.slot] ?? ''}
                    onChange={(value) => setFaults({ ...faults, [c.slot]: value })}
                  />
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="orange"
                    disabled={typeof faults[c.slot] !== 'number'}
                    onClick={() => onAction({ action: 'set_fault', slot: c.slot, jam_after_notes: Number(faults[c.slot]) })}
                  >
                    Set jam
                  </Button>
                  {(c.jammed || c.jam_after_notes !== null) && (
                    <Button size="compact-xs" variant="subtle" onClick={() => onAction({ action: 'set_fault', slot: c.slot, jam_after_notes: null })}>
                      Clear
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5} mb={6}>
        Load cassettes
      </Title>
      <Text fz="xs" c="dimmed" mb="xs">
        A load replaces every cassette; counters start again from it. Notes in {currency}.
      </Text>
      <Stack gap={6}>
        {load.map((row, index) => (
          <Group key={index} gap="xs" wrap="nowrap">
            <Text fz="sm" w={80}>
              Cassette {index + 1}
            </Text>
            <TextInput
              size="xs"
              w={110}
              aria-label={`Cassette ${index + 1} note value`}
              value={row.denomination}
              onChange={(event) => setLoad(load.map((r, i) => (i === index ? { ...r, denomination: event.currentTarget.value } : r)))}
              rightSection={<Text fz="xs">{currency}</Text>}
            />
            <NumberInput
              size="xs"
              w={100}
              min={0}
              allowDecimal={false}
              aria-label={`Cassette ${index + 1} note count`}
              value={row.count}
              onChange={(value) => setLoad(load.map((r, i) => (i === index ? { ...r, count: value } : r)))}
              suffix=" notes"
            />
            <Button size="compact-xs" variant="subtle" color="red" disabled={load.length <= 1} onClick={() => setLoad(load.filter((_, i) => i !== index))}>
              Remove
            </Button>
          </Group>
        ))}
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={load.length >= 8} onClick={() => setLoad([...load, { denomination: '', count: 0 }])}>
            Add cassette
          </Button>
          <Button size="xs" onClick={submitLoad}>
            Load
          </Button>
          {load_error && (
            <Text fz="xs" c="red">
              {load_error}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}
