/**
 * What the clerk needs right after a card is issued or replaced: the masked card, and when the
 * bank picked the PIN, the PIN mailer, shown this once and never again (the host keeps only a
 * PIN verification value). It also says whether the plastic reached the emulated terminals'
 * card wallet. With a mailer on screen the dialog closes only by its button, so a stray click
 * or Escape cannot lose the PIN before it is in its envelope.
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core'
import type { CustomerDetail } from '../../../main/api/console/contract'
import { Amount } from '../../shared/Amount'
import { Fact } from '../../shared/Fact'
import { formatExpiry } from './card-form'
import type { IssuedCard } from './IssueCardModal'

interface IssuedCardModalProps {
  customer: CustomerDetail
  opened: boolean
  issued: IssuedCard | undefined
  replacement: boolean
  onClose: () => void
  /** Once the dialog has faded out: the caller forgets the card and its mailer PIN. */
  onClosed: () => void
}

export function IssuedCardModal({ customer, opened, issued, replacement, onClose, onClosed }: IssuedCardModalProps) {
  const mailer = issued?.pin_mailer ?? null
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={replacement ? 'Replacement card issued' : 'Card issued'}
      size="lg"
      closeOnClickOutside={mailer === null}
      closeOnEscape={mailer === null}
      withCloseButton={mailer === null}
    >
      {issued && (
        <Stack gap="md">
          <Group gap="xl" align="flex-start">
            <Fact label="Card">
              <Text span ff="monospace" fz="md" fw={600} data-testid="issued-card">
                {issued.card.masked_pan}
              </Text>
            </Fact>
            <Fact label="Expires">{formatExpiry(issued.card.expiry_yymm)}</Fact>
            <Fact label="Daily withdrawal limit">
              <Amount minor={issued.card.daily_withdrawal_limit_minor} exponent={customer.exponent} currency={customer.currency} />
            </Fact>
          </Group>
          {mailer === null ? (
            <Text fz="sm">The customer chose the PIN. The bank keeps no copy of it, only a value to check it against.</Text>
          ) : (
            <PinMailer masked_pan={issued.card.masked_pan} holder={customer.name} pin={mailer} />
          )}
          {issued.in_wallet ? (
            <Alert color="blue" title="Plastic handed over">
              The card is in the terminals' card wallet: insert it at an ATM or POS.
            </Alert>
          ) : (
            <Alert color="gray" title="Plastic not handed over">
              No emulated terminals are running: the card was not put in a card wallet, and the host keeps no copy of its
              magnetic stripe. To use it at an emulated ATM or POS, start the emulators and replace the card.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {mailer === null ? 'Close' : 'The mailer is sealed — close'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}

function PinMailer({ masked_pan, holder, pin }: { masked_pan: string; holder: string; pin: string }) {
  return (
    <Paper
      component="section"
      aria-label="PIN mailer"
      p="md"
      radius="sm"
      bg="yellow.0"
      style={{ border: '2px dashed var(--mantine-color-yellow-7)' }}
    >
      <Title order={4} mb="xs">
        PIN mailer — hand to the customer in a sealed envelope
      </Title>
      <Group gap="xl" align="flex-end" mb="sm">
        <Fact label="Card holder">{holder}</Fact>
        <Fact label="Card">
          <Text span ff="monospace" fz="sm">
            {masked_pan}
          </Text>
        </Fact>
        <Fact label="PIN">
          <Text span ff="monospace" fz={28} fw={700} style={{ letterSpacing: '0.3em' }} data-testid="pin-mailer-pin">
            {pin}
          </Text>
        </Fact>
      </Group>
      <Text fz="sm" fw={600} c="red.8">
        This PIN will not be shown again: the bank keeps no copy. Seal it before closing this window.
      </Text>
    </Paper>
  )
}
