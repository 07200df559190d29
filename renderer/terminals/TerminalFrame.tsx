/**
 * The page around an emulated terminal: which terminal it is and its link to the host at the
 * top, the machine itself on the left, and on the right the side panel with the ISO 8583
 * messages it exchanged and its electronic journal.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Tabs, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { TerminalView } from '../../devices/terminals/view'
import { routeHash } from '../shared/route'
import { JournalTable } from './JournalTable'
import { LinkBadge } from './LinkBadge'
import { MessagePanel } from './MessagePanel'

const panel_height = 'calc(100vh - 190px)'

export function TerminalFrame({
  view,
  error,
  stale,
  onReconnect,
  actions,
  children,
}: {
  view: TerminalView
  error: string | null
  stale: boolean
  onReconnect: () => void
  actions?: ReactNode
  children: ReactNode
}) {
  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Anchor href={routeHash({ screen: 'terminals' })} fz="sm">
            Terminals
          </Anchor>
          <Text c="dimmed">/</Text>
          <Title order={2}>
            {view.kind === 'atm' ? 'ATM' : 'POS'} {view.terminal_id}
          </Title>
          <Text c="dimmed" fz="sm" truncate maw={320}>
            {view.location}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Text fz="xs" c="dimmed">
            host {view.iso_host}:{view.iso_port}
          </Text>
          <LinkBadge link={view.link} />
          {view.pending_reversals > 0 && (
            <Badge color="orange" radius="sm" variant="light">
              {view.pending_reversals} reversal{view.pending_reversals === 1 ? '' : 's'} waiting
            </Badge>
          )}
          {stale && (
            <Badge color="gray" radius="sm" variant="outline">
              reconnecting to the service…
            </Badge>
          )}
          {view.link.status !== 'online' && (
            <Button size="xs" variant="default" onClick={onReconnect}>
              Reconnect
            </Button>
          )}
          {actions}
        </Group>
      </Group>
      {error && (
        <Alert color="red" mb="sm" title="The terminal refused" data-testid="terminal-error">
          {error}
        </Alert>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(360px, 380px)', gap: 16, alignItems: 'start' }}>
        <div style={{ minWidth: 0 }}>{children}</div>
        <Paper withBorder p="xs" radius="md" component="aside" aria-label="Side panel">
          <Tabs defaultValue="messages" keepMounted={false}>
            <Tabs.List mb="xs">
              <Tabs.Tab value="messages">ISO 8583 messages ({view.message_count})</Tabs.Tab>
              <Tabs.Tab value="journal">Journal</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="messages">
              <MessagePanel messages={view.messages} total={view.message_count} height={panel_height} />
            </Tabs.Panel>
            <Tabs.Panel value="journal">
              <JournalTable terminal_id={view.terminal_id} version={view.version} exponent={view.exponent} height={panel_height} />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      </div>
    </>
  )
}
