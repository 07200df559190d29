/** The wallet's cards as a tester picks one: label and masked number, and one button to insert (ATM) or swipe (POS) it. */
import { Button, Group, Stack, Text } from '@mantine/core'
import type { WalletCardView } from '../../devices/terminals/view'

export function WalletCards({
  cards,
  verb,
  disabled,
  onUse,
  layout = 'column',
}: {
  cards: WalletCardView[]
  verb: 'Insert' | 'Swipe'
  disabled: boolean
  onUse: (label: string) => void
  /** 'row' lays the cards side by side; 'compact' stacks narrow ones, for a column beside a machine. */
  layout?: 'row' | 'column' | 'compact'
}) {
  if (cards.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        The wallet is empty. Issue a card to a customer: its plastic comes here.
      </Text>
    )
  }
 if (layout === 'compact') {
    return (
      <Stack gap={6} role="list" aria-label="Card wallet">
        {cards.map((card) => (
          <div key={card.label} role="listitem" style={{ borderRadius: 6, padding: '6px 8px', background: 'var(--mantine-color-gray-0)' }}>
            <Text fz="sm" fw={600} lh={1.25}>
              {card.label}
            </Text>
            <Group justify="space-between" wrap="nowrap" gap={4} mt={2}>
              <Text fz="xs" c="dimmed">
                {card.pan_masked} · {card.expiry_yymm.slice(2)}/{card.expiry_yymm.slice(0, 2)}
              </Text>
              <Button size="compact-xs" variant="light" disabled={disabled} onClick={() => onUse(card.label)} aria-label={`${verb} ${card.label}`}>
                {verb}
              </Button>
            </Group>
          </div>
        ))}
      </Stack>
    )
  }
  return (
    <Group gap={8} role="list" aria-label="Card wallet" style={{ flexDirection: layout === 'row' ? 'row' : 'column', alignItems: 'stretch' }}>
      {cards.map((card) => (
        <Group
          key={card.label}
          role="listitem"
          justify="space-between"
          wrap="nowrap"
          gap="xs"
          p={6}
          style={{ borderRadius: 6, background: 'var(--mantine-color-gray-0)', ...(layout === 'row' ? { flex: '1 1 210px', maxWidth: 280 } : {}) }}
        >
          <div
            aria-hidden
            style={{ width: 46, height: 29, borderRadius: 4, background: 'linear-gradient(135deg, #364fc7, #1c7ed6)', flex: 'none', position: 'relative', boxShadow: '0 1px 2px rgba(0,0,0,0.4)' }}
          >
            <span style={{ position: 'absolute', left: 6, top: 8, width: 9, height: 7, borderRadius: 2, background: '#fcc419' }} />
          </div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text fz="sm" fw={600} truncate>
              {card.label}
            </Text>
            <Text fz="xs" c="dimmed">
              {card.pan_masked} · exp {card.expiry_yymm.slice(2)}/{card.expiry_yymm.slice(0, 2)}
            </Text>
          </div>
          <Button size="compact-sm" variant="light" disabled={disabled} onClick={() => onUse(card.label)} aria-label={`${verb} ${card.label}`}>
            {verb}
          </Button>
        </Group>
      ))}
    </Group>
  )
}
