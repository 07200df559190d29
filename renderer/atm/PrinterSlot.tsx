/** The receipt printer's slot on the fascia; its light is on while printed receipts wait to be taken (they show beside the machine). */
import { Group, Text } from '@mantine/core'

export function PrinterSlot({ printed }: { printed: number }) {
  return (
    <div aria-label="Receipt printer" role="region" style={{ padding: '8px 10px', borderRadius: 8, background: '#2b2f36' }}>
      <Group gap={8} wrap="nowrap">
        <div style={{ flex: 1, height: 8, borderRadius: 4, background: '#050608', boxShadow: 'inset 0 2px 3px #000' }} />
        <div aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: printed > 0 ? '#fab005' : '#4a3b0c', boxShadow: printed > 0 ? '0 0 6px #fab005' : 'none' }} />
      </Group>
      <Text fz="xs" c="gray.5" ta="center" mt={6}>
        {printed > 0 ? `Receipt printed: take it ▸` : 'Receipt printer'}
      </Text>
    </div>
  )
}
