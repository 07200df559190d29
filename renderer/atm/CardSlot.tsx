/**
 * The card slot: its light blinks when the ATM wants a card or gives one back; a card the
 * machine returned sticks out until the customer takes it.
 */
import { Button, Group, Text } from '@mantine/core'
import type { CardSlotView } from '../../devices/terminals/view'

export function CardSlot({ card, wants_card, onTake }: { card: CardSlotView; wants_card: boolean; onTake: () => void }) {
  const blinking = wants_card || card.state === 'ejected'
  return (
    <div aria-label="Card slot" role="region" style={{ padding: 10, borderRadius: 8, background: '#2b2f36', minHeight: 92 }}>
      <Group gap={8} wrap="nowrap" mb={8}>
        <div style={{ flex: 1, height: 14, borderRadius: 7, background: '#050608', boxShadow: 'inset 0 2px 4px #000, 0 0 0 2px #495057' }} />
        <div
          aria-hidden
          className={blinking ? 'centavo-blink' : undefined}
          style={{ width: 12, height: 12, borderRadius: 6, background: blinking ? '#40c057' : '#2b5233', boxShadow: blinking ? '0 0 8px #40c057' : 'none' }}
        />
      </Group>
      <style>{'@keyframes centavo-blink { 50% { opacity: 0.25 } } .centavo-blink { animation: centavo-blink 1s steps(1) infinite }'}</style>
      {card.state === 'empty' && (
        <Text fz="xs" c="gray.5" ta="center">
          {wants_card ? 'Insert a card from the wallet' : 'Card slot closed'}
        </Text>
      )}
      {card.state === 'inserted' && (
        <Text fz="xs" c="gray.4" ta="center" data-testid="card-state">
          Card inside: {card.label ?? card.pan_masked}
        </Text>
      )}
      {card.state === 'retained' && (
        <Text fz="xs" c="red.3" ta="center" data-testid="card-state">
          Card retained by the ATM
        </Text>
      )}
      {card.state === 'ejected' && (
        <Group justify="center" gap="sm" wrap="nowrap">
          <div
            data-testid="card-state"
            style={{ width: 120, height: 42, marginTop: -6, borderRadius: '0 0 6px 6px', background: 'linear-gradient(135deg, #364fc7, #1c7ed6)', color: '#fff', fontSize: 11, padding: '14px 8px 0', boxShadow: '0 3px 6px rgba(0,0,0,0.5)' }}
          >
            {card.pan_masked}
          </div>
          <Button size="compact-sm" color="blue" onClick={onTake}>
            Take card
          </Button>
        </Group>
      )}
    </div>
  )
}
