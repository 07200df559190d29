import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Passwords are stored as scrypt hashes with a per-password salt (node:crypto, no extra
 * dependency). The parameters travel in the stored string so they can be raised later.
 */
const scrypt_n = 16384
const scrypt_r = 8
const scrypt_p = 1
const scrypt_key_bytes = 32

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(password, salt, scrypt_key_bytes, { N: scrypt_n, r: scrypt_r, p: scrypt_p })
  return `scrypt$${scrypt_n}$${scrypt_r}$${scrypt_p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string]
  const expected = Buffer.from(key, 'base64')
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(actual, expected)
}

/** A fake hash to verify against when a login name is unknown, so timing does not tell. */
export const unknown_user_hash = hashPassword(randomBytes(16).toString('hex'))

/** A long random secret for tokens and API keys (URL-safe). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex')
}
