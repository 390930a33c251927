// The CSV files the platform hands out: what Excel, LibreOffice and scripts all read the same way.

const BOM = '\uFEFF';

/** One field per RFC 4180: quoted when it holds a separator, a quote or a line break (quotes doubled). */
function field(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: UTF-8 with a byte order mark (so that Excel reads accents), `,` between fields and
 * CRLF between records, as RFC 4180 says.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
