/**
 * The countertop POS terminal: a small display, the keypad, the printer on top with the
 * receipt, and the card wallet to swipe from. The merchant picks the transaction and types
 * the amount; the customer swipes and types the PIN. The side panel shows the messages.
 */
import { Alert, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ScreenTone, TerminalView } from '../../devices/terminals/view'
import { useCommand } from '../shared/useCommand'
import { useMayCall } from '../src/session'
import { postJson } from '../terminals/api'
import { Keypad } from '../terminals/Keypad'
import { ReceiptPaper } from '../terminals/ReceiptPaper'
import { TerminalFrame } from '../terminals/TerminalFrame'
import { useKeyboard } from '../terminals/useKeyboard'
import { useTerminal } from '../terminals/useTerminal'
import { useWallet } from '../terminals/useWallet'
import { WalletCards } from '../terminals/WalletCards'

const lcd_tones: Record<ScreenTone, string> = {
  normal: '#1d2b1d',
  wait: '#1d2b1d',
  approved: '#0b5d1e',
  declined: '#a61e1e',
  out_of_service: '#a61e1e',
  supervisor: '#1d2b1d',
}

export function PosScreen({ terminal_id }: { terminal_id: string }) {
  const terminal = useTerminal(terminal_id)
  const wallet = useWallet()
  const { view } = terminal
  useKeyboard(terminal.press, view !== null && view.kind === 'pos')

  if (view === null) {
    return terminal.error ? (
      <Alert color="red" title={`Cannot open POS ${terminal_id}`}>
        {terminal.error}
      </Alert>
    ) : (
      <Loader aria-label="Loading the POS terminal" />
    )
  }
  if (view.kind !== 'pos') {
    return (
      <Alert color="yellow" title={`${terminal_id} is not a POS terminal`}>
        It is an ATM: open it from the terminals list.
      </Alert>
    )
  }
  const { screen } = view
  const tone = lcd_tones[screen.tone]
  return (
    <TerminalFrame view={view} error={terminal.error} stale={terminal.stale} onReconnect={() => terminal.supervisor({ action: 'reconnect' })}>
      <div style={{ display: 'flex', gap: 20, alignItems: 'flex-start' }}>
        <div style={{ flex: 'none', width: 300 }}>
          <div aria-label="Receipt printer" role="region" style={{ minHeight: 60, padding: '8px 10px 6px', background: '#e9ecef', borderRadius: '10px 10px 0 0' }}>
            <div style={{ height: 6, borderRadius: 3, margin: '0 20px 8px', background: '#343a40' }} />
            <ReceiptPaper receipts={view.receipts} onTake={() => terminal.take('receipt')} />
          </div>
          <div
            aria-label={`POS ${view.terminal_id}`}
            style={{ padding: 16, borderRadius: '0 0 22px 22px', background: 'linear-gradient(#3a3f47, #212429)', boxShadow: '0 8px 22px rgba(0,0,0,0.35)' }}
          >
            <Text fz={10} c="gray.5" ta="center" mb={6} style={{ letterSpacing: 2 }}>
              CENTAVO POS · {view.terminal_id}
            </Text>
            <div
              role="region"
              aria-label="POS screen"
              data-screen={screen.name}
              style={{ height: 150, padding: '10px 12px', borderRadius: 6, background: 'linear-gradient(#c3d7a4, #a9c28a)', border: '6px solid #111', boxShadow: 'inset 0 0 10px rgba(0,0,0,0.35)', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', color: tone }}
            >
              <div style={{ fontWeight: 800, fontSize: 16, marginBottom: 4 }} data-testid="screen-title">
                {screen.title}
              </div>
              {screen.lines.map((line, index) => (
                <div key={index} style={{ fontSize: 14, lineHeight: 1.35 }}>
                  {line}
                </div>
              ))}
              {screen.entry && (
                <div style={{ marginTop: 6, fontSize: 20, fontWeight: 800, textAlign: 'right' }} data-testid="screen-entry">
                  {screen.entry.text || '\u00a0'}
                </div>
              )}
            </div>
            <div style={{ display: 'flex', justifyContent: 'center', marginTop: 14 }}>
              <Keypad size="pos" onPress={terminal.press} />
            </div>
            <div aria-hidden style={{ margin: '14px auto 0', width: 200, height: 10, borderRadius: 5, background: '#0b0c0e', boxShadow: 'inset 0 2px 3px #000' }} title="Card reader" />
            <Text fz={10} c="gray.6" ta="center" mt={4}>
              swipe / insert
            </Text>
          </div>
        </div>
        <Paper withBorder radius="md" p="sm" style={{ flex: 1, minWidth: 220 }}>
          <Title order={5} mb={4}>
            Card wallet
          </Title>
          <Text fz="xs" c="dimmed" mb="xs">
            Choose 1 Purchase, 2 Balance or 3 Transfer, type the amount and Enter; then swipe a card and type its PIN.
          </Text>
          <SharedMerchantChoice view={view} />
          {wallet.error && <Alert color="red">{wallet.error}</Alert>}
          <Stack gap="xs">
            <WalletCards cards={wallet.cards} verb="Swipe" disabled={screen.name !== 'card'} onUse={terminal.insertCard} />
          </Stack>
        </Paper>
      </div>
    </TerminalFrame>
  )
}

const own_merchant = '__own__'

/**
 * Seed 001 fig. 4B: on a POS the acquirer shares between merchants, the tester picks whom
 * the next payments are for; the POS sends that merchant's code in field 42 and the host pays
 * it into that merchant's account. A POS with one merchant shows nothing here.
 */
function SharedMerchantChoice({ view }: { view: TerminalView }) {
  const may_read = useMayCall('merchants.shared_pos.list')
  const shared = useCommand('merchants.shared_pos.list', {}, { enabled: may_read })
  const [problem, setProblem] = useState<string>()
  const pos = shared.data?.rows.find((row) => row.terminal_id === view.terminal_id)
  if (!pos || pos.merchants.length < 2) return null
  const chosen = view.acceptor.merchant_name === null ? own_merchant : (pos.merchants.find((m) => m.merchant_code === view.acceptor.acceptor_id.trim())?.merchant_code ?? own_merchant)
  const idle = view.screen.name === 'idle' || view.screen.name === 'finished' || view.screen.name === 'out_of_service'
  const choose = (value: string | null) => {
    if (value === null) return
    const merchant = pos.merchants.find((m) => m.merchant_code === value && !m.own)
    setProblem(undefined)
    postJson(`/terminals/${encodeURIComponent(view.terminal_id)}/merchant`, merchant ? { acceptor_id: merchant.merchant_code, merchant_name: merchant.name } : { acceptor_id: null, merchant_name: null }).catch(
      (failure: unknown) => setProblem(failure instanceof Error ? failure.message : String(failure)),
    )
  }
  return (
    <Stack gap={4} mb="sm">
      <Select
        label="Payment for"
        description="A shared POS: the merchant code goes in field 42"
        allowDeselect={false}
        disabled={!idle}
        data={pos.merchants.map((m) => ({ value: m.own ? own_merchant : (m.merchant_code ?? own_merchant), label: `${m.name}${m.merchant_code ? ` (${m.merchant_code})` : ''}${m.own ? ' — terminal owner' : ''}` }))}
        value={chosen}
        onChange={choose}
      />
      {problem && <Alert color="red">{problem}</Alert>}
    </Stack>
  )
}
