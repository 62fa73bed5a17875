import type { TimeZoneChoice } from '@/domain/format'
import { useLocalStorage } from '@vueuse/core'
import { setTimeZoneSource, timeZoneName } from '@/domain/format'

/** Where the choice is kept on this device (not a secret); other tabs follow a change. */
export const TIME_ZONE_STORAGE_KEY = 'dialog-desk.time-zone'

const choice = useLocalStorage<TimeZoneChoice>(TIME_ZONE_STORAGE_KEY, 'local', { writeDefaults: false })

// format.ts reads the zone through this getter, so every time on screen follows the switch.
setTimeZoneSource(() => (choice.value === 'utc' ? 'utc' : 'local'))

/** The zone times are shown in: the person's own (default) or UTC, remembered on this device. */
export function useTimeZone() {
  return { choice, name: (zone: TimeZoneChoice = choice.value === 'utc' ? 'utc' : 'local') => timeZoneName(zone) }
}
