// One module folder per kind of mistake (test/fixtures/invalid/<mistake>/): validateModuleFolder reports
// exactly that mistake, with its file, line, field and message, in English and in French.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatProblems, validateModuleFolder, type Lang, type Problem } from '../src/index.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/invalid/', import.meta.url));
// Code fixtures start a worker process and grade six times each: allow for a slow, busy machine.
const GRADE_TIMEOUT_MS = 60_000;

let pool: GraderPool;
beforeAll(() => {
  pool = createGraderPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

interface Expected {
  file: string;
  line?: number;
  path: string;
  code: string;
  en: string | RegExp;
  fr?: string | RegExp;
}

async function problemsOf(mistake: string, lang: Lang): Promise<Problem[]> {
  return (await validateModuleFolder(path.join(FIXTURES, mistake), { lang, pool })).problems;
}

/** The fixture has exactly one problem, the one expected, in both languages when `fr` is given. */
async function expectOnly(mistake: string, expected: Expected): Promise<void> {
  const en = await problemsOf(mistake, 'en');
  expect(en).toHaveLength(1);
  const [problem] = en;
  expect({ file: problem!.file, line: problem!.line, path: problem!.path, code: problem!.code }).toEqual({
    file: expected.file,
    line: expected.line,
    path: expected.path,
    code: expected.code,
  });
  if (typeof expected.en === 'string') expect(problem!.message).toBe(expected.en);
  else expect(problem!.message).toMatch(expected.en);
  if (expected.fr !== undefined) {
    const fr = (await problemsOf(mistake, 'fr'))[0]!.message;
    if (typeof expected.fr === 'string') expect(fr).toBe(expected.fr);
    else expect(fr).toMatch(expected.fr);
  }
}

describe('invalid fixtures: module.json and its files', () => {
  test('bad JSON: the line of the syntax error', async () => {
    await expectOnly('bad-json', {
      file: 'module.json',
      line: 5,
      path: '',
      code: 'bad-json',
      en: /^module\.json is not valid JSON: /,
      fr: /^module\.json n'est pas du JSON valide : /,
    });
  });

  test('unknown key: the line of the key', async () => {
    await expectOnly('unknown-key', {
      file: 'module.json',
      line: 45,
      path: 'exercises[0].promtFile',
      code: 'unknown-key',
      en: 'unknown key',
      fr: 'clé inconnue',
    });
  });

  test('a discipline outside the list names the allowed values', async () => {
    await expectOnly('bad-discipline', {
      file: 'module.json',
      line: 3,
      path: 'discipline',
      code: 'one-of',
      en: 'must be one of "programming", "ai", "english", "tutoring"',
    });
  });

  test('missing file: the line that names it, and no second problem for its empty text', async () => {
    await expectOnly('missing-file', {
      file: 'module.json',
      line: 14,
      path: 'lessons[0].file',
      code: 'file-not-found',
      en: 'file not found: lessons/intro.md',
      fr: 'fichier introuvable : lessons/intro.md',
    });
  });

  test('missing English title: the line of the `en` object', async () => {
    await expectOnly('missing-english-title', {
      file: 'module.json',
      line: 24,
      path: 'exercises[0].en.title',
      code: 'required',
      en: 'is required',
      fr: 'est obligatoire',
    });
  });

  test('an English prompt present but empty', async () => {
    await expectOnly('empty-english-prompt', {
      file: 'module.json',
      line: 26,
      path: 'exercises[0].en.prompt',
      code: 'text-empty',
      en: 'is empty: write the text or remove the key',
      fr: 'est vide : écrivez le texte ou retirez la clé',
    });
  });

  test('duplicate slug: the second one', async () => {
    await expectOnly('duplicate-slug', {
      file: 'module.json',
      line: 47,
      path: 'exercises[1].slug',
      code: 'duplicate-exercise-slug',
      en: 'duplicate exercise slug "q1"',
      fr: "slug d'exercice en double : « q1 »",
    });
  });

  test('bad prerequisite: a lesson that comes later', async () => {
    await expectOnly('bad-prerequisite', {
      file: 'module.json',
      line: 19,
      path: 'lessons[0].prerequisites[0]',
      code: 'prerequisite-unknown',
      en: 'no earlier lesson "suite"',
      fr: 'aucune leçon « suite » avant celle-ci',
    });
  });
});

describe('invalid fixtures: answer keys', () => {
  test('a gap of the text without an answer', async () => {
    await expectOnly('gap-without-answer', {
      file: 'module.json',
      line: 31,
      path: 'exercises[0].spec.text',
      code: 'gap-not-declared',
      en: 'gap [[g2]] is not in the gaps list',
      fr: 'le trou [[g2]] ne figure pas dans la liste gaps',
    });
  });

  test('a choice without a correct option', async () => {
    await expectOnly('choice-without-correct', {
      file: 'module.json',
      line: 32,
      path: 'exercises[0].spec.options',
      code: 'no-correct-option',
      en: 'at least one correct option',
      fr: 'au moins une option correcte',
    });
  });

  test('a duplicate ordering item (two equal sentences)', async () => {
    await expectOnly('duplicate-ordering-item', {
      file: 'module.json',
      line: 43,
      path: 'exercises[0].spec.items[2].text',
      code: 'duplicate-item-text',
      en: 'duplicate item text "Make it pass."',
      fr: "texte d'élément en double : « Make it pass. »",
    });
  });

  test('a rubric regex refused (nested repetition)', async () => {
    await expectOnly('rubric-regex-refused', {
      file: 'module.json',
      line: 42,
      path: 'exercises[0].spec.rubric[0].alternatives[0].value',
      code: 'rubric-regex-nested',
      en: 'regex nests a repetition inside a repetition ((fix(es)*)+): such a pattern takes exponential time in backtracking engines where the module may be used; repeat once (for example (a+)+ is a+)',
      fr: "l'expression régulière répète une répétition ((fix(es)*)+) : un tel motif prend un temps exponentiel dans les moteurs à retour arrière où le module peut servir ; ne répétez qu'une fois (par exemple, (a+)+ s'écrit a+)",
    });
  });

  test('a deck CSV row with an empty gloss: its row', async () => {
    await expectOnly('bad-deck-row', {
      file: 'decks/mots.csv',
      line: 3,
      path: 'exercises[0].spec.deckFile',
      code: 'deck-empty-cells',
      en: 'empty "gloss"',
      fr: 'cellule vide : "gloss"',
    });
  });

  test('a duplicate term in a deck: the row of the second card, blank lines counted', async () => {
    await expectOnly('duplicate-deck-term', {
      file: 'decks/mots.csv',
      line: 5,
      path: 'exercises[0].spec.cards[2].term',
      code: 'duplicate-term',
      en: 'duplicate term "branch"',
      fr: 'terme en double : « branch »',
    });
  });
});

describe('invalid fixtures: links and images', () => {
  test('a link to a lesson that does not exist: the line in the lesson file', async () => {
    await expectOnly('broken-link', {
      file: 'lessons/intro.md',
      line: 3,
      path: 'lessons[0].body',
      code: 'link-lesson-unknown',
      en: 'link to "lesson:verbes": no such lesson in this module',
      fr: 'lien vers « lesson:verbes » : aucune leçon de ce nom dans le module',
    });
  });

  test('a missing image: the line in the prompt file', async () => {
    await expectOnly('missing-image', {
      file: 'exercises/q1/prompt.md',
      line: 3,
      path: 'exercises[0].prompt',
      code: 'image-missing',
      en: 'image "images/fonction.png": no such file in the module folder',
      fr: 'image « images/fonction.png » : ce fichier n’existe pas dans le dossier du module',
    });
  });
});

describe('invalid fixtures: code exercises in the sandbox', () => {
  test(
    'a reference failing a hidden test: the test file and the line of the test',
    async () => {
      await expectOnly('reference-fails-hidden', {
        file: 'exercises/somme/somme.hidden.test.js',
        line: 7,
        path: 'exercises[0].spec.hiddenTests',
        code: 'reference-fails',
        en: /^The reference solution fails the test "un article en promotion": Expected: 1000\nReceived: 999/,
        fr: /^La solution de référence échoue au test « un article en promotion » : Attendu : 1000/,
      });
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    'a starter that passes every test',
    async () => {
      await expectOnly('starter-passes', {
        file: 'exercises/somme/somme.js',
        path: 'exercises[0].spec.starter',
        code: 'starter-passes',
        en: 'The starter already passes every test: it leaves nothing to write.',
        fr: 'Le code de départ passe déjà tous les tests : il ne laisse rien à écrire.',
      });
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    'a test file that passes with an empty solution',
    async () => {
      await expectOnly('empty-solution-passes', {
        file: 'exercises/somme/somme.test.js',
        path: 'exercises[0].spec.visibleTests',
        code: 'empty-solution-passes-visible',
        en: 'The visible tests pass with an empty solution (every export stubbed to return nothing): they check nothing the student writes.',
        fr: 'Les tests visibles passent avec une solution vide (chaque export remplacé par une fonction qui ne renvoie rien) : ils ne vérifient rien de ce que l’étudiant écrit.',
      });
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    'a syntax error in the reference solution: its line, and no grading of it',
    async () => {
      await expectOnly('syntax-error', {
        file: 'exercises/somme/solution/somme.js',
        line: 5,
        path: 'exercises[0].spec.solution',
        code: 'syntax-error',
        en: 'syntax error: Unexpected "}"',
        fr: 'erreur de syntaxe : Unexpected "}"',
      });
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    'a limit above the platform ceiling',
    async () => {
      await expectOnly('limit-above-ceiling', {
        file: 'module.json',
        line: 39,
        path: 'exercises[0].spec.limits.memoryMb',
        code: 'limit-above-ceiling',
        en: "4,096 is above the platform's ceiling (256).",
      });
    },
    GRADE_TIMEOUT_MS,
  );
});

describe('all at once', () => {
  test('a structural problem does not hide the rules: every problem, in the order of the file', async () => {
    const problems = await problemsOf('several-mistakes', 'en');
    expect(problems.map((p) => [p.file, p.line, p.path, p.message])).toEqual([
      ['module.json', 32, 'exercises[0].spec.options', 'at least one correct option'],
      ['module.json', 45, 'exercises[0].promtFile', 'unknown key'],
      ['module.json', 48, 'exercises[1].slug', 'duplicate exercise slug "q1"'],
    ]);
  });
});

describe('formatProblems', () => {
  test('one line per problem: file:line, field, message in the language asked', async () => {
    const problems = await problemsOf('choice-without-correct', 'en');
    expect(formatProblems(problems, 'fr')).toEqual([
      'module.json:32  exercises[0].spec.options  au moins une option correcte',
    ]);
    expect(formatProblems(problems, 'en')).toEqual([
      'module.json:32  exercises[0].spec.options  at least one correct option',
    ]);
  });
});
