/**
 * The building blocks of the console contract, shared by the core command map
 * (contract.ts) and the per-concept maps in commands/. Free of Node imports: the renderer
 * imports it too.
 */
import { z } from 'zod'

export const staff_roles = ['administrator', 'back_office_clerk', 'supervisor', 'branch_tester', 'technician', 'auditor'] as const
export type StaffRole = (typeof staff_roles)[number]

export const id = z.number().int().positive()
export const amount_minor = z.number().int().positive().max(1_000_000_000_000)
export const currency = z.string().regex(/^[A-Z]{3}$/, 'a currency is a 3-letter ISO 4217 code such as USD')
export const idempotency_key = z.string().min(1).max(255)
export const page = z.number().int().min(1).max(100_000).default(1)
export const page_size = z.number().int().min(1).max(500).default(50)
export const iso_time = z.string()

export function list<T extends z.ZodTypeAny>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int() })
}

/**
 * A file the host made for the clerk to save: a CSV, a payout XML, a PDF. Text files come
 * as UTF-8, binary ones (PDF) as base64; the renderer saves either (renderer/shared/download.ts).
 */
export const file_view = z.object({
  filename: z.string(),
  media_type: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
})
export type FileView = z.infer<typeof file_view>

/** Who may send a command: nobody signed in (login), any staff member, or some roles. */
export type CommandRoles = 'anyone' | 'any_staff' | readonly StaffRole[]
export type CommandSpec = { input: z.ZodTypeAny; output: z.ZodTypeAny; roles: CommandRoles }
export type CommandSpecs = Record<string, CommandSpec>
