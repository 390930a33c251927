/**
 * `pnpm grade --solution <file> --tests <file> [--language typescript] [--json] [--locale en]`
 * Grades one pair with the default limits and prints the result as one JSON document on stdout.
 * Exit code 0 whenever a result was produced (pass, fail or error), 2 for usage errors.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGraderPool } from './pool.ts';
import type { Language, Locale } from './types.ts';

const USAGE =
  'usage: pnpm grade --solution <file> --tests <file> [--language javascript|typescript] [--locale fr|en] [--json]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** Language from the flag, else from the file extensions (.ts, .mts, .cts, .tsx mean TypeScript). */
export function languageOf(flag: string | undefined, files: string[]): Language {
  if (flag !== undefined) {
    if (flag === 'javascript' || flag === 'js') return 'javascript';
    if (flag === 'typescript' || flag === 'ts') return 'typescript';
    fail(`unknown language: ${flag}`);
  }
  return files.some((f) => /\.[cm]?tsx?$/.test(f)) ? 'typescript' : 'javascript';
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        solution: { type: 'string' },
        tests: { type: 'string' },
        language: { type: 'string' },
        locale: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const solutionPath = values.solution;
  const testsPath = values.tests;
  if (typeof solutionPath !== 'string' || typeof testsPath !== 'string')
    fail('--solution and --tests are required');
  const locale = values.locale;
  if (locale !== undefined && locale !== 'fr' && locale !== 'en') fail(`unknown locale: ${String(locale)}`);
  // pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const base = process.env.INIT_CWD || process.cwd();
  const read = (file: string) => {
    const path = isAbsolute(file) ? file : resolve(base, file);
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      fail(`cannot read ${path}: ${(e as Error).message}`);
    }
  };
  const solution = read(solutionPath);
  const tests = read(testsPath);
  const language = languageOf(values.language as string | undefined, [solutionPath, testsPath]);
  const pool = createGraderPool({ size: 1 });
  try {
    const result = await pool.grade({ solution, tests, language, locale: locale as Locale | undefined });
    process.stdout.write(`${JSON.stringify(result, null, values.json ? undefined : 2)}\n`);
  } finally {
    await pool.close();
  }
}

await main();
