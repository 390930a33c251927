// Vocabulary decks as CSV files (what a spreadsheet saves): UTF-8 with or without BOM, `,` or `;`,
// quoted fields, the header `id,term,gloss,example,tags,audio` (tags and audio optional, tags split on `|`).
import { parse } from 'csv-parse/sync';
import type { Problem } from './problems.ts';
import type { VocabularyCard } from './schema.ts';

export const DECK_COLUMNS = ['id', 'term', 'gloss', 'example', 'tags', 'audio'] as const;
const REQUIRED = ['id', 'term', 'gloss', 'example'] as const;

/** The delimiter of a deck: the one of `;` and `,` that its header line holds more of. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** The cards of a deck file, and a problem (with its line) for each row or column that is wrong. */
export function parseDeck(text: string, file: string): { cards: VocabularyCard[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (message: string, line?: number) =>
    problems.push({ path: '', file, ...(line !== undefined ? { line } : {}), message });
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    report(`not a valid CSV file: ${err.message}`, err.lines);
    return { cards: [], problems };
  }
  const [header, ...body] = rows;
  if (!header) {
    report('the deck is empty: a header line `id,term,gloss,example,tags,audio` is required', 1);
    return { cards: [], problems };
  }
  const columns = header.map((h) => h.toLowerCase());
  for (const name of columns) {
    if (!(DECK_COLUMNS as readonly string[]).includes(name)) {
      report(`unknown column "${name}" (columns: ${DECK_COLUMNS.join(', ')})`, 1);
    }
  }
  for (const name of REQUIRED) if (!columns.includes(name)) report(`missing column "${name}"`, 1);
  if (problems.length > 0) return { cards: [], problems };
  const cards: VocabularyCard[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const cell = (name: string) => row[columns.indexOf(name)] ?? '';
    const missing = REQUIRED.filter((name) => !cell(name));
    if (missing.length > 0) {
      report(`empty ${missing.map((m) => `"${m}"`).join(', ')}`, line);
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
  });
  return { cards, problems };
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
