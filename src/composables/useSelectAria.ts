import type { SelectNodeProps, SelectOption } from 'naive-ui'
import type { ComputedRef } from 'vue'
import { computed, ref, useId } from 'vue'

export interface SelectAria {
  /** For NSelect's `input-props`: a combobox that says whether its list is open and which it is. */
  inputProps: ComputedRef<Record<string, string | undefined>>
  /** For `menu-props`: the menu is a listbox named "Suggestions" (only while it lists options; a name with the control's label in it would match `getByLabel` of the control too). */
  menuProps: ComputedRef<Record<string, string | undefined>>
  /** For `node-props`: each option is an option, selected or not, disabled or not. */
  nodeProps: SelectNodeProps
  /** For `@update:show`. */
  onShow: (open: boolean) => void
}

/**
 * ARIA roles for naive-ui's NSelect, whose menu and options carry none: screen readers then
 * announce a list of options, and tests can find them by role.
 */
export function useSelectAria(options: {
  label: () => string
  inputId?: () => string | undefined
  isSelected: (value: SelectOption['value']) => boolean
  hasOptions: () => boolean
  multiple?: boolean
}): SelectAria {
  const listId = `listbox-${useId()}`
  const open = ref(false)
  const listed = computed(() => open.value && options.hasOptions())
  return {
    inputProps: computed(() => ({
      'id': options.inputId?.(),
      'aria-label': options.label(),
      'role': 'combobox',
      'aria-autocomplete': 'list',
      'aria-haspopup': 'listbox',
      'aria-expanded': String(open.value),
      'aria-controls': listed.value ? listId : undefined,
    })),
    menuProps: computed(() => listed.value
      ? { 'id': listId, 'role': 'listbox', 'aria-label': 'Suggestions', 'aria-multiselectable': options.multiple ? 'true' : undefined }
      : {}),
    nodeProps: option => ({
      'role': 'option',
      'aria-selected': 'value' in option && options.isSelected(option.value as SelectOption['value']) ? 'true' : 'false',
      'aria-disabled': option.disabled ? 'true' : undefined,
    }),
    onShow: (value) => {
      open.value = value
    },
  }
}
