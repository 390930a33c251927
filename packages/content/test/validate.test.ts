import { describe, expect, test } from 'vitest';
import { formatProblem, validateModule, type ModuleDefinition } from '../src/index.ts';
import { sampleModule, specOf } from './sample-module.ts';

/** The problems of a changed sample module, as `path: message` lines. */
function problemsAfter(change: (mod: ModuleDefinition) => void): string[] {
  const mod = sampleModule();
  change(mod);
  return validateModule(mod).map(formatProblem);
}

describe('validateModule: structure', () => {
  test('the sample module is valid', () => {
    expect(validateModule(sampleModule())).toEqual([]);
  });

  test('a missing field, an unknown key and a bad slug are reported with their paths', () => {
    const problems = problemsAfter((mod) => {
      const m = mod as unknown as Record<string, unknown>;
      delete m.title;
      m.extra = true;
      mod.lessons[0]!.slug = 'Not A Slug';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'title: is required',
        'extra: unknown key',
        'lessons[0].slug: must be a slug: lowercase letters, digits and single hyphens',
      ]),
    );
  });

  test('a discipline outside the list names the allowed values', () => {
    const problems = problemsAfter((mod) => {
      (mod as { discipline: string }).discipline = 'math';
    });
    expect(problems).toEqual(['discipline: must be one of "programming", "ai", "english", "tutoring"']);
  });

  test('spec problems are reported even when the module also has structural problems', () => {
    const problems = problemsAfter((mod) => {
      (mod as { title: unknown }).title = 3;
      specOf(mod, 'choice', 'choice').options.forEach((o) => (o.correct = false));
    });
    expect(problems).toContain('exercises[1].spec.options: at least one correct option');
    expect(problems.some((p) => p.startsWith('title:'))).toBe(true);
  });

  test('a spec must have its exercise kind', () => {
    const problems = problemsAfter((mod) => {
      mod.exercises[1]!.kind = 'cloze';
    });
    expect(problems).toEqual(['exercises[1].spec.kind: must be "cloze", the exercise\'s kind']);
  });

  test('a spec field of the wrong type is reported inside the spec', () => {
    const problems = problemsAfter((mod) => {
      (specOf(mod, 'writing', 'writing') as { minWords: unknown }).minWords = 'four';
    });
    expect(problems).toEqual(['exercises[7].spec.minWords: must be integer']);
  });
});

describe('validateModule: module rules', () => {
  test('lesson and exercise slugs are unique', () => {
    const problems = problemsAfter((mod) => {
      mod.lessons[1]!.slug = 'first';
      mod.exercises[2]!.slug = 'choice';
    });
    expect(problems).toEqual([
      'lessons[1].slug: duplicate lesson slug "first"',
      'exercises[2].slug: duplicate exercise slug "choice"',
      // The lesson renamed away is now missing for the exercise that referred to it.
      'exercises[1].lesson: no lesson "second" in this module',
    ]);
  });

  test('an exercise refers to a lesson of the module', () => {
    const problems = problemsAfter((mod) => {
      mod.exercises[0]!.lesson = 'missing';
    });
    expect(problems).toEqual(['exercises[0].lesson: no lesson "missing" in this module']);
  });
});

describe('validateModule: spec rules', () => {
  test('code: tests must exist, the starter differs from the solution, sizes fit', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'code', 'code');
      spec.visibleTests = '// nothing here: test( in a comment does not count\n';
      spec.hiddenTests = "const s = 'test(';\n";
      spec.starter = spec.solution;
      spec.limits = { maxSourceBytes: 40 };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'exercises[0].spec.visibleTests: no test found (test(…) or it(…))',
        'exercises[0].spec.hiddenTests: no test found (test(…) or it(…))',
        'exercises[0].spec.starter: must differ from the solution',
        expect.stringMatching(/^exercises\[0\]\.spec\.solution: \d+ bytes, more than maxSourceBytes \(40\)$/),
      ]),
    );
  });

  test('code: empty hidden tests are allowed', () => {
    expect(problemsAfter((mod) => (specOf(mod, 'code', 'code').hiddenTests = ''))).toEqual([]);
  });

  test('choice: at least one correct option, unique ids, two options', () => {
    expect(
      problemsAfter((mod) => {
        const spec = specOf(mod, 'multiple', 'choice');
        spec.options.forEach((o) => (o.correct = false));
        spec.options[1]!.id = 'a';
      }),
    ).toEqual([
      'exercises[2].spec.options[1].id: duplicate option id "a"',
      'exercises[2].spec.options: at least one correct option',
    ]);
    expect(
      problemsAfter(
        (mod) => (specOf(mod, 'choice', 'choice').options = [{ id: 'x', text: 'x', correct: true }]),
      ),
    ).toEqual(['exercises[1].spec.options: at least two options']);
  });

  test('choice: a single choice has exactly one correct option', () => {
    const problems = problemsAfter((mod) => (specOf(mod, 'choice', 'choice').options[1]!.correct = true));
    expect(problems).toEqual([
      'exercises[1].spec.options: a single choice needs exactly one correct option, not 2',
    ]);
  });

  test('cloze: the gaps of the text match the gaps list', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'cloze', 'cloze');
      spec.text = 'The function [[g1]] a [[g9]] value [[g1]] and [[bad id]].';
    });
    expect(problems).toEqual([
      'exercises[3].spec.text: gap [[g1]] appears more than once',
      'exercises[3].spec.text: gap [[g9]] is not in the gaps list',
      'exercises[3].spec.gaps[1].id: gap "g2" does not appear in the text as [[g2]]',
      'exercises[3].spec.gaps[2].id: gap "g3" does not appear in the text as [[g3]]',
      'exercises[3].spec.text: malformed gap: write [[id]]',
    ]);
  });

  test('cloze: answers are not blank and there is at least one', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'cloze', 'cloze');
      spec.gaps[0]!.answers = ['  '];
      spec.gaps[1]!.answers = [];
    });
    expect(problems).toEqual(['exercises[3].spec.gaps[1].answers: must not have fewer than 1 item']);
    const blank = problemsAfter((mod) => (specOf(mod, 'cloze', 'cloze').gaps[0]!.answers = ['  ']));
    expect(blank).toEqual(['exercises[3].spec.gaps[0].answers[0]: must not be blank']);
  });

  test('ordering: alternatives list every item once; ids are unique', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'ordering', 'ordering');
      spec.alternatives = [
        ['w1', 'w2'],
        ['w1', 'w1', 'w2', 'w3', 'w4', 'w5'],
      ];
      spec.items[5]!.id = 'w1';
    });
    expect(problems).toEqual([
      'exercises[4].spec.items[5].id: duplicate item id "w1"',
      'exercises[4].spec.alternatives[0]: must list every item id exactly once',
    ]);
  });

  test('ordering and matching: at least two items', () => {
    const problems = problemsAfter((mod) => {
      specOf(mod, 'ordering', 'ordering').items.splice(1);
      specOf(mod, 'ordering', 'ordering').alternatives = [];
      specOf(mod, 'matching', 'matching').pairs.splice(1);
    });
    expect(problems).toEqual([
      'exercises[4].spec.items: at least two items',
      'exercises[5].spec.pairs: at least two pairs',
    ]);
  });

  test('matching: left and right texts are unique', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'matching', 'matching');
      spec.pairs[1]!.left = 'branch';
      spec.pairs[2]!.right = 'branche';
    });
    expect(problems).toEqual([
      'exercises[5].spec.pairs[1].left: duplicate left text "branch"',
      'exercises[5].spec.pairs[2].right: duplicate right text "branche"',
    ]);
  });

  test('dictation: the text has words', () => {
    expect(problemsAfter((mod) => (specOf(mod, 'dictation', 'dictation').text = '… !'))).toEqual([
      'exercises[6].spec.text: must contain at least one word',
    ]);
  });

  test('writing: min ≤ max, regexes compile, wildcards have a letter, rubric ids are unique', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'writing', 'writing');
      spec.minWords = 30;
      spec.rubric[0]!.alternatives = [{ type: 'regex', value: '(fix' }];
      spec.rubric[1]!.alternatives.push({ type: 'wildcard', value: '*?' });
      spec.rubric[2]!.id = 'verb';
    });
    expect(problems).toEqual([
      'exercises[7].spec.minWords: must not exceed maxWords (20)',
      'exercises[7].spec.rubric[2].id: duplicate rubric id "verb"',
      expect.stringMatching(
        /^exercises\[7\]\.spec\.rubric\[0\]\.alternatives\[0\]\.value: regex does not compile: /,
      ),
      'exercises[7].spec.rubric[1].alternatives[2].value: a wildcard needs a letter',
    ]);
  });

  test('writing: a regex that nests repetitions or needs backtracking is refused, saying why', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'writing', 'writing');
      spec.rubric[0]!.alternatives = [
        { type: 'regex', value: '(a+)+$' },
        { type: 'regex', value: '(\\w+\\s?)*end' },
        { type: 'regex', value: '(fix)\\s+\\1' },
        { type: 'regex', value: '(?<!un)fixed' },
        { type: 'regex', value: '^(fix|prevent)(es|ed)?\\b[a-z]{2,}' },
      ];
    });
    const at = 'exercises[7].spec.rubric[0].alternatives';
    const [nestedPlus, nestedStar, backreference, lookbehind, ...rest] = problems;
    expect(rest).toEqual([]);
    expect(nestedPlus).toContain(`${at}[0].value: regex nests a repetition inside a repetition ((a+)+)`);
    expect(nestedStar).toContain(
      `${at}[1].value: regex nests a repetition inside a repetition ((\\w+\\s?)*)`,
    );
    expect(backreference).toContain(`${at}[2].value: regex does not compile: `);
    expect(backreference).toContain('RE2: no backreferences, no lookaround');
    expect(lookbehind).toContain(`${at}[3].value: regex does not compile: `);
  });

  test('vocabulary: card ids and terms are unique', () => {
    const problems = problemsAfter((mod) => {
      const spec = specOf(mod, 'vocabulary', 'vocabulary');
      spec.cards[1]!.id = 'branch';
      spec.cards[1]!.term = 'Branch';
    });
    expect(problems).toEqual([
      'exercises[8].spec.cards[1].id: duplicate card id "branch"',
      'exercises[8].spec.cards[1].term: duplicate term "branch"',
    ]);
  });
});
