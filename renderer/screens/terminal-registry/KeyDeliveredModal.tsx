/**
 * After a terminal is registered or re-keyed: the key check value of its new PIN key (what
 * a technician compares with the one the PIN pad shows), the one it replaced, and whether the
 * clear key reached the emulated terminals. The clear key itself never reaches the console.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { Fact } from '../../shared/Fact'
import type { KeyDelivery } from './RegisterTerminalModal'
import { terminal_kind_labels } from './terminal-form'

export interface KeyResult {
  delivery: KeyDelivery
  /** The KCV before a re-key; undefined for a new terminal. */
  previous_kcv: string | undefined
}

interface KeyDeliveredModalProps {
  opened: boolean
  result: KeyResult | undefined
  onClose: () => void
  /** Once the dialog has faded out, so its title does not change while it fades. */
  onClosed: () => void
}

export function KeyDeliveredModal({ opened, result, onClose, onClosed }: KeyDeliveredModalProps) {
  const rekeyed = result?.previous_kcv !== undefined
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={rekeyed ? 'Terminal re-keyed' : 'Terminal registered'}
      size="lg"
    >
      {result && (
        <Stack gap="md">
          <Group gap="xl" align="flex-start">
            <Fact label="Terminal">
              <Text span ff="monospace" fw={600}>
                {result.delivery.terminal.terminal_id}
              </Text>{' '}
              {terminal_kind_labels[result.delivery.terminal.kind]}
            </Fact>
            <Fact label="New PIN key KCV">
              <Text span ff="monospace" fz={24} fw={700} style={{ letterSpacing: '0.15em' }} data-testid="new-kcv">
                {result.delivery.terminal.pin_key_kcv}
              </Text>
            </Fact>
            {result.previous_kcv !== undefined && (
              <Fact label="Replaced KCV">
                <Text span ff="monospace" fz={24} c="dimmed" td="line-through" style={{ letterSpacing: '0.15em' }} data-testid="previous-kcv">
                  {result.previous_kcv}
                </Text>
              </Fact>
            )}
          </Group>
          {result.delivery.in_emulators ? (
            <Alert color="blue" title="Key loaded">
              The new PIN key went to the emulated terminal {result.delivery.terminal.terminal_id}; its PIN pad should show this KCV.
            </Alert>
          ) : (
            <Alert color="gray" title="Key not delivered">
              No emulated terminals are running, so the clear key went nowhere; the host keeps it only wrapped under its master
              key. Re-key this terminal once its emulator runs, or it cannot take PIN transactions.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Close
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
