/**
 * A CSS string literal for any text, for the page's margin boxes (`content:
 * var(--print-banner)`). The text comes from settings and user names, so quotes,
 * backslashes and line breaks are escaped as code points rather than trusted.
 */
export function cssString(text: string): string {
  const escaped = [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (ch === '"' || ch === '\\' || code < 0x20 || code === 0x7f) return `\\${code.toString(16)} `;
      return ch;
    })
    .join('');
  return `"${escaped}"`;
}

/** "2026-11-20 10:00 UTC": printed on every page; UTC so that copies from different workstations compare. */
export function printedAt(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
