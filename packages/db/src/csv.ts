// The CSV files the platform hands out: what Excel, LibreOffice and scripts all read the same way.

const BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * One field per RFC 4180: quoted when it holds a separator, a quote or a line break (quotes doubled).
 * A text that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, a tab) gets a leading apostrophe,
 * so that a spreadsheet shows what a person typed instead of running it; numbers stay numbers.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: UTF-8 with a byte order mark (so that Excel reads accents), `,` between fields and
 * CRLF between records, as RFC 4180 says.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
