/** Receipts as they come out of the printer: white paper, fixed-width text, a tear line. */
import { Button, Group, Stack, Text } from '@mantine/core'
import type { ReceiptView } from '../../devices/terminals/view'

export function ReceiptPaper({ receipts, onTake }: { receipts: ReceiptView[]; onTake: () => void }) {
  if (receipts.length === 0) {
    return (
      <Text fz="xs" c="gray.5" ta="center">
        No receipt in the printer
      </Text>
    )
  }
  const newest = receipts[receipts.length - 1]
  return (
    <Stack gap={6} align="center">
      {newest && (
        <pre
          aria-label="Receipt"
          style={{
            margin: 0,
            padding: '8px 9px 14px',
            background: '#fffef8',
            color: '#222',
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 10,
            lineHeight: 1.35,
            boxShadow: '0 2px 6px rgba(0,0,0,0.35)',
            // A zigzag bottom edge, as torn from the roll.
            clipPath: 'polygon(0 0, 100% 0, 100% calc(100% - 6px), 95% 100%, 90% calc(100% - 6px), 85% 100%, 80% calc(100% - 6px), 75% 100%, 70% calc(100% - 6px), 65% 100%, 60% calc(100% - 6px), 55% 100%, 50% calc(100% - 6px), 45% 100%, 40% calc(100% - 6px), 35% 100%, 30% calc(100% - 6px), 25% 100%, 20% calc(100% - 6px), 15% 100%, 10% calc(100% - 6px), 5% 100%, 0 calc(100% - 6px))',
          }}
        >
          {newest.lines.join('\n')}
        </pre>
      )}
      <Group gap="xs">
        {receipts.length > 1 && (
          <Text fz="xs" c="gray.4">
            +{receipts.length - 1} older
          </Text>
        )}
        <Button size="compact-xs" variant="white" color="dark" onClick={onTake}>
          Take receipt
        </Button>
      </Group>
    </Stack>
  )
}
