import { describe, expect, it } from 'vitest';
import { deckDelimiter, parseDeckCsv } from './deck-csv.ts';

describe('vocabulary deck CSV', () => {
  it('reads a comma deck with tags and audio', () => {
    const csv =
      'id,term,gloss,example,tags,audio\n' +
      'commit,commit,validation (de modifications),"I made a commit, then pushed it.",git|base,a commit\n' +
      'branch,branch,branche,Create a branch for each feature.\n';
    const { cards, errors } = parseDeckCsv(csv);
    expect(errors).toEqual([]);
    expect(cards).toEqual([
      {
        id: 'commit',
        term: 'commit',
        gloss: 'validation (de modifications)',
        example: 'I made a commit, then pushed it.',
        tags: ['git', 'base'],
        audio: 'a commit',
      },
      { id: 'branch', term: 'branch', gloss: 'branche', example: 'Create a branch for each feature.' },
    ]);
  });

  it('reads a semicolon deck (a French spreadsheet) with a BOM and CRLF lines', () => {
    const csv = '\uFEFFid;term;gloss;example\r\nbug;bug;bogue, anomalie;There is a bug.\r\n\r\n';
    expect(deckDelimiter(csv)).toBe(';');
    const { cards, errors } = parseDeckCsv(csv);
    expect(errors).toEqual([]);
    expect(cards).toEqual([{ id: 'bug', term: 'bug', gloss: 'bogue, anomalie', example: 'There is a bug.' }]);
  });

  it('reports each wrong row with its line and keeps the good ones', () => {
    const csv = [
      'id,term,gloss,example',
      'ok,deploy,déployer,We deploy on Friday.',
      'empty,,,',
      'bad id,merge,fusionner,Merge it.',
      'ok,deploy,déployer,Again.',
      'old,server,serveur,The server is down.',
    ].join('\n');
    const { cards, errors } = parseDeckCsv(csv, ['old']);
    expect(cards.map((c) => c.id)).toEqual(['ok']);
    expect(errors).toEqual([
      { line: 3, kind: 'emptyCells', columns: ['term', 'gloss', 'example'] },
      { line: 4, kind: 'badId', id: 'bad id' },
      { line: 5, kind: 'duplicateId', id: 'ok' },
      { line: 6, kind: 'duplicateId', id: 'old' },
    ]);
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    const { cards, errors } = parseDeckCsv('id,word,gloss\nx,y,z\n');
    expect(cards).toEqual([]);
    expect(errors).toEqual([
      { line: 1, kind: 'unknownColumn', column: 'word' },
      { line: 1, kind: 'missingColumn', column: 'term' },
      { line: 1, kind: 'missingColumn', column: 'example' },
    ]);
  });

  it('says an empty file is empty', () => {
    expect(parseDeckCsv('').errors).toEqual([{ line: 1, kind: 'empty' }]);
  });
});
