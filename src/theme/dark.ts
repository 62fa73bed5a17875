// Its own module so the dark theme is a lazy chunk, loaded only when chosen.
export { darkTheme } from 'naive-ui'
