/**
 * The baseline of `npm run bench:pages`: one naive-ui form (the fields and button of a sign-in
 * form), nothing else, built on its own (bench-pages.ts) and served like the app. What the app's
 * screens cost beyond this is the app's own.
 */
import { NButton, NCheckbox, NForm, NFormItem, NInput } from 'naive-ui'
import { createApp, defineComponent, h, reactive } from 'vue'

const BaselineForm = defineComponent({
  setup() {
    const draft = reactive({ apiBase: '/api', apiKey: '', remember: false })
    return () => h('main', { style: 'max-width: 24rem; margin: 4rem auto; padding: 0 1rem; font-family: system-ui, sans-serif' }, [
      h('h1', 'Sign in'),
      h(NForm, { labelPlacement: 'top', onSubmit: (event: Event) => event.preventDefault() }, () => [
        h(NFormItem, { label: 'API base URL' }, () => h(NInput, { 'value': draft.apiBase, 'onUpdate:value': (v: string) => { draft.apiBase = v } })),
        h(NFormItem, { label: 'API key' }, () => h(NInput, { 'type': 'password', 'value': draft.apiKey, 'onUpdate:value': (v: string) => { draft.apiKey = v } })),
        h(NFormItem, { showLabel: false }, () => h(NCheckbox, { 'checked': draft.remember, 'onUpdate:checked': (v: boolean) => { draft.remember = v } }, () => 'Remember on this device')),
        h(NButton, { type: 'primary', attrType: 'submit', block: true }, () => 'Sign in'),
      ]),
    ])
  },
})

createApp(BaselineForm).mount('#app')
