/** A customer's orders on their page, each opening the same drawer as on Orders. */
import { useState } from 'react'
import type { OrderView } from '../../../main/api/console/commands/disputes'
import { OrderDrawer } from './OrderDrawer'
import { OrdersTable } from './OrdersTable'

export function CustomerOrders({ customer_id, refresh }: { customer_id: number; refresh: number }) {
  const [open, setOpen] = useState<OrderView>()
  const [changed, setChanged] = useState(0)
  return (
    <>
      <OrdersTable filter={{ customer_id }} refresh={refresh + changed} onOpen={setOpen} empty="This customer has no orders yet." />
      <OrderDrawer order={open} onClose={() => setOpen(undefined)} onChanged={() => setChanged((n) => n + 1)} />
    </>
  )
}
