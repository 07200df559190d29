import type { Context } from 'hono'
import type { z } from 'zod'

/** A request body the device APIs cannot use; answered 400 with its message. */
export class BadRequest extends Error {
  readonly id = 'bad_request'
}

/** The request's JSON body checked against `schema`; a BadRequest naming the first problem otherwise. */
export async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let json: unknown
  try {
    json = await c.req.json()
  } catch {
    throw new BadRequest('The request body is not valid JSON.')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new BadRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}
