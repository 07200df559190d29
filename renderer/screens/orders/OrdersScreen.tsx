/** Purchases: every purchase merchants sent to the bank, approved or declined, newest as the host orders them. */
import { ScreenTitle } from '../../shared/ScreenTitle'
import { PurchasesTable } from './PurchasesTable'

export function PurchasesScreen() {
  return (
    <>
      <ScreenTitle title="Orders" />
      <PurchasesTable filter={{}} />
    </>
  )
}
