/** Account kinds in the words the screens use ("value account"), one word per concept. */
import type { AccountView } from '../../main/api/console/contract'

export const account_kind_labels = {
  value: 'Value account',
  credit: 'Credit account',
  cash_access: 'Cash-access account',
  merchant_payable: 'Merchant payable',
  sp_funding: 'SP funding',
  sp_fee_income: 'SP fee income',
  sp_settlement: 'SP settlement',
  atm_cash: 'ATM cash',
} as const satisfies Record<AccountView['kind'], string>

/** A customer's own accounts, in the order the screen shows them. */
export const customer_account_kinds = ['value', 'credit', 'cash_access'] as const satisfies readonly AccountView['kind'][]
