import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createGraderPool } from '../src/index.ts';
import type { GraderPool } from '../src/index.ts';
import { HEALTHY, gradeWith } from './helpers.ts';
import { solution, tests } from '../bench/exercise.ts';

type Inspectable = GraderPool & { workers(): { pid: number; ready: boolean; busy: boolean }[] };

const pids = (pool: Inspectable) => pool.workers().map((w) => w.pid);

const killed = new Set<number>();

/** Waits until the (single) worker has started a job, then kills it. */
async function killWhenBusy(pool: Inspectable): Promise<number> {
  for (;;) {
    const w = pool.workers()[0];
    if (w?.busy && w.ready && !killed.has(w.pid)) {
      killed.add(w.pid);
      await new Promise((r) => setTimeout(r, 100));
      process.kill(w.pid, 'SIGKILL');
      return w.pid;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function waitForWorkers(pool: Inspectable, count: number): Promise<void> {
  // A graded submission proves the replacement worker is up; the pid list follows the live workers.
  await gradeWith(pool, HEALTHY);
  expect(pids(pool).filter((p) => p > 0)).toHaveLength(count);
}

describe('worker pool', () => {
  test('grades 2,400 submissions through one pool without leaking or crashing', async () => {
    const pool = createGraderPool({ size: 2 }) as Inspectable;
    try {
      await waitForWorkers(pool, 2);
      const live = pids(pool);
      const before = live.map(rssKb);
      const statuses = new Map<string, number>();
      for (let batch = 0; batch < 24; batch++) {
        const results = await Promise.all(
          Array.from({ length: 100 }, () => pool.grade({ solution, tests, language: 'javascript' })),
        );
        for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
      expect(Object.fromEntries(statuses)).toEqual({ pass: 2400 });
      // Same processes (none crashed or was replaced), and their memory stayed flat.
      expect(pids(pool)).toEqual(live);
      const after = live.map(rssKb);
      for (let i = 0; i < live.length; i++) expect(after[i]! - before[i]!).toBeLessThan(150_000);
    } finally {
      await pool.close();
    }
  });

  test('a worker killed during a job is replaced and the job is retried, then answered', async () => {
    const outcomes: string[] = [];
    const pool = createGraderPool({ size: 1, onOutcome: (outcome) => outcomes.push(outcome) }) as Inspectable;
    try {
      await waitForWorkers(pool, 1);
      const looping = {
        solution: 'export const spin = () => { for (;;) {} };',
        tests: "import { spin } from './s';\ntest('spins', () => spin());",
        limits: { cpuMsPerTest: 1500 },
      };
      // Killed once: retried on a fresh worker, which reports the time limit.
      const first = gradeWith(pool, looping);
      const victim = await killWhenBusy(pool);
      const r1 = await first;
      expect(r1.status).toBe('error');
      expect(r1.message).toContain('Temps limite');
      expect(pids(pool)[0]).not.toBe(victim);
      // Killed on every attempt: answered as an internal error instead of looping forever.
      const second = gradeWith(pool, looping);
      await killWhenBusy(pool);
      await killWhenBusy(pool);
      const r2 = await second;
      expect(r2).toMatchObject({
        status: 'error',
        score: 0,
        message: expect.stringContaining('erreur interne'),
      });
      // Each answer told once (the healthy one proving the worker up, the time limit, the crash),
      // never the attempts in between.
      expect(outcomes).toEqual(['graded', 'timeout', 'crashed']);
      await waitForWorkers(pool, 1);
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies while idle is noticed and replaced, and the pool keeps grading', async () => {
    const pool = createGraderPool({ size: 2 }) as Inspectable;
    try {
      await waitForWorkers(pool, 2);
      const [victim, survivor] = pids(pool);
      process.kill(victim!, 'SIGKILL');
      // The replacement starts on its own: no job has to fail first.
      // Until the pool has seen the victim go (its exit can come after this turn) and replaced it.
      const replaced = () =>
        !pids(pool).includes(victim!) && pool.workers().length === 2 && pool.workers().every((w) => w.ready);
      for (let i = 0; i < 500 && !replaced(); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const now = pids(pool);
      expect(now).toHaveLength(2);
      expect(now).not.toContain(victim);
      expect(now).toContain(survivor);
      expect(pool.workers().every((w) => w.ready)).toBe(true);
      // Both workers grade: more submissions at once than workers, all correct.
      const results = await Promise.all(
        Array.from({ length: 40 }, () => pool.grade({ solution, tests, language: 'javascript' })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(40).fill('pass'));
      expect(pids(pool)).toEqual(now);
    } finally {
      await pool.close();
    }
  });

  test('requests are validated before reaching a worker', async () => {
    const pool = createGraderPool({ size: 1 });
    try {
      const big = await pool.grade({ solution: 'x'.repeat(70_000), tests: '', language: 'javascript' });
      expect(big).toMatchObject({
        status: 'error',
        message: expect.stringContaining('La solution est trop volumineuse'),
      });
      const small = await pool.grade({
        solution: 'export const a = 1;\n'.repeat(60),
        tests: '',
        language: 'javascript',
        limits: { maxSourceBytes: 1000 },
      });
      expect(small.message).toContain('(1200 octets, maximum 1000)');
      const lang = await pool.grade({ solution: '', tests: '', language: 'python' as 'javascript' });
      expect(lang.status).toBe('error');
    } finally {
      await pool.close();
    }
    await expect(pool.grade(HEALTHY as never)).rejects.toThrow('closed');
  });

  test('a request can raise its limits up to the ceiling, never past it', async () => {
    const pool = createGraderPool({ size: 1, ceiling: { cpuMsPerTest: 500, cpuMs: 800, wallMs: 1500 } });
    try {
      const started = Date.now();
      const r = await gradeWith(pool, {
        solution:
          'export const spin = () => { const end = Date.now() + 10000; while (Date.now() < end) {} };',
        tests: "import { spin } from './s';\ntest('spins', () => spin());",
        limits: { cpuMsPerTest: 60_000, cpuMs: 60_000, wallMs: 60_000 },
      });
      expect(r.message).toContain('500 ms');
      // The wall ceiling bounds the whole job, worker kill timer included.
      expect(Date.now() - started).toBeLessThan(1500 + 5000);
    } finally {
      await pool.close();
    }
  });
});
