import { describe, expect, it } from 'vitest';
import { DEFAULT_CEILING, DEFAULT_LIMITS } from '@tremplin/grader';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs on the embedded database in ./data on port 3000 by default, seeding the demo', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.seedDemo).toBe(true);
  });

  it('does not seed a PostgreSQL server unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db', SEED_DEMO: 'true' }).seedDemo).toBe(
      true,
    );
  });

  it('limits runs, submissions, help and messages per user by default, each bucket configurable', () => {
    const { fairUse } = loadConfig({ GRADER_POOL_SIZE: '2' });
    expect(fairUse.enabled).toBe(true);
    expect(fairUse.buckets).toEqual({
      runs: { burst: 10, everyMs: 3000 },
      submissions: { burst: 5, everyMs: 10_000 },
      help: { burst: 3, everyMs: 60_000 },
      messages: { burst: 20, everyMs: 3000 },
    });
    expect(fairUse).toMatchObject({ runsInFlightPerLearner: 1, backlogSeconds: 30, gradedPerSecond: 20 });
    expect(loadConfig({ RATE_RUNS_BURST: '4', RATE_RUNS_EVERY_SECONDS: '1' }).fairUse.buckets.runs).toEqual({
      burst: 4,
      everyMs: 1000,
    });
    expect(() => loadConfig({ RATE_HELP_BURST: '0' })).toThrow(/RATE_HELP_BURST/);
    expect(() => loadConfig({ RATE_LIMITS: 'sometimes' })).toThrow(/RATE_LIMITS/);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'TRUST_PROXY']) expect(message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it("takes the grader's ceiling from GRADER_MAX_*, the built-in one by default", () => {
    expect(loadConfig({}).grading.ceiling).toEqual(DEFAULT_CEILING);
    const config = loadConfig({
      GRADER_MAX_CPU_MS_PER_TEST: '5000',
      GRADER_MAX_CPU_MS: '20000',
      GRADER_MAX_WALL_MS: '40000',
      GRADER_MAX_MEMORY_MB: '128',
    });
    expect(config.grading.ceiling).toEqual({
      cpuMsPerTest: 5000,
      cpuMs: 20_000,
      wallMs: 40_000,
      memoryMb: 128,
    });
  });

  it('refuses a ceiling that is not a whole number or is below the default limit', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        return (e as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ GRADER_MAX_CPU_MS_PER_TEST: '1999' })).toEqual([
      `GRADER_MAX_CPU_MS_PER_TEST must be a whole number from ${DEFAULT_LIMITS.cpuMsPerTest} to 600000 (got "1999")`,
    ]);
    const bad = problems({
      GRADER_MAX_CPU_MS: '-1',
      GRADER_MAX_WALL_MS: 'long',
      GRADER_MAX_MEMORY_MB: '12.5',
    });
    expect(bad).toHaveLength(3);
    for (const [i, name] of ['GRADER_MAX_CPU_MS ', 'GRADER_MAX_WALL_MS', 'GRADER_MAX_MEMORY_MB'].entries())
      expect(bad[i]).toContain(name);
  });
});
