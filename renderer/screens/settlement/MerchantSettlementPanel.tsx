/**
 * A merchant's settlement on the merchant's page: what is unsettled now, the rule and when it
 * falls due, a Close batch button, and the merchant's past batches with links.
 */
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { Amount } from '../../shared/Amount'
import { Fact } from '../../shared/Fact'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { navigate } from '../../shared/useRoute'
import { useMayCall } from '../../src/session'
import { CloseBatchModal } from './CloseBatchModal'
import { BatchTable } from './SettlementScreen'
import type { DueView } from './words'

/** `changed` moves when the merchant page saved something (new terms change the rule shown here). */
export function MerchantSettlementPanel({ merchant_id, changed = 0 }: { merchant_id: number; changed?: number }) {
  // Roles that may not read settlement do not see the panel at all.
  return useMayCall('settlement.due') ? <SettlementPanel merchant_id={merchant_id} changed={changed} /> : null
}

function SettlementPanel({ merchant_id, changed }: { merchant_id: number; changed: number }) {
  const may_close = useMayCall('settlement.close')
  const [closed, setRefresh] = useState(0)
  const refresh = closed + changed
  const [closing, setClosing] = useState<DueView>()
  const paging = usePaging(String(merchant_id), 25)
  const due = useCommand('settlement.due', { merchant_id }, { refresh })
  const batches = useCommand('settlement.list', { merchant_id, page: paging.page, page_size: paging.page_size }, { refresh })
  const next = due.data?.rows[0]
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Settlement</Title>
          {may_close && next && next.net_minor > 0 && (
            <Button size="compact-sm" variant={next.due ? 'filled' : 'default'} onClick={() => setClosing(next)}>
              Close batch now
            </Button>
          )}
        </Group>
        {due.error && <Alert color="red">{due.error}</Alert>}
        {next && (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Fact label="Unsettled">
              <Amount minor={next.unsettled_minor} exponent={next.exponent} currency={next.currency} /> ({next.purchase_count} purchase{next.purchase_count === 1 ? '' : 's'})
            </Fact>
            <Fact label="Net if closed now">
              <Amount minor={next.net_minor} exponent={next.exponent} currency={next.currency} />
            </Fact>
            <Fact label="Rule">{next.rule}</Fact>
            <Fact label="Next settlement">
              {next.due ? (
                <Badge color="orange" variant="light" size="sm" radius="sm">
                  due now: {next.due_reason === 'rule_amount' ? 'amount reached' : 'days passed'}
                </Badge>
              ) : next.purchase_count === 0 && next.unsettled_minor === 0 ? (
                'Nothing unsettled'
              ) : next.net_minor <= 0 ? (
                'Nothing to pay yet: carries forward'
              ) : next.due_at ? (
                `${formatTime(next.due_at)} at the latest`
              ) : (
                'When the amount is reached'
              )}
            </Fact>
          </SimpleGrid>
        )}
        <BatchTable
          rows={batches.data?.rows}
          loading={batches.loading}
          show_merchant={false}
          empty="No batch has been closed for this merchant yet."
          paging={{ page: paging.page, page_size: paging.page_size, total: batches.data?.total ?? 0, onChange: paging.setPage }}
        />
      </Stack>
      <CloseBatchModal
        due={closing}
        onClose={() => setClosing(undefined)}
        onClosed={(batch_id) => {
          setClosing(undefined)
          setRefresh((n) => n + 1)
          navigate({ screen: 'settlement_batch', batch_id })
        }}
      />
    </Card>
  )
}
