/**
 * One customer: who they are, one card per account, the money-moving actions their role may
 * take, and their transfers, orders, disputes and access cards below. After money moves, everything
 * reloads.
 */
import { Alert, Anchor, Button, Group, SimpleGrid, Skeleton, Tabs } from '@mantine/core'
import { useState } from 'react'
import type { AccountView } from '../../../main/api/console/contract'
import { customer_account_kinds } from '../../shared/accounts'
import { routeHash } from '../../shared/route'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { TransfersTable } from '../journal/TransfersTable'
import { CustomerOrders } from '../orders/CustomerOrders'
import { CustomerBilling } from '../bills/CustomerBilling'
import { CustomerDisputes } from '../disputes/CustomerDisputes'
import { AccountCard } from './AccountCard'
import { CardsPanel } from './CardsPanel'
import { CustomerHeader } from './CustomerHeader'
import { FundModal } from './FundModal'
import { MoveValueModal } from './MoveValueModal'
import { RequestApprovalModal, type ApprovalAsk } from './RequestApprovalModal'

type Dialog = 'none' | 'fund' | 'move'

export function CustomerDetailScreen({ customer_id }: { customer_id: number }) {
  const may_fund = useMayCall('accounts.fund')
  const may_move = useMayCall('accounts.move_value')
  const may_list_cards = useMayCall('cards.list')
  const may_list_disputes = useMayCall('disputes.list')
  const may_request = useMayCall('approvals.request_adjustment')
  const [ask, setAsk] = useState<ApprovalAsk>()
  const [refresh, setRefresh] = useState(0)
  const [dialog, setDialog] = useState<Dialog>('none')
  const detail = useCommand('customers.get', { customer_id }, { refresh })

  // Closing a money form reloads too: after a lost answer the money may have moved anyway.
  const done = () => {
    setDialog('none')
    setRefresh((n) => n + 1)
  }

  const back = (
    <Anchor href={routeHash({ screen: 'customers' })} fz="sm">
      ← All customers
    </Anchor>
  )

  if (detail.error && !detail.data) {
    return (
      <>
        {back}
        <Alert color="red" mt="sm" title="Could not load this customer">
          {detail.error}
        </Alert>
      </>
    )
  }
  // An answer about the previous customer must not show under this customer's address.
  if (!detail.data || detail.data.customer.id !== customer_id) {
    return (
      <>
        {back}
        <Skeleton height={110} mt="sm" mb="md" />
        <SimpleGrid cols={3}>
          <Skeleton height={140} />
          <Skeleton height={140} />
          <Skeleton height={140} />
        </SimpleGrid>
      </>
    )
  }

  const { customer, accounts } = detail.data
  const account = (kind: AccountView['kind']) => accounts.find((a) => a.kind === kind)
  const value = account('value')
  const cash_access = account('cash_access')
  const credit = account('credit')
  const adjustable = [value, cash_access].filter((a) => a !== undefined)

  return (
    <>
      <Group justify="space-between" mb="xs">
        {back}
        <Group gap="sm">
          {may_fund && value && <Button onClick={() => setDialog('fund')}>Fund value account</Button>}
          {may_move && value && cash_access && (
            <Button variant="default" onClick={() => setDialog('move')}>
              Move value
            </Button>
          )}
          {may_request && adjustable.length > 0 && (
            <Button variant="default" onClick={() => setAsk('adjustment')}>
              Request adjustment
            </Button>
          )}
          {may_request && credit && (
            <Button variant="default" onClick={() => setAsk('credit_limit')}>
              Request credit-limit increase
            </Button>
          )}
        </Group>
      </Group>
      {detail.error && (
        <Alert color="red" mb="sm" title="Could not reload this customer">
          {detail.error}
        </Alert>
      )}
      <CustomerHeader customer={customer} />
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="lg">
        {customer_account_kinds.map((kind) => {
          const found = account(kind)
          return found ? <AccountCard key={kind} account={found} /> : null
        })}
      </SimpleGrid>
      <Tabs defaultValue="transfers" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="transfers">Transfers</Tabs.Tab>
          <Tabs.Tab value="orders">Orders</Tabs.Tab>
          <Tabs.Tab value="billing">Billing</Tabs.Tab>
          {may_list_disputes && <Tabs.Tab value="disputes">Disputes</Tabs.Tab>}
          {may_list_cards && <Tabs.Tab value="cards">Cards</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="transfers">
          <TransfersTable filter={{ customer_id }} refresh={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <CustomerOrders customer_id={customer_id} refresh={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="billing">
          <CustomerBilling customer_id={customer_id} refresh={refresh} onChanged={() => setRefresh((n) => n + 1)} />
        </Tabs.Panel>
        {may_list_disputes && (
          <Tabs.Panel value="disputes">
            <CustomerDisputes customer_id={customer_id} refresh={refresh} />
          </Tabs.Panel>
        )}
        {may_list_cards && (
          <Tabs.Panel value="cards">
            <CardsPanel customer={customer} refresh={refresh} />
          </Tabs.Panel>
        )}
      </Tabs>
      <RequestApprovalModal ask={ask} adjustable={adjustable} credit={credit} onClose={() => setAsk(undefined)} />
      {value && <FundModal account={value} opened={dialog === 'fund'} onClose={done} onFunded={done} />}
      {value && cash_access && (
        <MoveValueModal
          customer_id={customer_id}
          value={value}
          cash_access={cash_access}
          opened={dialog === 'move'}
          onClose={done}
          onMoved={done}
        />
      )}
    </>
  )
}
