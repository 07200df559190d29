/**
 * Splits an amount of minor units by ratios without losing or inventing a unit, the way
 * dinero.js `allocate` does: each share is the floor of its exact part, and the units left
 * over go one each to the shares in order. The shares always sum to the amount.
 *
 * Written here rather than taken from dinero.js because the ledger keeps amounts as plain
 * integers with a separate currency column; wrapping and unwrapping Dinero objects on the
 * settlement and billing paths would buy nothing but a dependency.
 */
export function allocate(amount_minor: number, ratios: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount_minor)) throw new RangeError(`allocate: not an integer amount: ${amount_minor}`)
  if (ratios.length === 0) throw new RangeError('allocate: at least one ratio')
  for (const ratio of ratios) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) throw new RangeError(`allocate: ratios are whole numbers >= 0, got ${ratio}`)
  }
  const total = ratios.reduce((sum, r) => sum + r, 0)
  if (total === 0) throw new RangeError('allocate: the ratios sum to zero')
  const sign = amount_minor < 0 ? -1 : 1
  const magnitude = BigInt(Math.abs(amount_minor))
  // BigInt: amount × ratio can pass 2^53 for large amounts and basis-point ratios.
  const shares = ratios.map((r) => (magnitude * BigInt(r)) / BigInt(total))
  let left = magnitude - shares.reduce((sum, s) => sum + s, 0n)
  for (let i = 0; left > 0n; i = (i + 1) % shares.length) {
    if (ratios[i] === 0) continue
    shares[i] = (shares[i] ?? 0n) + 1n
    left -= 1n
  }
  return shares.map((s) => (s === 0n ? 0 : sign * Number(s)))
}

/** The basis-point part of an amount (1 bp = 0.01 %), rounded down: 12345 at 250 bp is 308. */
export function basisPointsOf(amount_minor: number, bps: number): number {
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`basis points run 0 to 10000, got ${bps}`)
  if (bps === 0 || amount_minor === 0) return 0
  if (bps === 10_000) return amount_minor
  // The unit a split leaves over goes to the first share: the merchant's, so the SP's part is the floor.
  const [, part] = allocate(amount_minor, [10_000 - bps, bps])
  return part ?? 0
}
