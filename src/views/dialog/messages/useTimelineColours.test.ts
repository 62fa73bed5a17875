import { describe, expect, it } from 'vitest'
import { isDarkColour } from './useTimelineColours'

describe('isDarkColour', () => {
  it('tells the dark theme\'s page colour from the light one\'s', () => {
    expect(isDarkColour('#101014')).toBe(true)
    expect(isDarkColour('#fff')).toBe(false)
    expect(isDarkColour('#ffffff')).toBe(false)
    expect(isDarkColour('rgb(16, 16, 20)')).toBe(true)
    expect(isDarkColour('rgba(250, 250, 252, 1)')).toBe(false)
  })
})
