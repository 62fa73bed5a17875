import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect } from './fixtures'

/** The body's text colour once a theme's colour transition has ended (contrast is measured after it). */
export const SETTLED_BODY_COLOUR = { light: 'rgb(51, 54, 57)', dark: 'rgba(255, 255, 255, 0.82)' } as const

/** Waits until `theme` is applied and its colour transition has ended. */
export async function themeSettled(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
  await expect(page.locator('body')).toHaveCSS('color', SETTLED_BODY_COLOUR[theme])
}

/**
 * Every axe violation on the whole page (the shell's header, navigation and overlays included), of
 * any impact: axe's default rules plus two it leaves off by default, target size (WCAG 2.2 AA) and
 * the visible label inside the accessible name.
 */
export async function axeViolations(page: Page, options: { disableRules?: string[] } = {}) {
  // Contrast is measured once what fades or slides in (a toast, a drawer) has arrived; endless
  // animations (spinners, skeletons) do not count.
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 5_000 })
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true }, 'label-content-name-mismatch': { enabled: true } } })
    .disableRules(options.disableRules ?? [])
    .analyze()
  return results.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ')) }))
}
