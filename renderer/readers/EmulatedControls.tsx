/**
 * What a technician can do with an emulated reader that a real one does by hand: swipe a
 * wallet card (well, or in one of the ways a real swipe goes wrong), unplug and plug it,
 * or remove it.
 */
import { Button, Group, Menu, Select } from '@mantine/core'
import { useState } from 'react'
import { bad_swipe_labels, type BadSwipeKindView, type ReaderStatusView } from '../../devices/readers/view'
import type { WalletCardView } from '../../devices/terminals/view'

export function EmulatedControls({
  reader,
  cards,
  onSwipe,
  onPlug,
  onRemove,
}: {
  reader: ReaderStatusView
  cards: WalletCardView[]
  onSwipe: (label: string, bad?: BadSwipeKindView) => void
  onPlug: (plugged: boolean) => void
  onRemove: () => void
}) {
  const [label, setLabel] = useState<string | null>(null)
  const listening = reader.connection === 'connected'
  const kinds = Object.entries(bad_swipe_labels) as Array<[BadSwipeKindView, string]>
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap" role="group" aria-label="Emulated reader controls">
      <Select
        size="xs"
        label="Card to swipe"
        placeholder={cards.length === 0 ? 'The wallet is empty' : 'Choose a card'}
        data={cards.map((card) => ({ value: card.label, label: card.label.endsWith(card.pan_masked.slice(-4)) ? card.label : `${card.label} · ${card.pan_masked}` }))}
        value={label}
        onChange={setLabel}
        style={{ flex: 1, minWidth: 0 }}
        comboboxProps={{ withinPortal: true }}
      />
      <Button size="xs" disabled={label === null || !listening} onClick={() => label !== null && onSwipe(label)} title={listening ? undefined : 'Pair the reader or turn on test swipe first'}>
        Swipe
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={label === null || !listening}>
            Bad swipe ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {kinds.map(([kind, text]) => (
            <Menu.Item key={kind} onClick={() => label !== null && onSwipe(label, kind)}>
              {text}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button size="xs" variant="default" onClick={() => onPlug(!reader.plugged)}>
        {reader.plugged ? 'Unplug' : 'Plug in'}
      </Button>
      <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
        Remove
      </Button>
    </Group>
  )
}
