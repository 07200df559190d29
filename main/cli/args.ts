/** Reads a port argument, failing with a sentence rather than a stack trace. */
export function portArg(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`not a port number: ${text} (use 0 to 65535)`)
    process.exit(2)
  }
  return port
}

/** Prints a one-line error for an operator and exits; the full error only with DEBUG set. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`centavo: ${message}`)
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack)
  process.exit(1)
}
