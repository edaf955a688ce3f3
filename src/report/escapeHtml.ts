/**
 * Escapes text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'` become
 * character references, so names and comments from data can never open a tag or close an
 * attribute (OWASP XSS prevention, rule 1). O(length).
 *
 * @example
 * escapeHtml('<script>alert("x")</script> & Co') // => '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'
 * escapeHtml("O'Neil") // => 'O&#39;Neil'
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
