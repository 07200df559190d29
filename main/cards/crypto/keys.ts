import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { assertByteLength } from './assert'
import { desEncryptBlock, tdesEncryptBlock } from './des'

/**
 * Keys of the card cryptography: making DES keys, the check value people compare when keys are
 * entered or exchanged, reading configured keys, and keeping keys at rest encrypted under the
 * host's master key.
 */

const des_key_lengths = [8, 16, 24] as const
/** What wrapKey stores: DES keys of each length and AES-256 keys. */
const wrappable_key_lengths = [8, 16, 24, 32] as const
const master_key_bytes = 32
const wrap_version = 'v1'
const gcm_iv_bytes = 12
const gcm_tag_bytes = 16

function oddParityByte(byte: number): number {
  // DES ignores each byte's low bit; by convention it is set so the byte has an odd number
  // of one bits, which lets HSMs and key ceremonies catch a mistyped key component.
  let ones = 0
  for (let bit = 1; bit < 8; bit++) ones += (byte >> bit) & 1
  return (byte & 0xfe) | (ones % 2 === 0 ? 1 : 0)
}

/** The key with each byte's low bit set for odd parity; the key's effective bits are unchanged. */
export function withOddParity(key: Buffer): Buffer {
  assertByteLength(key, 'A DES key', des_key_lengths)
  return Buffer.from(key.map(oddParityByte))
}

export function hasOddParity(key: Buffer): boolean {
  return key.every((byte) => oddParityByte(byte) === byte)
}

/** A fresh double-length triple DES key (16 bytes) with odd parity. */
export function generateDoubleLengthKey(): Buffer {
  return withOddParity(randomBytes(16))
}

/**
 * The key check value banks print beside a key: the key encrypts eight zero bytes and the
 * first three bytes of the result are shown as six uppercase hex digits. It tells two people
 * they hold the same key without either showing it.
 */
export function keyCheckValue(key: Buffer): string {
  assertByteLength(key, 'A DES key', des_key_lengths)
  const zeros = Buffer.alloc(8)
  const result = key.length === 8 ? desEncryptBlock(key, zeros) : tdesEncryptBlock(key, zeros)
  return result.subarray(0, 3).toString('hex').toUpperCase()
}

/** A configured key as 32 or 48 hex digits: a double- or triple-length DES key. */
export function parseHexKey(hex: string): Buffer {
  if (!/^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{48})$/.test(hex)) {
    throw new RangeError(`A configured key must be 32 or 48 hex digits (got ${hex.length} characters).`)
  }
  return Buffer.from(hex, 'hex')
}

/**
 * A wrapped key that cannot be unwrapped: the text was altered, is not a wrapped key, or the
 * master key is not the one that wrapped it. An operating error with a stable id; the message
 * never contains key material.
 */
export class KeyUnwrapError extends Error {
  readonly id = 'key_unwrap_failed'
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options)
    this.name = 'KeyUnwrapError'
  }
}

/**
 * Encrypts a terminal or bank key under the host's master key for storage: AES-256-GCM with a
 * fresh random 12-byte IV, so the same key never wraps to the same text, and a tag, so any
 * change is detected. The version is authenticated too so it cannot be swapped.
 * Output: `v1:<iv base64>:<tag base64>:<ciphertext base64>`.
 */
export function wrapKey(key: Buffer, master_key: Buffer): string {
  assertByteLength(key, 'A key to wrap', wrappable_key_lengths)
  assertByteLength(master_key, 'The master key', [master_key_bytes])
  const iv = randomBytes(gcm_iv_bytes)
  const cipher = createCipheriv('aes-256-gcm', master_key, iv, { authTagLength: gcm_tag_bytes })
  cipher.setAAD(Buffer.from(wrap_version, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()])
  const tag = cipher.getAuthTag()
  return [wrap_version, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':')
}

/**
 * Node's base64 decoder skips characters it does not know and ignores spare bits, so two
 * different texts can decode to the same bytes. Only the canonical spelling is accepted, so
 * that any change to the stored text is an error rather than silently the same key.
 */
function canonicalBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64')
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : null
}

export function unwrapKey(wrapped: string, master_key: Buffer): Buffer {
  assertByteLength(master_key, 'The master key', [master_key_bytes])
  const parts = wrapped.split(':')
  const [version, iv_text, tag_text, ciphertext_text] = parts
  if (parts.length !== 4 || version !== wrap_version) {
    throw new KeyUnwrapError(`The stored key is not a ${wrap_version} wrapped key.`)
  }
  const iv = canonicalBase64(iv_text ?? '')
  const tag = canonicalBase64(tag_text ?? '')
  const ciphertext = canonicalBase64(ciphertext_text ?? '')
  if (
    iv === null ||
    tag === null ||
    ciphertext === null ||
    iv.length !== gcm_iv_bytes ||
    tag.length !== gcm_tag_bytes ||
    !(wrappable_key_lengths as readonly number[]).includes(ciphertext.length)
  ) {
    throw new KeyUnwrapError(`The stored key is not a well-formed ${wrap_version} wrapped key.`)
  }
  const decipher = createDecipheriv('aes-256-gcm', master_key, iv, { authTagLength: gcm_tag_bytes })
  decipher.setAAD(Buffer.from(wrap_version, 'utf8'))
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch (error) {
    throw new KeyUnwrapError('The stored key failed authentication: it was altered, or the master key is not the one that wrapped it.', {
      cause: error,
    })
  }
}
