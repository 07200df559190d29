/** Picks the screen for the address, sending the clerk to their first screen from "#/". */
import { Alert, Anchor, Text } from '@mantine/core'
import { useEffect } from 'react'
import { routeHash, type Route } from '../shared/route'
import { replaceRoute } from '../shared/useRoute'
import { CustomerDetailScreen } from './customers/CustomerDetailScreen'
import { CustomersScreen } from './customers/CustomersScreen'
import { IsoLogScreen } from './iso-log/IsoLogScreen'
import { JournalScreen } from './journal/JournalScreen'
import { MerchantsScreen } from './merchants/MerchantsScreen'
import { MerchantDetailScreen } from './merchants/MerchantDetailScreen'
import { navItemOf, type NavItem } from './navigation'
import { OrdersScreen } from './orders/OrdersScreen'
import { DisputesScreen } from './disputes/DisputesScreen'
import { SettingsScreen } from './settings/SettingsScreen'
import { TerminalRegistryScreen } from './terminal-registry/TerminalRegistryScreen'
import { TerminalsScreen } from '../terminals/TerminalsScreen'
import { AtmScreen } from '../atm/AtmScreen'
import { PosScreen } from '../pos/PosScreen'
import { ReadersScreen } from '../readers/ReadersScreen'
import { StaffScreen } from './staff/StaffScreen'
import { AuditScreen } from './audit/AuditScreen'
import { ApprovalsScreen } from './approvals/ApprovalsScreen'
import { DashboardScreen } from './dashboard/DashboardScreen'
import { SettlementScreen } from './settlement/SettlementScreen'
import { BatchDetailScreen } from './settlement/BatchDetailScreen'
import { BillsScreen } from './bills/BillsScreen'

export function ScreenFor({ route, items }: { route: Route; items: NavItem[] }) {
  const first = items[0]
  useEffect(() => {
    if (route.screen === 'home' && first) replaceRoute(first.route)
  }, [route.screen, first])

  if (route.screen === 'home') {
    return first ? null : (
      <Alert color="gray" title="No back-office screens for your role">
        Your role works at the branch or on devices; the back-office screens are for other roles.
      </Alert>
    )
  }
  if (route.screen === 'not_found') {
    return (
      <Alert color="yellow" title="No such screen">
        <Text fz="sm">
          Nothing lives at “{route.path}”. <Anchor href={routeHash({ screen: 'home' })}>Go to the start</Anchor>
        </Text>
      </Alert>
    )
  }
  const item = navItemOf(route)
  if (!item || !items.includes(item)) {
    return (
      <Alert color="yellow" title="Not available to your role">
        This screen is not part of your role's work.
      </Alert>
    )
  }
  switch (route.screen) {
    case 'customers':
      return <CustomersScreen />
    case 'customer':
      return <CustomerDetailScreen customer_id={route.customer_id} />
    case 'journal':
      return <JournalScreen />
    case 'orders':
      return <OrdersScreen />
    case 'merchants':
      return <MerchantsScreen />
    case 'merchant':
      return <MerchantDetailScreen merchant_id={route.merchant_id} />
    case 'settings':
      return <SettingsScreen />
    case 'terminal_registry':
      return <TerminalRegistryScreen />
    case 'iso_log':
      return <IsoLogScreen />
    case 'terminals':
      return <TerminalsScreen />
    case 'atm':
      return <AtmScreen terminal_id={route.terminal_id} />
    case 'pos':
      return <PosScreen terminal_id={route.terminal_id} />
    case 'readers':
      return <ReadersScreen />
    case 'staff':
      return <StaffScreen />
    case 'audit':
      return <AuditScreen />
    case 'approvals':
      return <ApprovalsScreen />
    case 'dashboard':
      return <DashboardScreen />
    // Issue 4's screens, each added by its concept: dashboard, merchant, settlement, bills, disputes.
    case 'settlement':
      return <SettlementScreen />
    case 'settlement_batch':
      return <BatchDetailScreen batch_id={route.batch_id} />
    case 'disputes':
      return <DisputesScreen />
    case 'bills':
      return <BillsScreen />
    default:
      return (
        <Alert color="yellow" title="Not built yet">
          This screen is not part of this build.
        </Alert>
      )
  }
}
