/**
 * `pnpm grade --solution <file> --tests <file> [--language typescript] [--json] [--locale en]
 *   [--cpu-ms-per-test n] [--cpu-ms n] [--wall-ms n] [--memory-mb n]`
 * Grades one pair with the default limits, or those raised up to the ceiling by the flags, and prints
 * the result as one JSON document on stdout.
 * Exit code 0 whenever a result was produced (pass, fail or error), 2 for usage errors.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CEILING } from './limits.ts';
import { createGraderPool } from './pool.ts';
import type { GradeLimits, Language, LimitCeiling, Locale } from './types.ts';

const USAGE =
  'usage: pnpm grade --solution <file> --tests <file> [--language javascript|typescript] [--locale fr|en] [--json]\n' +
  '         [--cpu-ms-per-test <ms>] [--cpu-ms <ms>] [--wall-ms <ms>] [--memory-mb <MB>]';

/** Each limit flag and the limit it sets. */
const LIMIT_FLAGS = {
  'cpu-ms-per-test': 'cpuMsPerTest',
  'cpu-ms': 'cpuMs',
  'wall-ms': 'wallMs',
  'memory-mb': 'memoryMb',
} as const satisfies Record<string, keyof LimitCeiling>;

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

/** The limits set by the flags: positive whole numbers, refused past the platform's ceiling. */
export function limitsOf(values: Record<string, unknown>): GradeLimits {
  const limits: GradeLimits = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(String(raw)) || value <= 0)
      fail(`--${flag} must be a positive whole number (got "${String(raw)}")`);
    if (value > DEFAULT_CEILING[key])
      fail(`--${flag} ${value} is above the platform's ceiling of ${DEFAULT_CEILING[key]}`);
    limits[key] = value;
  }
  return limits;
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
        ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
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
  const limits = limitsOf(values);
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
    const result = await pool.grade({
      solution,
      tests,
      language,
      limits,
      locale: locale as Locale | undefined,
    });
    process.stdout.write(`${JSON.stringify(result, null, values.json ? undefined : 2)}\n`);
  } finally {
    await pool.close();
  }
}

await main();
