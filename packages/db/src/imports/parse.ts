// Reading an uploaded CSV file: whatever a spreadsheet exported (Excel's `;` in French, `,` elsewhere,
// a byte order mark or not, CRLF or LF, quoted fields) into trimmed cells with their file line.
import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** The file line the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: ';' | ',';
  header: CsvRecord;
  records: CsvRecord[];
}

/** Why a file cannot be read at all (each has a message in imports/messages.ts). */
export class CsvReadError extends Error {
  readonly code: 'not-utf8' | 'empty-file' | 'malformed-csv';
  readonly line: number | null;
  constructor(code: 'not-utf8' | 'empty-file' | 'malformed-csv', line: number | null = null) {
    super(code);
    this.code = code;
    this.line = line;
  }
}

/**
 * The bytes as UTF-8 text (a byte order mark dropped); anything else (Latin-1, UTF-16) is refused.
 * A NUL byte is refused too: UTF-16 without a byte order mark decodes as valid UTF-8 full of them,
 * and no text file holds one (nor can PostgreSQL store it).
 */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvReadError('not-utf8');
  }
  if (text.includes('\u0000')) throw new CsvReadError('not-utf8');
  return text;
}

/** `;` when the header line holds more semicolons than commas (a French spreadsheet), else `,`. */
export function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Parses the text with csv-parse: cells trimmed and in NFC (a name typed with a combining accent
 * matches the same name typed precomposed), blank lines skipped, rows of any length kept (the
 * checks say which field is missing).
 */
export function parseCsv(text: string): ParsedCsv {
  const normalized = text.replace(/^\uFEFF/, '').normalize('NFC');
  if (normalized.trim() === '') throw new CsvReadError('empty-file', 1);
  const delimiter = detectDelimiter(normalized);
  const bytes = Buffer.from(normalized, 'utf8');
  let parsed: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    parsed = parse(bytes, {
      delimiter,
      info: true,
      trim: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvReadError('malformed-csv', typeof line === 'number' ? line : null);
  }
  // csv-parse tells where each record ends (in bytes): the next one starts at the first byte after
  // that which is not a line break, and its line is one more than the line feeds before it.
  const records: CsvRecord[] = [];
  let offset = 0;
  let line = 1;
  for (const { record, info } of parsed) {
    while (offset < bytes.length && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) {
      if (bytes[offset] === 0x0a) line += 1;
      offset += 1;
    }
    const start = line;
    for (; offset < info.bytes; offset += 1) if (bytes[offset] === 0x0a) line += 1;
    // A line of spaces or of bare separators is blank too.
    if (record.every((cell) => cell === '')) continue;
    records.push({ line: start, cells: record });
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvReadError('empty-file', 1);
  return { delimiter, header, records: rows };
}
