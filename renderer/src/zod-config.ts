/**
 * Imported first by main.tsx. Zod compiles fast parsers with `new Function`, which the host's
 * Content-Security-Policy forbids (no 'unsafe-eval'); its probe for that fills the console with
 * CSP violation reports. The console never needs the fast path, so it is switched off.
 */
import { config } from 'zod'

config({ jitless: true })
