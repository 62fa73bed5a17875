import type { TimeZoneChoice } from '@/domain/format'
import { ref, watch } from 'vue'
import { setTimeZoneSource, timeZoneName } from '@/domain/format'

/** Where the choice is kept on this device (not a secret). */
export const TIME_ZONE_STORAGE_KEY = 'dialog-desk.time-zone'

function read(value: string | null): TimeZoneChoice {
  return value === 'utc' ? 'utc' : 'local'
}

function stored(): TimeZoneChoice {
  try {
    return read(localStorage.getItem(TIME_ZONE_STORAGE_KEY))
  }
  catch {
    return 'local'
  }
}

const choice = ref<TimeZoneChoice>(stored())

watch(choice, (value) => {
  try {
    if (value === 'local')
      localStorage.removeItem(TIME_ZONE_STORAGE_KEY)
    else
      localStorage.setItem(TIME_ZONE_STORAGE_KEY, value)
  }
  catch {
    // The choice then lasts for this visit only.
  }
})

// Another tab switched: this one follows, so two tabs never show one time two ways.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === TIME_ZONE_STORAGE_KEY)
      choice.value = read(event.newValue)
  })
}

// format.ts reads the zone through this getter, so every time on screen follows the switch.
setTimeZoneSource(() => choice.value)

/** The zone times are shown in: the person's own (default) or UTC, remembered on this device. */
export function useTimeZone() {
  return { choice, name: (zone: TimeZoneChoice = choice.value) => timeZoneName(zone) }
}
