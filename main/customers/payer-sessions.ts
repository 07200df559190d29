import type { Database, Statement } from 'better-sqlite3'
import type { Clock } from '../clock'
import { hmacHex, randomToken, sha256Hex, unknown_user_hash, verifyPassword } from '../security/secrets'
import { customerByPayerId, type CustomerRow } from './customers'

/** A payer token lives this long: one login for a shopping session at every merchant. */
export const payer_session_ttl_ms = 30 * 60 * 1000

export interface PayerSession {
  /** Handed to merchants with each purchase; good for purchases only. */
  payer_token: string
  /** The payer's own: balances and moves between their accounts. Never given to a merchant. */
  account_token: string
  expires_at: string
}

export type PayerTokenScope = 'purchase' | 'account'

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
       WHERE s.token_sha256 = ? AND s.scope = ? AND s.expires_at > ?`,
    )
  }

  /** Null for an unknown payer id or a wrong password: the caller cannot tell which. */
  login(payer_id: string, password: string): PayerSession | null {
    const customer = customerByPayerId(this.db, payer_id)
    const ok = verifyPassword(password, customer?.password_hash ?? unknown_user_hash)
    if (!customer || !ok) return null
    return this.issue(customer.id, payer_session_ttl_ms)
  }

  /**
   * A session for a customer already known to be who they say: after login's password check,
   * or for the demo bank's simulated past, whose payers shop for weeks without signing in again.
   */
  issue(customer_id: number, ttl_ms: number): PayerSession {
    const payer_token = `pt_${randomToken(24)}`
    const account_token = `pa_${randomToken(24)}`
    const now = this.clock.now()
    const expires_at = new Date(now.getTime() + ttl_ms).toISOString()
    const insert = this.db.prepare('INSERT INTO payer_sessions (token_sha256, customer_id, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    this.db.transaction(() => {
      insert.run(sha256Hex(payer_token), customer_id, 'purchase', now.toISOString(), expires_at)
      insert.run(sha256Hex(account_token), customer_id, 'account', now.toISOString(), expires_at)
    })()
    return { payer_token, account_token, expires_at }
  }

  /** The customer behind a live token of that scope, or undefined if it is unknown, expired or of the other scope. */
  resolve(token: string, scope: PayerTokenScope): CustomerRow | undefined {
    return this.select.get(sha256Hex(token), scope, this.clock.now().toISOString()) as CustomerRow | undefined
  }

  /** The name a merchant knows this payer by: stable per merchant, meaningless elsewhere. */
  pseudonym(customer_id: number, merchant_id: number): string {
    return `payer_${hmacHex(this.host_secret, `${customer_id}:${merchant_id}`).slice(0, 20)}`
  }
}
