// `pnpm content …` as CI and authors run it: a node process, its output and its exit code.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'packages/content/src/cli.ts';
const FIXTURES = 'packages/content/test/fixtures';
const TIMEOUT_MS = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'content-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pnpm content validate', () => {
  test(
    'a valid module: exit 0 and a summary with the counts and the time',
    async () => {
      const { code, stdout } = await run(['validate', `${FIXTURES}/valid/choix`, '--lang', 'en']);
      expect(stdout).toMatch(
        /^1 module, 1 exercise, 0 code exercises graded in the sandbox: no problem \(\d+\.\d s\)\.\n$/,
      );
      expect(code).toBe(0);
    },
    TIMEOUT_MS,
  );

  test(
    'invalid modules: one line per problem (file:line, field, message), French by default, exit 1',
    async () => {
      const { code, stdout } = await run([
        'validate',
        `${FIXTURES}/invalid/choice-without-correct`,
        `${FIXTURES}/invalid/broken-link`,
      ]);
      const lines = stdout.trimEnd().split('\n');
      expect(lines.slice(0, -1)).toEqual([
        `${FIXTURES}/invalid/choice-without-correct/module.json:32  exercises[0].spec.options  au moins une option correcte`,
        `${FIXTURES}/invalid/broken-link/lessons/intro.md:3  lessons[0].body  lien vers « lesson:verbes » : aucune leçon de ce nom dans le module`,
      ]);
      expect(lines.at(-1)).toMatch(
        /^2 modules, 2 exercices dont 0 exercice de code passé au bac à sable : 2 problèmes dans 2 modules \(\d+\.\d s\)\.$/,
      );
      expect(code).toBe(1);
    },
    TIMEOUT_MS,
  );

  test(
    'a wrong --lang or an unknown command: exit 2 with the usage',
    async () => {
      const lang = await run(['validate', '--lang', 'de']);
      expect(lang.code).toBe(2);
      expect(lang.stderr).toContain('--lang: fr or en, not "de"');
      const unknown = await run(['publish-everything']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown command "publish-everything"');
      expect(unknown.stderr).toContain('validate [dir…] [--lang fr|en] [--no-sandbox]');
    },
    TIMEOUT_MS,
  );
});

describe('pnpm content import and schema', () => {
  test(
    'import adds an Exercism exercise to a module, prints what it could not map, validates: exit 0',
    async () => {
      const dir = path.join(root, 'module');
      await mkdir(dir, { recursive: true });
      await cp(path.join(REPO, FIXTURES, 'valid/choix'), dir, { recursive: true });
      const json = JSON.parse(await readFile(path.join(dir, 'module.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      delete json.$schema;
      json.discipline = 'programming';
      await writeFile(path.join(dir, 'module.json'), JSON.stringify(json, null, 2));
      const { code, stdout, stderr } = await run([
        'import',
        `${FIXTURES}/exercism/javascript/two-fer`,
        '--into',
        dir,
        '--lang',
        'en',
      ]);
      expect(stderr).toBe('');
      expect(stdout).toContain(`two-fer: ${dir}/exercises/two-fer/prompt.md`);
      expect(stdout).toContain('unmapped: French: the title and prompt are the English text');
      expect(code).toBe(0);
      const after = JSON.parse(await readFile(path.join(dir, 'module.json'), 'utf8')) as {
        exercises: { slug: string }[];
      };
      expect(after.exercises.map((e) => e.slug)).toEqual(['le-bon-verbe', 'two-fer']);
    },
    TIMEOUT_MS,
  );

  test(
    'schema: the committed file is current',
    async () => {
      const { code, stdout } = await run(['schema']);
      expect(stdout).toBe('packages/content/module.schema.json already current\n');
      expect(code).toBe(0);
    },
    TIMEOUT_MS,
  );
});
