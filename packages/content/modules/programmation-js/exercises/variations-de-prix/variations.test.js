import { describe, expect, test } from '@jest/globals';
import { variations } from './variations';

describe('variations', () => {
  test('hausse, baisse, puis prix stable', () => {
    expect(variations([500, 550, 525, 525])).toEqual([50, -25, 0]);
  });

  test('un seul jour : aucune variation', () => {
    expect(variations([600])).toEqual([]);
  });

  test('aucun relevé : aucune variation', () => {
    expect(variations([])).toEqual([]);
  });
});
