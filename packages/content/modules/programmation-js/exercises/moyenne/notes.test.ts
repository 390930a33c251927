import { describe, expect, test } from '@jest/globals';
import { moyenne } from './notes';

describe('moyenne', () => {
  test('moyenne de trois notes', () => {
    expect(moyenne([12, 14, 16])).toBe(14);
  });

  test('moyenne non entière', () => {
    expect(moyenne([10, 15])).toBe(12.5);
  });

  test('aucune note : null', () => {
    expect(moyenne([])).toBeNull();
  });
});
