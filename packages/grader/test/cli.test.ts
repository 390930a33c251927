import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { GradeResult } from '../src/index.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const repo = join(pkg, '..', '..');
const cli = join(pkg, 'src', 'cli.ts');
const fixtures = 'packages/grader/test/fixtures/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const node = (args: string[], cwd = repo, env?: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--no-node-snapshot', cli, ...args], { cwd, env: { INIT_CWD: '', ...env } });

describe('pnpm grade', () => {
  test('grades a Jest exercise in JavaScript (pnpm --silent prints only the JSON)', async () => {
    // The pnpm running this suite (npm_execpath: a native binary, or a script for node), else the PATH's.
    const execPath = process.env.npm_execpath;
    const pnpm = !execPath?.includes('pnpm')
      ? ['pnpm']
      : /\.[cm]?js$/.test(execPath)
        ? [process.execPath, execPath]
        : [execPath];
    const r = await run(
      pnpm[0]!,
      [
        ...pnpm.slice(1),
        '--silent',
        'grade',
        '--solution',
        `${fixtures}/leap.js`,
        '--tests',
        `${fixtures}/leap.spec.js`,
      ],
      {
        cwd: repo,
        env: { INIT_CWD: repo },
      },
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect(result).toMatchObject({ status: 'pass', score: 1 });
    expect(result.tests.map((t) => t.name)).toEqual([
      'Leap year not divisible by 4 in common year',
      'Leap year divisible by 4, not divisible by 100 in leap year',
      'Leap year divisible by 100, not divisible by 400 in common year',
      'Leap year divisible by 400 is leap year',
    ]);
  });

  test('grades a TypeScript exercise, the language following the extension', async () => {
    const r = await node([
      '--solution',
      `${fixtures}/leap.ts`,
      '--tests',
      `${fixtures}/leap.spec.ts`,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'pass', score: 1 });
  });

  test('paths are relative to INIT_CWD when set', async () => {
    const r = await node(['--solution', 'leap.js', '--tests', 'leap.spec.js'], repo, {
      INIT_CWD: join(repo, fixtures),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('pass');
  });

  test('failing and erroring submissions still exit 0', async () => {
    const r = await node(['--solution', `${fixtures}/leap.spec.js`, '--tests', `${fixtures}/leap.spec.js`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'error', score: 0 });
  });

  test('the limit flags set the limits of the grade', async () => {
    const r = await node([
      '--solution',
      `${fixtures}/spin.js`,
      '--tests',
      `${fixtures}/spin.spec.js`,
      '--cpu-ms-per-test',
      '300',
      '--memory-mb',
      '32',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect(result.status).toBe('error');
    expect(result.message).toContain('300 ms');
  });

  test.each([
    ['--cpu-ms-per-test', '0', 'must be a positive whole number'],
    ['--cpu-ms', 'lots', 'must be a positive whole number'],
    ['--memory-mb', '1.5', 'must be a positive whole number'],
    ['--wall-ms', '-5', 'must be a positive whole number'],
    ['--cpu-ms-per-test', '10001', "above the platform's ceiling of 10000"],
    ['--memory-mb', '257', "above the platform's ceiling of 256"],
  ])('%s %s is refused', async (flag, value, message) => {
    const r = await node([
      '--solution',
      `${fixtures}/leap.js`,
      '--tests',
      `${fixtures}/leap.spec.js`,
      `${flag}=${value}`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${flag} `);
    expect(r.stderr).toContain(message);
  });

  test.each([
    [['--tests', 'x.js']],
    [['--solution', 'nope.js', '--tests', 'nope.spec.js']],
    [['--solution', 'a.js', '--tests', 'b.js', '--language', 'cobol']],
    [['--bogus']],
  ])('usage errors exit non-zero (%j)', async (args) => {
    const r = await node(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage: pnpm grade');
  });
});
