import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** An HTTP answer that is a problem: status, stable code, and a sentence for a person. */
export class ApiProblem extends Error {
  readonly id = 'api_problem'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
