// CSV out as the brief fixes it: UTF-8 with a BOM (spreadsheets then read the accents), `,` between
// fields, RFC 4180 quoting, CRLF. A local copy of the shared helper (packages/db/src/csv.ts), to be
// unified at merge; it also keeps a text from being read as a formula by a spreadsheet.
export function toCsv(header: string[], rows: string[][]): string {
  return '\uFEFF' + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
