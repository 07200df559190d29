import type { Database, Statement } from 'better-sqlite3'
import type { Clock } from '../clock'
import { hmacHex, randomToken, sha256Hex, unknown_user_hash, verifyPassword } from '../security/secrets'
import { customerByPayerId, type CustomerRow } from './customers'

/** A payer token lives this long: one login for a shopping session at every merchant. */
export const payer_session_ttl_ms = 30 * 60 * 1000

export interface PayerSession {
  payer_token: string
  expires_at: string
}

/**
 * The payer's one login that works at every merchant (seed 003 claims 13 and 26). The
 * token is a bearer secret stored only as a hash; merchants see a pseudonym instead of
 * who the payer is, a different one per merchant so two merchants cannot link a payer.
 */
export class PayerSessions {
  private readonly select: Statement

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly host_secret: string,
  ) {
    this.select = db.prepare(
      `SELECT c.* FROM payer_sessions s JOIN customers c ON c.id = s.customer_id
       WHERE s.token_sha256 = ? AND s.expires_at > ?`,
    )
  }

  /** Null for an unknown payer id or a wrong password: the caller cannot tell which. */
  login(payer_id: string, password: string): PayerSession | null {
    const customer = customerByPayerId(this.db, payer_id)
    const ok = verifyPassword(password, customer?.password_hash ?? unknown_user_hash)
    if (!customer || !ok) return null
    const payer_token = `pt_${randomToken(24)}`
    const now = this.clock.now()
    const expires_at = new Date(now.getTime() + payer_session_ttl_ms).toISOString()
    this.db
      .prepare('INSERT INTO payer_sessions (token_sha256, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(sha256Hex(payer_token), customer.id, now.toISOString(), expires_at)
    return { payer_token, expires_at }
  }

  /** The customer behind a live token, or undefined if it is unknown or expired. */
  resolve(payer_token: string): CustomerRow | undefined {
    return this.select.get(sha256Hex(payer_token), this.clock.now().toISOString()) as CustomerRow | undefined
  }

  /** The name a merchant knows this payer by: stable per merchant, meaningless elsewhere. */
  pseudonym(customer_id: number, merchant_id: number): string {
    return `payer_${hmacHex(this.host_secret, `${customer_id}:${merchant_id}`).slice(0, 20)}`
  }
}
