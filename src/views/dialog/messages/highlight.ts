/** A piece of a text: a match of the search words or the text between matches. */
export interface TextPart {
  text: string
  match: boolean
}

/**
 * Splits `text` around every case-insensitive occurrence of `query`, as the server's
 * `message[ctn]` matches it, so matches can be marked with elements (never with HTML from the
 * text). A regular expression with the `iu` flags compares the way the server does without the
 * length changes `toLowerCase` makes to some letters.
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const needle = query.trim()
  if (!needle || !text)
    return text ? [{ text, match: false }] : []
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
  const parts: TextPart[] = []
  let last = 0
  for (const found of text.matchAll(pattern)) {
    const start = found.index
    if (start > last)
      parts.push({ text: text.slice(last, start), match: false })
    parts.push({ text: found[0], match: true })
    last = start + found[0].length
  }
  if (last < text.length)
    parts.push({ text: text.slice(last), match: false })
  return parts
}
