/**
 * An operating error a person can act on: bad input the schema could not catch, a thing
 * that does not exist, a conflict, or a refusal by a business rule. Its message is shown
 * to the user as it is, so it says what was wrong in a sentence. Anything else thrown is a
 * programmer error: logged in full on the host and shown only as "internal error".
 */
export type RequestErrorCode = 'bad_request' | 'not_found' | 'conflict' | 'refused'

export class RequestError extends Error {
  readonly id = 'request_error'
  constructor(
    readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message)
  }
}
