import { useThemeVars } from 'naive-ui'
import { computed } from 'vue'

/** Whether a CSS colour (`#rrggbb` or `rgb(…)`) is dark: the theme's own page colour tells which theme is on. */
export function isDarkColour(colour: string): boolean {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})/i.exec(colour)
  const [r = 255, g = 255, b = 255] = hex ? hex.slice(1, 4).map(h => Number.parseInt(h, 16)) : (colour.match(/\d+(?:\.\d+)?/g) ?? []).map(Number)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128
}

/** The Messages tab's colours as CSS variables, from the naive-ui theme, readable in both themes. */
export function useTimelineColours() {
  const theme = useThemeVars()
  return computed(() => {
    const t = theme.value
    const dark = isDarkColour(t.bodyColor)
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
