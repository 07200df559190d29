/**
 * One account of a customer: its number and status, then its amounts as label / amount lines.
 * The credit account's balance is what the customer owes, so it reads "Used" against "Limit".
 */
import { Group, Paper, Stack, Text } from '@mantine/core'
import type { AccountView } from '../../../main/api/console/contract'
import { account_kind_labels } from '../../shared/accounts'
import { Amount } from '../../shared/Amount'
import { StatusBadge } from '../../shared/StatusBadge'

export function AccountCard({ account }: { account: AccountView }) {
  const title = account_kind_labels[account.kind]
  const line = (label: string, minor: number | null) => (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
      {minor === null ? (
        <Text fz="sm" c="dimmed">
          —
        </Text>
      ) : (
        <Amount fz="sm" minor={minor} exponent={account.exponent} currency={account.currency} data-testid={`${account.kind}-${label.toLowerCase().replaceAll(' ', '-')}`} />
      )}
    </Group>
  )

  return (
    <Paper component="section" aria-label={title} withBorder p="md">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <div>
          <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
            {title}
          </Text>
          <Text fz="xs" ff="monospace" c="dimmed">
            {account.number}
          </Text>
        </div>
        <StatusBadge status={account.status} style={{ flexShrink: 0 }} />
      </Group>
      <Stack gap={4}>
        {account.kind === 'credit' ? (
          <>
            {line('Used', account.balance_minor)}
            {line('Limit', account.credit_limit_minor)}
            {line('Pending holds', account.pending_minor)}
            {line('Available', account.available_minor)}
          </>
        ) : (
          <>
            {line('Balance', account.balance_minor)}
            {line('Pending holds', account.pending_minor)}
            {line('Available', account.available_minor)}
          </>
        )}
      </Stack>
    </Paper>
  )
}
