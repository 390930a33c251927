import { describe, expect, it } from 'vitest';
import { formatLome, lomeInputToIso } from './lome.ts';

describe('Lomé time', () => {
  it('reads a form’s date and time as Lomé’s wall clock (UTC+0, no daylight saving)', () => {
    expect(lomeInputToIso('2027-03-31T23:59')).toBe('2027-03-31T23:59:00.000Z');
    expect(lomeInputToIso('2027-07-01T08:00')).toBe('2027-07-01T08:00:00.000Z');
    expect(lomeInputToIso('')).toBeNull();
    expect(lomeInputToIso('2027-02-30T10:00x')).toBeNull();
  });

  it('shows an instant in Lomé time whatever the zone of the browser', () => {
    expect(formatLome('fr', '2027-03-31T23:59:00.000Z')).toContain('31 mars 2027');
    expect(formatLome('fr', '2027-03-31T23:59:00.000Z')).toContain('23:59');
    expect(formatLome('en', '2027-03-31T23:59:00.000Z')).toContain('31 Mar 2027');
  });
});
