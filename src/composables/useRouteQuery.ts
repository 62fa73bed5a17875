import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

function normalise(query: LocationQueryRaw | LocationQuery): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)] as const)
    .sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify(entries)
}

/**
 * Typed state kept in the URL query: a link reproduces it, back/forward and reload keep it.
 * `update` pushes a history entry (or replaces it) only when the query really changes.
 */
export function useRouteQuery<T extends object>(parse: (query: LocationQuery) => T, serialize: (state: T) => LocationQueryRaw) {
  const route = useRoute()
  const router = useRouter()
  const state = computed(() => parse(route.query))

  async function update(patch: Partial<T>, options: { replace?: boolean } = {}) {
    const query = serialize({ ...state.value, ...patch })
    if (normalise(query) === normalise(route.query))
      return
    const target = { path: route.path, query }
    await (options.replace ? router.replace(target) : router.push(target))
  }

  return { state, update }
}
