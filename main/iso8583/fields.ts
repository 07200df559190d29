/**
 * The field table of our ISO 8583:1987 dialect. The codec knows nothing about any field
 * that is not in this table: a bitmap bit for a field missing here is a format error, so
 * adding a field is a deliberate change to the dialect (and to docs/iso8583.md).
 *
 * Formats: 'n' digits; 'an' letters, digits and space (space so that padded retrieval
 * references and approval codes fit); 'ans' printable ASCII 0x20-0x7E; 'z' track 2
 * characters (digits, '=' and 'D'); 'b' raw bytes. max_length counts characters, or
 * bytes for 'b'. A fixed field is exactly max_length long; a variable one is 1 to
 * max_length long after its ASCII length prefix (2 digits for llvar, 3 for lllvar).
 */
export interface FieldSpec {
  number: number
  name: string
  format: 'n' | 'an' | 'ans' | 'z' | 'b'
  length: 'fixed' | 'llvar' | 'lllvar'
  max_length: number
}

const specs: FieldSpec[] = [
  { number: 2, name: 'Primary account number', format: 'n', length: 'llvar', max_length: 19 },
  { number: 3, name: 'Processing code', format: 'n', length: 'fixed', max_length: 6 },
  { number: 4, name: 'Amount, transaction', format: 'n', length: 'fixed', max_length: 12 },
  { number: 7, name: 'Transmission date and time', format: 'n', length: 'fixed', max_length: 10 },
  { number: 11, name: 'System trace audit number', format: 'n', length: 'fixed', max_length: 6 },
  { number: 12, name: 'Time, local transaction', format: 'n', length: 'fixed', max_length: 6 },
  { number: 13, name: 'Date, local transaction', format: 'n', length: 'fixed', max_length: 4 },
  { number: 14, name: 'Date, expiration', format: 'n', length: 'fixed', max_length: 4 },
  { number: 15, name: 'Date, settlement', format: 'n', length: 'fixed', max_length: 4 },
  { number: 18, name: 'Merchant type', format: 'n', length: 'fixed', max_length: 4 },
  { number: 22, name: 'Point of service entry mode', format: 'n', length: 'fixed', max_length: 3 },
  { number: 25, name: 'Point of service condition code', format: 'n', length: 'fixed', max_length: 2 },
  { number: 32, name: 'Acquiring institution identification code', format: 'n', length: 'llvar', max_length: 11 },
  { number: 35, name: 'Track 2 data', format: 'z', length: 'llvar', max_length: 37 },
  { number: 37, name: 'Retrieval reference number', format: 'an', length: 'fixed', max_length: 12 },
  { number: 38, name: 'Approval code', format: 'an', length: 'fixed', max_length: 6 },
  { number: 39, name: 'Response code', format: 'an', length: 'fixed', max_length: 2 },
  { number: 41, name: 'Card acceptor terminal identification', format: 'ans', length: 'fixed', max_length: 8 },
  { number: 42, name: 'Card acceptor identification code', format: 'ans', length: 'fixed', max_length: 15 },
  { number: 43, name: 'Card acceptor name and location', format: 'ans', length: 'fixed', max_length: 40 },
  { number: 49, name: 'Currency code, transaction', format: 'n', length: 'fixed', max_length: 3 },
  { number: 52, name: 'PIN data', format: 'b', length: 'fixed', max_length: 8 },
  { number: 54, name: 'Additional amounts', format: 'an', length: 'lllvar', max_length: 120 },
  { number: 64, name: 'Message authentication code', format: 'b', length: 'fixed', max_length: 8 },
  { number: 70, name: 'Network management information code', format: 'n', length: 'fixed', max_length: 3 },
  { number: 90, name: 'Original data elements', format: 'n', length: 'fixed', max_length: 42 },
  { number: 95, name: 'Replacement amounts', format: 'an', length: 'fixed', max_length: 42 },
  { number: 102, name: 'Account identification 1', format: 'ans', length: 'llvar', max_length: 28 },
  { number: 103, name: 'Account identification 2', format: 'ans', length: 'llvar', max_length: 28 },
  { number: 128, name: 'Message authentication code', format: 'b', length: 'fixed', max_length: 8 },
]

export const field_specs: ReadonlyMap<number, FieldSpec> = new Map(specs.map((spec) => [spec.number, Object.freeze(spec)]))

// The codec relies on these: a prefix can state the length, bytes are fixed-length, and
// field 1 and 65 are bitmap indicators (secondary, tertiary), never data fields here.
for (const spec of field_specs.values()) {
  const prefix_max = spec.length === 'llvar' ? 99 : spec.length === 'lllvar' ? 999 : Infinity
  const ok =
    Number.isInteger(spec.number) && spec.number >= 2 && spec.number <= 128 && spec.number !== 65 &&
    Number.isInteger(spec.max_length) && spec.max_length >= 1 && spec.max_length <= prefix_max &&
    (spec.format !== 'b' || spec.length === 'fixed')
  if (!ok) throw new Error(`field table: field ${spec.number} is not a field the codec can carry`)
}
