import type { GlobalTheme } from 'naive-ui'
import { computed, ref, shallowRef, watch } from 'vue'
import { darkOverrides, lightOverrides } from '@/theme/overrides'

export type ThemeChoice = 'light' | 'dark' | 'system'

const STORAGE_KEY = 'dialog-desk.theme'

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system'
  }
  catch {
    return 'system'
  }
}

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
const choice = ref<ThemeChoice>(readChoice())
const systemDark = ref(media?.matches ?? false)
media?.addEventListener('change', (event) => {
  systemDark.value = event.matches
})
const darkTheme = shallowRef<GlobalTheme | null>(null)
const isDark = computed(() => choice.value === 'dark' || (choice.value === 'system' && systemDark.value))

watch(isDark, async (dark) => {
  if (dark && !darkTheme.value)
    darkTheme.value = (await import('@/theme/dark')).darkTheme
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  document.documentElement.classList.toggle('dark', dark)
}, { immediate: true })

watch(choice, (value) => {
  try {
    localStorage.setItem(STORAGE_KEY, value)
  }
  catch {
    // The choice then lasts for this visit only.
  }
})

/** Light, dark or system theme; the choice (never anything secret) persists on this device. */
export function useTheme() {
  const naiveTheme = computed(() => isDark.value ? darkTheme.value : null)
  const overrides = computed(() => isDark.value && darkTheme.value ? darkOverrides : lightOverrides)
  return { choice, isDark, naiveTheme, overrides }
}
