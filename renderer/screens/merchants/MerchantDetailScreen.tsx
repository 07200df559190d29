/**
 * One merchant: status, volume (today, this month, all time), what the bank owes it, its
 * terms in words, contact and settlement account, API keys, the POS terminals that take its
 * payments, and its settlement. Edit and terms buttons show only to roles that may use them.
 */
import { Alert, Anchor, Button, Code, Flex, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { groupedIban } from '../../../main/merchants/iban'
import { percentText } from '../../../main/merchants/rules'
import { Amount } from '../../shared/Amount'
import { Fact } from '../../shared/Fact'
import { routeHash } from '../../shared/route'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { ApiKeysPanel } from './ApiKeysPanel'
import type { MerchantDetail } from './merchant-form'
import { MerchantFormModal } from './MerchantFormModal'
import { SharedPosPanel } from './SharedPosPanel'
import { TermsModal } from './TermsModal'
import { MerchantSettlementPanel } from '../settlement/MerchantSettlementPanel'

type Dialog = 'none' | 'edit' | 'terms'

export function MerchantDetailScreen({ merchant_id }: { merchant_id: number }) {
  const may_edit = useMayCall('merchants.update')
  const may_set_terms = useMayCall('merchants.set_terms')
  const may_see_keys = useMayCall('merchants.api_keys.list')
  const [refresh, setRefresh] = useState(0)
  const [dialog, setDialog] = useState<Dialog>('none')
  const detail = useCommand('merchants.get', { merchant_id }, { refresh })
  const back = (
    <Anchor href={routeHash({ screen: 'merchants' })} fz="sm">
      ← All merchants
    </Anchor>
  )
  if (detail.error && !detail.data) {
    return (
      <>
        {back}
        <Alert color="red" mt="sm" title="Could not load this merchant">
          {detail.error}
        </Alert>
      </>
    )
  }
  if (!detail.data || detail.data.merchant.id !== merchant_id) {
    return (
      <>
        {back}
        <Skeleton height={120} mt="sm" mb="md" />
        <SimpleGrid cols={2}>
          <Skeleton height={160} />
          <Skeleton height={160} />
        </SimpleGrid>
      </>
    )
  }
  const m = detail.data.merchant
  const close = () => setDialog('none')
  const saved = () => setRefresh((n) => n + 1)

  return (
    <>
      <Group justify="space-between" mb="xs">
        {back}
        <Group gap="sm">
          {may_edit && (
            <Button variant="default" onClick={() => setDialog('edit')}>
              Edit merchant
            </Button>
          )}
          {may_set_terms && <Button onClick={() => setDialog('terms')}>Change terms</Button>}
        </Group>
      </Group>
      {detail.error && (
        <Alert color="red" mb="sm" title="Could not reload this merchant">
          {detail.error}
        </Alert>
      )}
      <MerchantHeader merchant={m} />
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Commercial terms
          </Title>
          <Text fz="sm" data-testid="terms-in-words">
            {m.terms_in_words[0]!.toUpperCase() + m.terms_in_words.slice(1)}.
          </Text>
          <Flex columnGap="xl" rowGap="sm" wrap="wrap" mt="sm">
            <Fact label="Wholesale discount">{percentText(m.discount_bps)}</Fact>
            <Fact label="Fee per purchase">
              <Amount minor={m.fee_per_purchase_minor} exponent={m.exponent} currency={m.currency} />
            </Fact>
            <Fact label="Settle at">{m.settle_at_minor === null ? '—' : <Amount minor={m.settle_at_minor} exponent={m.exponent} currency={m.currency} />}</Fact>
            <Fact label="Settle every">{m.settle_every_days === null ? '—' : `${m.settle_every_days} day${m.settle_every_days === 1 ? '' : 's'}`}</Fact>
          </Flex>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Contact and settlement account
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label="Contact">{m.contact_name || '—'}</Fact>
            <Fact label="E-mail">{m.contact_email ? <Anchor href={`mailto:${m.contact_email}`} fz="sm">{m.contact_email}</Anchor> : '—'}</Fact>
            <Fact label="Phone">{m.contact_phone || '—'}</Fact>
            <Fact label="Merchant since">{formatTime(m.created_at)}</Fact>
            {m.settlement_iban !== null ? (
              <>
                <Fact label="IBAN">
                  <Text span ff="monospace" fz="sm" data-testid="settlement-iban">
                    {groupedIban(m.settlement_iban)}
                  </Text>
                </Fact>
                <Fact label="BIC">{m.settlement_bic ? <Text span ff="monospace" fz="sm">{m.settlement_bic}</Text> : '—'}</Fact>
              </>
            ) : (
              <Fact label="Account number">
                {m.settlement_account_number ? <Text span ff="monospace" fz="sm">{m.settlement_account_number}</Text> : <Text span c="orange.8" fz="sm">none: payouts cannot be sent</Text>}
              </Fact>
            )}
          </SimpleGrid>
        </Paper>
      </SimpleGrid>
      <MerchantSettlementPanel merchant_id={m.id} changed={refresh} />
      {may_see_keys && <ApiKeysPanel merchant_id={m.id} merchant_name={m.name} />}
      <SharedPosPanel merchant={m} />
      {may_edit && <MerchantFormModal opened={dialog === 'edit'} merchant={m} onClose={close} onSaved={saved} />}
      {may_set_terms && <TermsModal opened={dialog === 'terms'} merchant={m} onClose={close} onSaved={saved} />}
    </>
  )
}

function MerchantHeader({ merchant: m }: { merchant: MerchantDetail }) {
  const money = (minor: number) => <Amount minor={minor} exponent={m.exponent} currency={m.currency} />
  const volume = (v: { purchases: number; amount_minor: number }) => (
    <Stack gap={0} align="flex-end">
      <Text span fz="md" fw={600}>
        {money(v.amount_minor)}
      </Text>
      <Text span fz="xs" c="dimmed">
        {v.purchases.toLocaleString('en-US')} purchase{v.purchases === 1 ? '' : 's'}
      </Text>
    </Stack>
  )
  return (
    <Paper withBorder p="md" mb="md">
      <Group gap="sm" mb="sm">
        <Title order={2}>{m.name}</Title>
        <StatusBadge status={m.status} />
        {m.merchant_code && <Code fz="sm">{m.merchant_code}</Code>}
        <Text c="dimmed" fz="sm">
          {m.category}
        </Text>
      </Group>
      {m.status === 'suspended' && (
        <Alert color="orange" mb="sm" py={6}>
          Suspended: online purchases and card payments for this merchant are declined.
        </Alert>
      )}
      <Flex columnGap={48} rowGap="sm" wrap="wrap" align="flex-start">
        <Fact label="Payable balance">
          <Text span fz="md" fw={600} data-testid="payable-balance">
            {money(m.payable_balance_minor)}
          </Text>
        </Fact>
        <Fact label="Today">{volume(m.volume.today)}</Fact>
        <Fact label="This month">{volume(m.volume.this_month)}</Fact>
        <Fact label="All time">{volume(m.volume.all_time)}</Fact>
        <Fact label="Currency">{m.currency}</Fact>
      </Flex>
    </Paper>
  )
}
