// Several statements shown as one paragraph: each ends with a full stop, so none reads "assumed.; Not…".
export function asSentences(items: readonly string[]): string {
  return items
    .map((s) => s.trim())
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`))
    .join(' ');
}
