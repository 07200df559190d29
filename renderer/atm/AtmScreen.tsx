/**
 * The ATM a branch tester drives: the machine's fascia (display with function keys, keypad,
 * card slot, receipt printer, cash tray), the card wallet to insert cards from, supervisor
 * mode, and the side panel of ISO 8583 messages and journal. Everything on it is the
 * emulator's state, pushed by the terminal service; the screen only draws it and sends keys.
 */
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { Keypad } from '../terminals/Keypad'
import { ReceiptPaper } from '../terminals/ReceiptPaper'
import { TerminalFrame } from '../terminals/TerminalFrame'
import { useKeyboard } from '../terminals/useKeyboard'
import { useTerminal } from '../terminals/useTerminal'
import { useWallet } from '../terminals/useWallet'
import { WalletCards } from '../terminals/WalletCards'
import { AtmDisplay } from './AtmDisplay'
import { CardSlot } from './CardSlot'
import { CashTray } from './CashTray'
import { PrinterSlot } from './PrinterSlot'
import { SupervisorPanel } from './SupervisorPanel'

export function AtmScreen({ terminal_id }: { terminal_id: string }) {
  const terminal = useTerminal(terminal_id)
  const wallet = useWallet()
  const { view } = terminal
  useKeyboard(terminal.press, view !== null && view.kind === 'atm' && !view.supervisor)

  if (view === null) {
    return terminal.error ? (
      <Alert color="red" title={`Cannot open ATM ${terminal_id}`}>
        {terminal.error}
      </Alert>
    ) : (
      <Loader aria-label="Loading the ATM" />
    )
  }
  if (view.kind !== 'atm') {
    return (
      <Alert color="yellow" title={`${terminal_id} is not an ATM`}>
        It is a POS terminal: open it from the terminals list.
      </Alert>
    )
  }
  const wants_card = view.screen.name === 'idle' && view.card.state === 'empty'
  return (
    <TerminalFrame
      view={view}
      error={terminal.error}
      stale={terminal.stale}
      onReconnect={() => terminal.supervisor({ action: 'reconnect' })}
      actions={
        !view.supervisor && (
          <Button size="xs" variant="outline" color="yellow" c="dark" disabled={view.card.state !== 'empty'} onClick={() => terminal.supervisor({ action: 'enter' })}>
            Supervisor mode
          </Button>
        )
      }
    >
      <Group align="flex-start" gap="md" wrap="nowrap">
        <div
          aria-label={`ATM ${view.terminal_id}`}
          style={{ flex: 'none', width: 580, padding: 16, borderRadius: 16, background: 'linear-gradient(#5c636e, #3a3f47 30%, #2c3036)', boxShadow: '0 8px 24px rgba(0,0,0,0.35)' }}
        >
          <Group justify="space-between" mb={10} px={4}>
            <Text fw={800} c="gray.2" style={{ letterSpacing: 3 }}>
              CENTAVO BANK
            </Text>
            <Text fz="xs" c="gray.5">
              {view.terminal_id} · {view.location}
            </Text>
          </Group>
          <AtmDisplay screen={view.screen} onPress={terminal.press} />
          <Group align="flex-start" gap={12} mt={14} wrap="nowrap">
            <Keypad size="atm" onPress={terminal.press} />
            <div style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 10, minWidth: 0 }}>
              <CardSlot card={view.card} wants_card={wants_card} onTake={() => terminal.take('card')} />
              <PrinterSlot printed={view.receipts.length} />
            </div>
          </Group>
          <div style={{ marginTop: 12 }}>
            <CashTray notes={view.cash_tray} onTake={() => terminal.take('cash')} />
          </div>
        </div>
        <Stack gap="sm" style={{ flex: '1 1 0', minWidth: 212, maxWidth: 250 }}>
          <Paper withBorder radius="md" p="xs">
            <Title order={5}>Card wallet</Title>
            <Text fz="xs" c="dimmed" mb={6}>
              Insert a card, then type its PIN on the keypad or the keyboard.
            </Text>
            {wallet.error && <Alert color="red">{wallet.error}</Alert>}
            <WalletCards cards={wallet.cards} verb="Insert" disabled={!wants_card} onUse={terminal.insertCard} layout="compact" />
          </Paper>
          <div role="region" aria-label="Printed receipts">
            <Text fz="xs" c="dimmed" mb={4}>
              From the receipt printer
            </Text>
            <ReceiptPaper receipts={view.receipts} onTake={() => terminal.take('receipt')} />
          </div>
        </Stack>
      </Group>
      {view.supervisor && <SupervisorPanel cassettes={view.cassettes} exponent={view.exponent} currency={view.currency} onAction={terminal.supervisor} />}
    </TerminalFrame>
  )
}
