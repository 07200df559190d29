/**
 * A customer's Billing tab: the running (unbilled) total against the cap, when the cycle
 * ends, what is owed, and the bills; staff record a payment or close the running bill now,
 * supervisors change the billing day, cap and fee.
 */
import { Alert, Button, Card, Group, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { call } from '../../api/client'
import { Amount, formatAmount } from '../../shared/Amount'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { Fact } from '../../shared/Fact'
import { notifySuccess } from '../../shared/notify'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { BillingSettingsModal } from './BillingSettingsModal'
import { BillsTable } from './BillsTable'
import { RecordPaymentModal } from './RecordPaymentModal'
import { utcDay } from './bill-words'

type Dialog = 'none' | 'pay' | 'close' | 'settings'

export function CustomerBilling({ customer_id, refresh, onChanged }: { customer_id: number; refresh: number; onChanged?: () => void }) {
  const may_pay = useMayCall('bills.record_payment')
  const may_close = useMayCall('bills.close_now')
  const may_set = useMayCall('customers.set_billing')
  const [changed, setChanged] = useState(0)
  const [dialog, setDialog] = useState<Dialog>('none')
  // A fresh key each time the confirm opens: one close per confirmation.
  const [close_key, setCloseKey] = useState(() => crypto.randomUUID())
  const got = useCommand('billing.summary', { customer_id }, { refresh: refresh + changed })
  const done = () => {
    setDialog('none')
    setChanged((n) => n + 1)
    onChanged?.()
  }

  if (got.error && !got.data) return <Alert color="red" title="Could not load billing">{got.error}</Alert>
  if (!got.data || got.data.summary.customer_id !== customer_id) return <Skeleton height={160} />
  const s = got.data.summary
  const money = (minor: number) => <Amount minor={minor} exponent={s.exponent} currency={s.currency} ta="left" />
  const cap_share = s.bill_cap_minor === null ? null : Math.min(100, Math.max(0, Math.floor((s.unbilled_minor * 100) / s.bill_cap_minor)))

  return (
    <Stack gap="md">
      {s.customer_status === 'suspended' && s.billing_suspended_at !== null && (
        <Alert color="red" title="Not billable: overdue bill">
          Suspended by the billing job on {formatTime(s.billing_suspended_at)} because a bill stayed unpaid past its due date and the grace period. Purchases are refused until the overdue bills are paid; then the customer can buy again at once.
        </Alert>
      )}
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-start">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg" style={{ flexGrow: 1 }}>
            <Fact label="Running total (unbilled)">
              <Stack gap={4}>
                {money(s.unbilled_minor)}
                {cap_share !== null && s.bill_cap_minor !== null && (
                  <>
                    <Progress value={cap_share} color={cap_share >= 90 ? 'orange' : 'blue'} size="sm" aria-label="Running total against the cap" />
                    <Text fz="xs" c="dimmed">
                      {cap_share}% of the {formatAmount(s.bill_cap_minor, s.exponent, s.currency)} cap
                    </Text>
                  </>
                )}
              </Stack>
            </Fact>
            <Fact label="Cycle (UTC)">
              {utcDay(s.current_cycle_start)} – {utcDay(s.next_cycle_end)}
              <Text fz="xs" c="dimmed">
                bill closes {utcDay(s.next_cycle_end)} 00:00 UTC{s.bill_cap_minor === null ? '' : ' or at the cap'}
              </Text>
            </Fact>
            <Fact label="Owed on credit account">
              {money(s.owed_minor)}
              <Text fz="xs" c="dimmed">
                unpaid bills {formatAmount(s.unpaid_bills_minor, s.exponent, s.currency)}
                {s.overdue_bills > 0 ? ` · ${s.overdue_bills} overdue` : ''}
              </Text>
            </Fact>
            <Fact label="Billing terms">
              Day {s.billing_day} · cap {s.bill_cap_minor === null ? 'none' : formatAmount(s.bill_cap_minor, s.exponent, s.currency)}
              <Text fz="xs" c="dimmed">
                bill fee {s.bill_fee_minor === 0 ? 'none' : formatAmount(s.bill_fee_minor, s.exponent, s.currency)}
              </Text>
            </Fact>
          </SimpleGrid>
          <Group gap="xs">
            {may_pay && (
              <Button size="xs" onClick={() => setDialog('pay')} disabled={s.owed_minor <= 0} title={s.owed_minor <= 0 ? 'Nothing is owed' : undefined}>
                Record payment
              </Button>
            )}
            {may_close && (
              <Button
                size="xs"
                variant="default"
                disabled={s.unbilled_minor === 0}
                onClick={() => {
                  setCloseKey(crypto.randomUUID())
                  setDialog('close')
                }}
              >
                Close bill now
              </Button>
            )}
            {may_set && (
              <Button size="xs" variant="default" onClick={() => setDialog('settings')}>
                Billing settings
              </Button>
            )}
          </Group>
        </Group>
      </Card>
      <BillsTable filter={{ customer_id }} refresh={refresh + changed} showCustomer={false} empty="No bills yet: the first closes at the end of this cycle, or earlier at the cap." />
      {dialog === 'pay' && <RecordPaymentModal summary={s} opened onClose={() => setDialog('none')} onDone={done} />}
      {dialog === 'settings' && <BillingSettingsModal summary={s} opened onClose={() => setDialog('none')} onDone={done} />}
      <ConfirmModal
        opened={dialog === 'close'}
        title="Close bill now"
        confirm="Close bill"
        color="blue"
        onClose={() => setDialog('none')}
        onConfirm={async () => {
          const { bill } = await call('bills.close_now', { customer_id, idempotency_key: close_key })
          notifySuccess('Bill closed', `${bill.reference}: ${formatAmount(bill.total_minor, bill.exponent, bill.currency)}, due ${bill.due_at.slice(0, 10)}.`)
          done()
        }}
      >
        Everything unbilled on {s.customer_name}’s credit account ({formatAmount(s.unbilled_minor, s.exponent, s.currency)}) goes on a bill now
        {s.bill_fee_minor > 0 ? `, plus the bill fee of ${formatAmount(s.bill_fee_minor, s.exponent, s.currency)}` : ''}. The cycle’s own bill will then hold only what comes after.
      </ConfirmModal>
    </Stack>
  )
}
