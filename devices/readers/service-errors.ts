/** The reader service's refusals, each a sentence for the technician; http.ts maps them to 404 and 409. */

export class ReaderUnknown extends Error {
  readonly id = 'reader_unknown'
  override readonly name = 'ReaderUnknown'
  constructor(readonly reader_id: string) {
    super(`No card reader ${reader_id} is plugged in or paired.`)
  }
}

export class ReaderActionRefused extends Error {
  readonly id = 'reader_action_refused'
  override readonly name = 'ReaderActionRefused'
}
