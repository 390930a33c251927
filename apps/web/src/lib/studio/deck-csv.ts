import Papa from 'papaparse';
import type { VocabularySpec } from '@tremplin/content';

type VocabularyCard = VocabularySpec['cards'][number];

/**
 * A vocabulary deck file read in the browser, the same format `packages/content` reads from a module
 * folder: UTF-8 (with or without BOM), `,` or `;`, quoted fields, the header
 * `id,term,gloss,example,tags,audio` (tags and audio optional, tags split on `|`). Every wrong row is
 * reported with its line before anything is added to the table.
 */

export const DECK_COLUMNS = ['id', 'term', 'gloss', 'example', 'tags', 'audio'] as const;
const REQUIRED = ['id', 'term', 'gloss', 'example'] as const;
const ID = /^[A-Za-z0-9_-]+$/;

export type DeckRowError =
  | { line: number; kind: 'unknownColumn' | 'missingColumn'; column: string }
  | { line: number; kind: 'emptyCells'; columns: string[] }
  | { line: number; kind: 'badId'; id: string }
  | { line: number; kind: 'duplicateId'; id: string }
  | { line: number; kind: 'syntax'; message: string }
  | { line: number; kind: 'empty' };

export interface ParsedDeck {
  cards: VocabularyCard[];
  errors: DeckRowError[];
}

/** The delimiter of a deck: the one of `;` and `,` that its header line holds more of. */
export function deckDelimiter(text: string): ',' | ';' {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * The cards of a deck, and an error per wrong row (1-based lines, the header is line 1). `existingIds`
 * are the ids already in the table: a card that would repeat one is an error, not a silent overwrite.
 */
export function parseDeckCsv(text: string, existingIds: Iterable<string> = []): ParsedDeck {
  const source = text.replace(/^\uFEFF/, '');
  const errors: DeckRowError[] = [];
  const parsed = Papa.parse<string[]>(source, {
    delimiter: deckDelimiter(source),
    skipEmptyLines: 'greedy',
  });
  for (const error of parsed.errors) {
    // A row with fewer cells than the header is fine (tags and audio are optional).
    if (error.type === 'FieldMismatch') continue;
    errors.push({ line: (error.row ?? 0) + 1, kind: 'syntax', message: error.message });
  }
  const [header, ...rows] = parsed.data;
  if (!header || header.every((cell) => !cell.trim())) {
    return { cards: [], errors: [...errors, { line: 1, kind: 'empty' }] };
  }
  const columns = header.map((cell) => cell.trim().toLowerCase());
  for (const column of columns) {
    if (!(DECK_COLUMNS as readonly string[]).includes(column))
      errors.push({ line: 1, kind: 'unknownColumn', column });
  }
  for (const column of REQUIRED) {
    if (!columns.includes(column)) errors.push({ line: 1, kind: 'missingColumn', column });
  }
  if (errors.some((e) => e.line === 1)) return { cards: [], errors };

  const seen = new Set(existingIds);
  const cards: VocabularyCard[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const cell = (name: string) => (row[columns.indexOf(name)] ?? '').trim();
    const empty = REQUIRED.filter((name) => !cell(name));
    if (empty.length > 0) {
      errors.push({ line, kind: 'emptyCells', columns: [...empty] });
      return;
    }
    const id = cell('id');
    if (!ID.test(id)) {
      errors.push({ line, kind: 'badId', id });
      return;
    }
    if (seen.has(id)) {
      errors.push({ line, kind: 'duplicateId', id });
      return;
    }
    seen.add(id);
    const tags = cell('tags')
      .split('|')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const audio = cell('audio');
    cards.push({
      id,
      term: cell('term'),
      gloss: cell('gloss'),
      example: cell('example'),
      ...(tags.length > 0 ? { tags } : {}),
      ...(audio ? { audio } : {}),
    });
  });
  return { cards, errors };
}
