/** Follows location.hash as a parsed Route; navigate() changes it like a link would. */
import { useEffect, useState } from 'react'
import { parseRoute, routeHash, type Route } from './route'

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  return route
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route)
}

/** Goes to a route without leaving the old address in history (for redirects). */
export function replaceRoute(route: Route): void {
  window.location.replace(routeHash(route))
}
