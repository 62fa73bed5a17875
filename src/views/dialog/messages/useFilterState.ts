import type { FilterKey, MessagesUrlState } from './messagesQuery'
import { computed, ref, watch } from 'vue'
import { useDebouncedFn } from '@/composables/useDebouncedFn'
import { useRouteQuery } from '@/composables/useRouteQuery'
import { useUsersStore } from '@/stores/users'
import { EMPTY_STATE, filterChips, hasFilters, parseMessagesState, serializeMessagesState, toMessageFilters } from './messagesQuery'

/**
 * The Messages tab's filters, kept in the URL: the search box (sent after a pause), the chips of
 * what is active, removing one or all. Changing a filter leaves a link to one message behind.
 */
export function useFilterState() {
  const users = useUsersStore()
  const { state, update } = useRouteQuery<MessagesUrlState>(parseMessagesState, serializeMessagesState)
  const filters = computed(() => toMessageFilters(state.value))
  const filtered = computed(() => hasFilters(state.value))
  const chips = computed(() => filterChips(state.value, users.nameOf))

  const textDraft = ref(state.value.text)
  watch(() => state.value.text, v => textDraft.value = v)
  const pushText = useDebouncedFn(() => void update({ text: textDraft.value.trim(), message: null }), 400)

  function patch(changes: Partial<MessagesUrlState>) {
    void update({ ...changes, message: null })
  }

  function removeChip(key: FilterKey) {
    if (key === 'text') {
      pushText.cancel()
      textDraft.value = ''
    }
    patch({ [key]: key === 'text' ? '' : null })
  }

  function clearFilters() {
    pushText.cancel()
    textDraft.value = ''
    void update({ ...EMPTY_STATE })
  }

  return { state, filters, filtered, chips, textDraft, pushText, patch, removeChip, clearFilters }
}
