/** Staff roles in words for the header; the contract's role names stay the source of truth. */
import type { StaffRole } from '../../main/api/console/contract'

export const role_labels = {
  administrator: 'Administrator',
  back_office_clerk: 'Back-office clerk',
  supervisor: 'Supervisor',
  branch_tester: 'Branch tester',
  technician: 'Technician',
  auditor: 'Auditor',
} as const satisfies Record<StaffRole, string>
