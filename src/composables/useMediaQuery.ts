import type { Ref } from 'vue'
import { onBeforeUnmount, ref } from 'vue'

/** Whether a media query matches, kept up to date while the calling component lives. */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const media = typeof matchMedia === 'function' ? matchMedia(query) : null
  const matches = ref(media?.matches ?? false)
  const onChange = (event: MediaQueryListEvent) => {
    matches.value = event.matches
  }
  media?.addEventListener('change', onChange)
  onBeforeUnmount(() => media?.removeEventListener('change', onChange))
  return matches
}
