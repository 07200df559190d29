import { Iso8583FormatError } from '../../../main/iso8583/errors'

/** The Iso8583FormatError that action throws; fails the test if it throws nothing or anything else. */
export function thrown(action: () => unknown): Iso8583FormatError {
  try {
    action()
  } catch (error) {
    if (error instanceof Iso8583FormatError) return error
    throw error
  }
  throw new Error('expected an Iso8583FormatError, but nothing was thrown')
}
