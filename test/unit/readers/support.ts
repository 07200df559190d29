/** Shared by the driver and transcript tests: fixture loading and event collection. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readTranscript, type Transcript } from '../../../devices/readers/transcript'
import type { OpenReader, Swipe, SwipeError, ReaderDisconnect } from '../../../devices/readers/reader'

export const fixtures_dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/readers')

export function fixture(name: string): Promise<Transcript> {
  return readTranscript(path.join(fixtures_dir, name))
}

export interface Collected {
  swipes: Swipe[]
  errors: SwipeError[]
  disconnects: ReaderDisconnect[]
}

/** Everything an open reader emits, in arrays a test can assert on. */
export function collect(reader: OpenReader): Collected {
  const collected: Collected = { swipes: [], errors: [], disconnects: [] }
  reader.on('swipe', (swipe) => collected.swipes.push(swipe))
  reader.on('swipe_error', (error) => collected.errors.push(error))
  reader.on('disconnect', (disconnect) => collected.disconnects.push(disconnect))
  return collected
}

/** A short view of outcomes: the PAN of each swipe, the reason of each error, 'disconnect'. */
export function outcomes(collected: Collected): { swipes: string[]; errors: string[]; disconnects: number } {
  return { swipes: collected.swipes.map((swipe) => swipe.pan), errors: collected.errors.map((error) => error.reason), disconnects: collected.disconnects.length }
}
