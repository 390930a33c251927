// Vocabulary decks as CSV files (what a spreadsheet saves): UTF-8 with or without BOM, `,` or `;`,
// quoted fields, the header `id,term,gloss,example,tags,audio` (tags and audio optional, tags split on `|`).
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from './problems.ts';
import type { ProblemCode, ProblemParams } from './messages.ts';
import type { VocabularyCard } from './schema.ts';

export const DECK_COLUMNS = ['id', 'term', 'gloss', 'example', 'tags', 'audio'] as const;
const REQUIRED = ['id', 'term', 'gloss', 'example'] as const;

/** The delimiter of a deck: the one of `;` and `,` that its header line holds more of. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** A parsed deck: its cards, the 1-based line of each card in the file, and the file's problems. */
export interface ParsedDeck {
  cards: VocabularyCard[];
  lines: number[];
  problems: Problem[];
}

/** The cards of a deck file, and a problem (with its line) for each row or column that is wrong. */
export function parseDeck(text: string, file: string): ParsedDeck {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, params: ProblemParams | undefined, line?: number) =>
    problems.push({ ...problem('', code, params), file, ...(line !== undefined ? { line } : {}) });
  let rows: string[][];
  let rowLines: number[];
  try {
    const records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    rows = records.map((r) => r.record);
    rowLines = records.map((r) => r.info.lines);
  } catch (e) {
    const err = e as { message: string; lines?: number };
    report('deck-csv', { detail: err.message }, err.lines);
    return { cards: [], lines: [], problems };
  }
  const [header, ...body] = rows;
  if (!header) {
    report('deck-empty', undefined, 1);
    return { cards: [], lines: [], problems };
  }
  const columns = header.map((h) => h.toLowerCase());
  for (const name of columns) {
    if (!(DECK_COLUMNS as readonly string[]).includes(name)) {
      report('deck-unknown-column', { name, columns: DECK_COLUMNS.join(', ') }, 1);
    }
  }
  for (const name of REQUIRED) if (!columns.includes(name)) report('deck-missing-column', { name }, 1);
  if (problems.length > 0) return { cards: [], lines: [], problems };
  const cards: VocabularyCard[] = [];
  const lines: number[] = [];
  body.forEach((row, i) => {
    const line = rowLines[i + 1] ?? i + 2;
    const cell = (name: string) => row[columns.indexOf(name)] ?? '';
    const missing = REQUIRED.filter((name) => !cell(name));
    if (missing.length > 0) {
      report(
        'deck-empty-cells',
        { count: missing.length, cells: missing.map((m) => `"${m}"`).join(', ') },
        line,
      );
      return;
    }
    const tags = cell('tags')
      .split('|')
      .map((t) => t.trim())
      .filter(Boolean);
    cards.push({
      id: cell('id'),
      term: cell('term'),
      gloss: cell('gloss'),
      example: cell('example'),
      ...(tags.length > 0 ? { tags } : {}),
      ...(cell('audio') ? { audio: cell('audio') } : {}),
    });
    lines.push(line);
  });
  return { cards, lines, problems };
}

/** A CSV field, quoted when it holds a delimiter, a quote or starts with a space. */
function csvField(value: string): string {
  return /[",;|\s]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The deck file of `cards`, which parseDeck reads back into equal cards; null when a value would not
 * survive the trip (a line break or surrounding spaces, which the reader trims, a `|` in a tag, no tags
 * given as an empty list): such cards stay inline in module.json.
 */
export function writeDeck(cards: VocabularyCard[]): string | null {
  const lines = [DECK_COLUMNS.join(',')];
  for (const c of cards) {
    const values = [c.id, c.term, c.gloss, c.example, ...(c.tags ?? []), c.audio ?? ''];
    if (values.some((v) => /[\r\n]/.test(v) || v !== v.trim())) return null;
    if (c.tags && (c.tags.length === 0 || c.tags.some((t) => t.includes('|') || !t))) return null;
    if (c.audio === '') return null;
    lines.push(
      [c.id, c.term, c.gloss, c.example, (c.tags ?? []).join('|'), c.audio ?? ''].map(csvField).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
