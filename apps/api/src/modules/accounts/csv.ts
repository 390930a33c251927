// CSV for spreadsheets: UTF-8 with a byte order mark (so that Excel reads accents), `,` between
// fields, quoted per RFC 4180. (A copy of the shared helper of packages/db, unified at merge.)
type Cell = string | number | boolean | null | undefined;

const quote = (cell: Cell): string => {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}
