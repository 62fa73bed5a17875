import type { LocationQuery } from 'vue-router'
import { shallowRef } from 'vue'

/** The list's last URL query, so "Back to dialogs" returns to the same page and filters. */
export const lastListQuery = shallowRef<LocationQuery>({})
