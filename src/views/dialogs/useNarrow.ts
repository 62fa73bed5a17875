import { onScopeDispose, ref } from 'vue'

/** Whether the window is narrower than 768 px (the list shows cards), kept up to date. */
export function useNarrow() {
  const query = window.matchMedia('(max-width: 767px)')
  const narrow = ref(query.matches)
  const onChange = (event: MediaQueryListEvent) => narrow.value = event.matches
  query.addEventListener('change', onChange)
  onScopeDispose(() => query.removeEventListener('change', onChange))
  return narrow
}
