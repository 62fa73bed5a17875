import { useThemeVars } from 'naive-ui'
import { computed } from 'vue'
import { useTheme } from '@/composables/useTheme'

/** The Messages tab's colours as CSS variables, from the naive-ui theme, readable in both themes. */
export function useTimelineColours() {
  const theme = useThemeVars()
  const { isDark } = useTheme()
  return computed(() => {
    const t = theme.value
    const dark = isDark.value
    return {
      '--border': t.dividerColor,
      '--border-strong': t.borderColor,
      '--muted': t.textColor3,
      '--card': t.cardColor,
      '--page-bg': t.bodyColor,
      '--hover': dark ? 'rgba(255, 255, 255, 0.04)' : 'rgba(0, 0, 0, 0.025)',
      '--hover-strong': t.hoverColor,
      '--selected': dark ? 'rgba(127, 176, 255, 0.16)' : 'rgba(31, 95, 196, 0.09)',
      '--linked': dark ? 'rgba(127, 176, 255, 0.12)' : 'rgba(31, 95, 196, 0.06)',
      '--accent-text': t.primaryColor,
      '--on-accent': dark ? '#101014' : '#ffffff',
      '--code-bg': t.actionColor,
      '--input-border': t.borderColor,
      '--input-bg': t.inputColor,
      '--mark-bg': dark ? '#7a5c00' : '#ffe58a',
      '--mark-fg': dark ? '#fff8e0' : '#1f1a00',
      '--danger-text': dark ? '#ff8a8a' : '#c0262d',
      '--danger-bg': '#c0262d',
      '--warning': t.warningColor,
    }
  })
}
