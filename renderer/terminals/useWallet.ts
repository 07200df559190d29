/** The card wallet's cards (label and masked number only), loaded once per screen. */
import { useEffect, useState } from 'react'
import type { WalletCardView } from '../../devices/terminals/view'
import { getJson } from './api'

export function useWallet(): { cards: WalletCardView[]; error: string | null } {
  const [cards, setCards] = useState<WalletCardView[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    getJson<WalletCardView[]>('/wallet').then(
      (list) => current && setCards(list),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    )
    return () => {
      current = false
    }
  }, [])
  return { cards, error }
}
