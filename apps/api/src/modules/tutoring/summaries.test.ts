import { describe, expect, it } from 'vitest';
import { csvField } from '@tremplin/db';
import { unionSeconds } from './sessions.service.ts';

describe('unionSeconds', () => {
  it('counts overlapping connections once and clips them to the session', () => {
    const s = (n: number) => n * 1000;
    expect(
      unionSeconds(
        [
          [s(0), s(10)],
          [s(5), s(20)],
          [s(30), s(40)],
        ],
        s(0),
        s(100),
      ),
    ).toBe(30);
    expect(
      unionSeconds(
        [
          [s(-50), s(10)],
          [s(90), s(200)],
        ],
        s(0),
        s(100),
      ),
    ).toBe(20);
    expect(unionSeconds([], 0, s(100))).toBe(0);
  });
});

describe('csvField', () => {
  it('quotes what needs quoting and keeps spreadsheets from running formulas', () => {
    expect(csvField('Kossi Agbeko')).toBe('Kossi Agbeko');
    expect(csvField('Somme, moyenne')).toBe('"Somme, moyenne"');
    expect(csvField('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-0.5')).toBe('-0.5');
  });
});
