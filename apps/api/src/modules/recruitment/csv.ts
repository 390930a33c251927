// The CSV files the recruitment hands out (a local copy of the shared `toCsv`, unified at merge).

const BOM = '\uFEFF';

/**
 * One field per RFC 4180: quoted when it holds a separator, a quote or a line break (quotes doubled).
 * A text a candidate wrote that starts like a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe,
 * so that a spreadsheet shows it instead of running it.
 */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: UTF-8 with a BOM (Excel reads the accents), `,` between fields, CRLF between records. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
