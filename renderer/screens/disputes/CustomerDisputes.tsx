/** A customer's disputes on their page, open ones first, with the same actions as on Disputes. */
import { useCallback, useState } from 'react'
import { DisputesTable } from './DisputesTable'

export function CustomerDisputes({ customer_id, refresh }: { customer_id: number; refresh: number }) {
  const [changed, setChanged] = useState(0)
  const reload = useCallback(() => setChanged((n) => n + 1), [])
  return <DisputesTable filter={{ customer_id }} refresh={refresh + changed} onChanged={reload} empty="No disputes for this customer. Open one from an order on the Orders tab." />
}
