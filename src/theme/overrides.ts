import type { GlobalThemeOverrides } from 'naive-ui'

// naive-ui's default green fails WCAG contrast with white text; this blue passes (≥ 4.5:1).
export const lightOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#1f5fc4',
    primaryColorHover: '#2a6fdb',
    primaryColorPressed: '#174a99',
    primaryColorSuppl: '#2a6fdb',
    textColor3: '#5f6670',
    placeholderColor: '#6b7280',
  },
}

export const darkOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#7fb0ff',
    primaryColorHover: '#9cc2ff',
    primaryColorPressed: '#5f95ea',
    primaryColorSuppl: '#7fb0ff',
    textColor3: 'rgba(255, 255, 255, 0.62)',
    placeholderColor: 'rgba(255, 255, 255, 0.55)',
  },
}
