/**
 * The emulated terminals a tester can open, with their link to the host, and the cards in
 * the wallet they can insert (numbers masked). New terminals and cards arrive here from the
 * terminal registry and card issuance, which hand keys and plastics to the emulators.
 */
import { Alert, Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { TerminalSummaryView } from '../../devices/terminals/view'
import { ScreenTitle } from '../shared/ScreenTitle'
import { routeHash } from '../shared/route'
import { getJson } from './api'
import { LinkBadge } from './LinkBadge'
import { useWallet } from './useWallet'

/** Link states change on their own (a host restarting), so the list looks again this often. */
const list_refresh_ms = 5_000

export function TerminalsScreen() {
  const [terminals, setTerminals] = useState<TerminalSummaryView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const wallet = useWallet()
  useEffect(() => {
    let current = true
    const load = () =>
      getJson<TerminalSummaryView[]>('/terminals').then(
        (list) => current && (setTerminals(list), setError(null)),
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      )
    void load()
    const timer = setInterval(() => void load(), list_refresh_ms)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [])

  return (
    <>
      <ScreenTitle title="Terminals" />
      {error && (
        <Alert color="red" mb="sm" title="Could not load the terminals">
          {error}
        </Alert>
      )}
      <Stack gap="lg">
        <Paper withBorder radius="md">
          <Table highlightOnHover aria-label="Emulated terminals" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Terminal</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Host</Table.Th>
                <Table.Th>Link</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {terminals?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" fz="sm">
                      No emulated terminals yet. Register one in the terminal registry; its PIN key is handed to the emulators.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {terminals?.map((terminal) => {
                const route = terminal.kind === 'atm' ? ({ screen: 'atm', terminal_id: terminal.terminal_id } as const) : ({ screen: 'pos', terminal_id: terminal.terminal_id } as const)
                return (
                  <Table.Tr key={terminal.terminal_id}>
                    <Table.Td>
                      <Anchor href={routeHash(route)} fw={600}>
                        {terminal.terminal_id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" radius="sm" color={terminal.kind === 'atm' ? 'indigo' : 'grape'}>
                        {terminal.kind.toUpperCase()}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{terminal.location}</Table.Td>
                    <Table.Td>
                      <Text fz="sm" c="dimmed">
                        {terminal.iso_host}:{terminal.iso_port}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LinkBadge link={terminal.link} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button component="a" href={routeHash(route)} size="xs" variant="light">
                        Open {terminal.kind === 'atm' ? 'ATM' : 'POS'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Paper>
        <div>
          <Title order={4} mb="xs">
            Card wallet
          </Title>
          {wallet.error && <Alert color="red">{wallet.error}</Alert>}
          <Paper withBorder radius="md">
            <Table aria-label="Card wallet">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Card</Table.Th>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Name on card</Table.Th>
                  <Table.Th>Expires</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {wallet.cards.map((card) => (
                  <Table.Tr key={card.label}>
                    <Table.Td>{card.label}</Table.Td>
                    <Table.Td>{card.pan_masked}</Table.Td>
                    <Table.Td>{card.name}</Table.Td>
                    <Table.Td>
                      {card.expiry_yymm.slice(2)}/{card.expiry_yymm.slice(0, 2)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </div>
      </Stack>
    </>
  )
}
