import type { ZodError } from 'zod'

/** One sentence per problem, naming the field: what a developer at a merchant needs to fix the call. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body'
      return `${where}: ${issue.message}`
    })
    .join('; ')
}
