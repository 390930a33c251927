import { describe, expect, test } from 'vitest';
import { countTests } from '../src/test-count.ts';
import { allowedTypos, editDistance, splitCloze, words } from '../src/text.ts';

describe('editDistance', () => {
  test('counts insertions, deletions and substitutions', () => {
    expect(editDistance('deploy', 'deploy')).toBe(0);
    expect(editDistance('deploy', 'deplo')).toBe(1);
    expect(editDistance('deploy', 'deployy')).toBe(1);
    expect(editDistance('deploy', 'depley')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  test('a swap of two neighbouring letters is one typo (Damerau)', () => {
    expect(editDistance('returns', 'retruns')).toBe(1);
  });

  test('stops early past the maximum', () => {
    expect(editDistance('repository', 'xxxxxxxxxx', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  test('counts accented letters as one character', () => {
    expect(editDistance('dépôt', 'depot')).toBe(2);
  });
});

describe('allowedTypos', () => {
  test("'auto': none below 4 letters, 1 from 4 to 9, 2 from 10", () => {
    expect(allowedTypos('the')).toBe(0);
    expect(allowedTypos('code')).toBe(1);
    expect(allowedTypos('variables')).toBe(1);
    expect(allowedTypos('repository')).toBe(2);
  });

  test('a fixed number applies whatever the length', () => {
    expect(allowedTypos('the', 1)).toBe(1);
    expect(allowedTypos('repository', 0)).toBe(0);
  });
});

describe('words and cloze segments', () => {
  test('words keep inner apostrophes and split on hyphens and punctuation', () => {
    expect(words("Don't push to main-branch, please!")).toEqual([
      "Don't",
      'push',
      'to',
      'main',
      'branch',
      'please',
    ]);
  });

  test('splitCloze yields text and gaps in order', () => {
    expect(splitCloze('[[a]] and [[b]]!')).toEqual([
      { type: 'gap', id: 'a' },
      { type: 'text', text: ' and ' },
      { type: 'gap', id: 'b' },
      { type: 'text', text: '!' },
    ]);
  });
});

describe('countTests', () => {
  test('counts test and it calls, not skipped tests, todos, comments or strings', () => {
    const source = `
      import { add } from './add';
      // test('commented out', () => {});
      describe('add', () => {
        test('one', () => expect(add(1, 1)).toBe(2));
        it.skip('two', () => {});
        test.todo('later');
        xit('three', () => {});
        const label = "it('not a test')";
      });`;
    expect(countTests(source)).toBe(2);
  });

  test('leaves out the tests the grader skips, counts those it runs', () => {
    const source = `
      test.skip('off', () => {});
      it.skip.each([[1]])('off %i', () => {});
      describe.skip('off too', () => {
        test('inner (a)', () => {});
        describe('nested', () => { it('deeper', () => {}); });
      });
      describe.skip.each([[1], [2]])('rows %i', (n) => { test('row', () => expect(n).toBe(n)); });
      xdescribe('unlocked later', () => { xit('one', () => {}); });
      test.only('two', () => {});
      fit('three', () => {});
      describe('after', () => { test('four', () => {}); });`;
    expect(countTests(source)).toBe(4);
  });
});
