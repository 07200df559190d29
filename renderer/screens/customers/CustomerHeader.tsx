/** Who the customer is and the rules that govern their payments: top-up increment and limits. */
import { Flex, Group, Paper, Text, Title } from '@mantine/core'
import type { CustomerDetail } from '../../../main/api/console/contract'
import { Amount } from '../../shared/Amount'
import { Fact } from '../../shared/Fact'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'

export function CustomerHeader({ customer: c }: { customer: CustomerDetail }) {
  const money = (minor: number | null) =>
    minor === null ? <Text span c="dimmed" fz="sm">no limit</Text> : <Amount minor={minor} exponent={c.exponent} currency={c.currency} />
  return (
    <Paper withBorder p="md" mb="md">
      <Group gap="sm" mb="sm">
        <Title order={2}>{c.name}</Title>
        <StatusBadge status={c.status} />
      </Group>
      <Flex columnGap="xl" rowGap="sm" wrap="wrap" align="flex-start">
        <Fact label="Payer ID">
          <Text span ff="monospace" fz="sm" data-testid="payer-id">
            {c.payer_id}
          </Text>
        </Fact>
        <Fact label="Email">{c.email || '—'}</Fact>
        <Fact label="Currency">{c.currency}</Fact>
        <Fact label="Top-up increment">{money(c.top_up_increment_minor)}</Fact>
        <Fact label="Limit per purchase">{money(c.micropayment_limit_per_purchase_minor)}</Fact>
        <Fact label="Limit per day">{money(c.micropayment_limit_per_day_minor)}</Fact>
        <Fact label="Customer since">{formatTime(c.created_at)}</Fact>
      </Flex>
      {c.blocked_merchants.length > 0 && (
        <Text fz="sm" mt="sm" c="orange.8">
          Blocked merchants: {c.blocked_merchants.map((m) => m.name).join(', ')}
        </Text>
      )}
    </Paper>
  )
}
