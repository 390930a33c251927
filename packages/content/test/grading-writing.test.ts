import { describe, expect, test } from 'vitest';
import type { WritingSpec } from '../src/index.ts';
import { hasFewEnglishWords } from '../src/grading/english.ts';
import { compileAlternative, matchesAny } from '../src/grading/rubric-match.ts';
import { graded } from './shown.ts';
import { needsReview } from '../src/grading/writing.ts';
import { writingSpec } from './sample-module.ts';

// Rubric: verb (regex, 2 pts), password (word alternatives, 1 pt), crash (wildcard crash*, 1 pt); 4–20 words.
const grade = (text: string, spec: WritingSpec = writingSpec(), locale: 'fr' | 'en' = 'fr') =>
  graded(spec, { kind: 'writing', text }, { locale });

describe('writing rubric', () => {
  test('every keyword found: full score, pass, found feedback and points per keyword', () => {
    const { score, result } = grade('Fix crash when the password field is empty');
    expect(score).toBe(1);
    expect(result.status).toBe('pass');
    expect(result.needsReview).toBe(false);
    expect(result.items).toEqual([
      { id: 'verb', status: 'correct', message: 'Good imperative verb.', points: 2 },
      { id: 'password', status: 'correct', message: 'Mentions the password', points: 1 },
      { id: 'crash', status: 'correct', message: 'Says it crashed', points: 1 },
    ]);
  });

  test('a missing keyword: its feedback, no points, partial score', () => {
    const { score, result } = grade('Handle an empty password on the sign-up form');
    expect(score).toBe(0.75);
    expect(result.status).toBe('pass'); // 0.75 ≥ passRatio 0.6
    expect(result.items[2]).toEqual({
      id: 'crash',
      status: 'missing',
      message: 'Says it crashed',
      points: 0,
    });
  });

  test('a word matches whole words only, ignoring case; any alternative counts', () => {
    const items = (text: string) => grade(text).result.items.find((i) => i.id === 'password')!.status;
    expect(items('Fix the PASSWORD check when it crashes')).toBe('correct');
    expect(items('Fix the passphrase check when it crashes')).toBe('correct');
    expect(items('Fix the passwords check when it crashes')).toBe('missing');
  });

  test('a wildcard: * stands for any letters, ? for one letter', () => {
    const spec = writingSpec();
    spec.rubric[2]!.alternatives = [{ type: 'wildcard', value: 'cr?sh*' }];
    const status = (text: string) => grade(text, spec).result.items[2]!.status;
    expect(status('Fix crashes on an empty password')).toBe('correct');
    expect(status('Fix the crush on an empty password')).toBe('correct');
    expect(status('Fix the crsh on an empty password')).toBe('missing');
    expect(status('Fix the scrash on an empty password')).toBe('missing');
  });

  test('a regex is case-insensitive', () => {
    expect(grade('PREVENT the crash of the password form').result.items[0]!.status).toBe('correct');
    expect(grade('The crash of the password form is fixed').result.items[0]!.status).toBe('missing');
  });

  // 50,000 a's and a '!': a backtracking engine takes exponential time on (a+)+$ against it.
  const catastrophic = 'a'.repeat(50_000) + '!';

  test('a catastrophic regex cannot hold grading: a stored (a+)+$ is not run, the criterion goes to a grader', () => {
    expect(matchesAny([{ type: 'regex', value: '(a+)+$' }], catastrophic)).toBe('unchecked');
    const spec = writingSpec();
    spec.maxWords = 100_000;
    spec.rubric[0]!.alternatives = [{ type: 'regex', value: '(a+)+$' }];
    // The longest answer the API accepts.
    const hostile = grade('a'.repeat(9_999) + '!', spec);
    expect(hostile.result.items[0]).toMatchObject({ id: 'verb', status: 'missing', points: 0 });
    expect(hostile.result.needsReview).toBe(true);
    // The same rubric keeps grading other answers, its other criteria as before.
    const next = grade('Fix the crash of the password form', spec);
    expect(next.result.items.map((i) => i.status)).toEqual(['missing', 'correct', 'correct']);
    expect(next.result.needsReview).toBe(true);
  });

  test('alternatives compiled once per process keep each its own type and answer every text alike', () => {
    const word = { type: 'word' as const, value: 'a.b' };
    const regex = { type: 'regex' as const, value: 'a.b' };
    for (let round = 0; round < 3; round += 1) {
      expect(matchesAny([word], 'then axb')).toBe(false);
      expect(matchesAny([regex], 'then axb')).toBe(true);
      expect(matchesAny([word], 'then a.b')).toBe(true);
      expect(matchesAny([{ type: 'regex', value: '(a+)+$' }], 'aaa')).toBe('unchecked');
    }
  });

  test('an author’s regex runs in linear time on a long answer', () => {
    // Harmless for RE2, exponential for a backtracking engine: an alternation of equals under a star.
    expect(compileAlternative({ type: 'regex', value: '^(a|a)*$' }).test(catastrophic)).toBe(false);
    expect(compileAlternative({ type: 'regex', value: '^(a|a)*!$' }).test(catastrophic)).toBe(true);
    const spec = writingSpec();
    spec.rubric[0]!.alternatives = [{ type: 'regex', value: '^(a|a)*$' }];
    const { result } = grade('a'.repeat(9_999) + '!', spec);
    expect(result.items[0]!.status).toBe('missing');
  });

  test('below minWords or above maxWords: the score is capped and the feedback says so', () => {
    const short = grade('Fix password crash', writingSpec(), 'en');
    expect(short.score).toBe(0.5);
    expect(short.result.status).toBe('partial');
    expect(short.result.feedback).toContain(
      'Your text has 3 words; between 4 and 20 are expected: the score is capped at 50%.',
    );
    const long = grade(`Fix crash with an empty password ${'and more words '.repeat(6)}`);
    expect(long.score).toBe(0.5);
    expect(long.result.feedback).toContain('Votre texte compte 24 mots ; il en faut entre 4 et 20');
  });

  test('passRatio decides the pass', () => {
    const spec = { ...writingSpec(), passRatio: 0.9 };
    expect(grade('Handle an empty password on the sign-up form', spec).result.status).toBe('partial');
  });

  test('an empty text fails without review', () => {
    const { score, result } = grade('');
    expect(score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.needsReview).toBe(false);
  });
});

describe('needsReview', () => {
  test('a middling score (0.4 to 0.75) needs review', () => {
    expect(grade('Fix the login page when it is slow').result).toMatchObject({ needsReview: true });
    expect(grade('Fix the login page when it is slow').score).toBe(0.5);
    expect(needsReview(0.39, 10, writingSpec(), false)).toBe(false);
    expect(needsReview(0.4, 10, writingSpec(), false)).toBe(true);
    expect(needsReview(0.75, 10, writingSpec(), false)).toBe(true);
    expect(needsReview(0.76, 10, writingSpec(), false)).toBe(false);
  });

  test('a very short or very long text needs review', () => {
    expect(needsReview(1, 1, writingSpec(), false)).toBe(true);
    expect(needsReview(1, 41, writingSpec(), false)).toBe(true);
    expect(needsReview(1, 2, writingSpec(), false)).toBe(false);
  });

  test('a text with few English words needs review and is told to write in English', () => {
    const { result } = grade('Corrige le plantage quand le password est vide dans le formulaire');
    expect(result.needsReview).toBe(true);
    expect(result.feedback).toContain('Votre texte ne semble pas écrit en anglais');
    expect(result.feedback).toContain('Un correcteur relira votre texte.');
  });

  test('a writing exercise in French is not asked for English, nor sent to review for it', () => {
    const spec: WritingSpec = {
      ...writingSpec(),
      language: 'fr',
      rubric: [
        {
          id: 'question',
          label: 'Pose une question',
          alternatives: [{ type: 'regex', value: '\\?' }],
          points: 1,
        },
      ],
    };
    const { score, result } = grade('Que se passe-t-il quand la liste est vide ?', spec);
    expect(score).toBe(1);
    expect(result.needsReview).toBe(false);
    expect(result.feedback).not.toContain('anglais');
  });

  test('hasFewEnglishWords: French or random words, not short English', () => {
    expect(hasFewEnglishWords('Ajoute la validation du mot de passe')).toBe(true);
    expect(hasFewEnglishWords('qwx zzkp vrrt lkjh mnbv poiu ytre wxcv')).toBe(true);
    expect(hasFewEnglishWords('Fix crash when the password is empty')).toBe(false);
    expect(hasFewEnglishWords('Add search bar')).toBe(false);
  });
});
