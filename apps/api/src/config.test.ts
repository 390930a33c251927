import { describe, expect, it } from 'vitest';
import { DEFAULT_CEILING, DEFAULT_LIMITS } from '@tremplin/grader';
import { ConfigError, databaseOptions, loadConfig } from './config.ts';

/** The problems loadConfig names for an environment; none when it is valid. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
}

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

  it('takes a direct URL and no prepared statements for a pooler in front of PostgreSQL', () => {
    const url = 'postgres://u:p@pgbouncer:6432/db';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      databaseDirectUrl: undefined,
      preparedStatements: true,
    });
    expect(
      loadConfig({
        DATABASE_URL: url,
        DATABASE_DIRECT_URL: 'postgres://u:p@postgres:5432/db',
        DATABASE_PREPARED_STATEMENTS: 'false',
      }),
    ).toMatchObject({ databaseDirectUrl: 'postgres://u:p@postgres:5432/db', preparedStatements: false });
    expect(problems({ DATABASE_URL: url, DATABASE_DIRECT_URL: 'mysql://x' })).toEqual([
      'DATABASE_DIRECT_URL must be a postgres:// or postgresql:// URL',
    ]);
    expect(problems({ DATABASE_DIRECT_URL: 'postgres://u:p@postgres:5432/db' })).toEqual([
      'DATABASE_DIRECT_URL goes with DATABASE_URL (a pooler in front of the same PostgreSQL database)',
    ]);
  });

  it('never seeds the public demo accounts in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, seedDemo: false });
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(
      /SEED_DEMO cannot be true/,
    );
  });

  it('limits runs, submissions, help and messages per user by default, each bucket configurable', () => {
    const { fairUse } = loadConfig({ GRADER_POOL_SIZE: '2' });
    expect(fairUse.enabled).toBe(true);
    expect(fairUse.buckets).toEqual({
      runs: { burst: 10, everyMs: 3000 },
      submissions: { burst: 20, everyMs: 2000 },
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

  it('gives a claim 20 minutes and keeps tutors from deciding on their learners by default', () => {
    expect(loadConfig({}).review).toEqual({ claimMinutes: 20, conflictRule: 'tutor' });
    expect(loadConfig({ REVIEW_CLAIM_MINUTES: '5', REVIEW_CONFLICT_RULE: 'none' }).review).toEqual({
      claimMinutes: 5,
      conflictRule: 'none',
    });
    expect(() => loadConfig({ REVIEW_CONFLICT_RULE: 'sometimes' })).toThrow(/REVIEW_CONFLICT_RULE/);
    expect(() => loadConfig({ REVIEW_CLAIM_MINUTES: '0' })).toThrow(/REVIEW_CLAIM_MINUTES/);
  });

  it('leases a grading job for 60 s and tries it three times by default', () => {
    expect(loadConfig({}).grading).toMatchObject({ leaseSeconds: 60, maxAttempts: 3 });
    expect(loadConfig({ GRADING_LEASE_SECONDS: '3', GRADING_MAX_ATTEMPTS: '5' }).grading).toMatchObject({
      leaseSeconds: 3,
      maxAttempts: 5,
    });
    expect(problems({ GRADING_LEASE_SECONDS: '0', GRADING_MAX_ATTEMPTS: 'many' })).toEqual([
      expect.stringContaining('GRADING_LEASE_SECONDS'),
      expect.stringContaining('GRADING_MAX_ATTEMPTS'),
    ]);
  });

  it('shares a dashboard for 30 s by default, not at all with DASHBOARD_SHARED_SECONDS=0', () => {
    expect(loadConfig({}).dashboardSharedSeconds).toBe(30);
    expect(loadConfig({ DASHBOARD_SHARED_SECONDS: '0' }).dashboardSharedSeconds).toBe(0);
    expect(problems({ DASHBOARD_SHARED_SECONDS: '-1' })).toEqual([
      expect.stringContaining('DASHBOARD_SHARED_SECONDS'),
    ]);
  });

  it('gives the embedded engine a 16-MB buffer cache by default, EMBEDDED_CACHE_MB otherwise', () => {
    expect(loadConfig({}).embeddedCacheMb).toBe(16);
    expect(databaseOptions(loadConfig({ EMBEDDED_CACHE_MB: '128' })).embeddedCacheMb).toBe(128);
    expect(problems({ EMBEDDED_CACHE_MB: '0' })).toEqual([expect.stringContaining('EMBEDDED_CACHE_MB')]);
    expect(problems({ EMBEDDED_CACHE_MB: 'beaucoup' })).toEqual([
      expect.stringContaining('EMBEDDED_CACHE_MB'),
    ]);
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

  it('is reached at the local addresses of PORT over http by default, trusting no proxy', () => {
    const { network } = loadConfig({ PORT: '3100' });
    expect(network).toEqual({
      publicOrigins: ['http://localhost:3100', 'http://127.0.0.1:3100'],
      https: false,
      trustProxy: false,
    });
  });

  it('takes the public origins from PUBLIC_ORIGIN, normalised, https when they all are', () => {
    const { network } = loadConfig({
      PUBLIC_ORIGIN: 'https://Tremplin.gouv.tg/ , https://www.tremplin.gouv.tg:443',
    });
    expect(network.publicOrigins).toEqual(['https://tremplin.gouv.tg', 'https://www.tremplin.gouv.tg']);
    expect(network.https).toBe(true);
  });

  it.each([
    ['tremplin.gouv.tg', 'without a path'],
    ['https://tremplin.gouv.tg/app', 'without a path'],
    ['ftp://tremplin.gouv.tg', 'without a path'],
    ['https://tremplin.gouv.tg,', 'without a path'],
    ['https://tremplin.gouv.tg,http://10.0.0.5:3000', 'only https origins or only http ones'],
  ])('refuses PUBLIC_ORIGIN=%s, naming the variable', (value, reason) => {
    const found = problems({ PUBLIC_ORIGIN: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('PUBLIC_ORIGIN');
    expect(found[0]).toContain(reason);
  });

  it('trusts the proxies named in TRUST_PROXY: addresses, CIDR blocks and range names', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).network.trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, fd00::/8,loopback' }).network.trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'false' }).network.trustProxy).toBe(false);
  });

  it('refuses TRUST_PROXY=true, which would let any client forge its address', () => {
    for (const value of ['true', 'TRUE', 'yes']) {
      const found = problems({ TRUST_PROXY: value });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^TRUST_PROXY=true would let any client forge its address/);
    }
  });

  it.each(['2', '10.0.0.0/33', '::1/129', '10.0.0.1/', '10.0.0.1/8/8', 'proxy.local', '10.0.0.256', ''])(
    'refuses TRUST_PROXY entries that are not addresses: %s',
    (entry) => {
      const found = problems({ TRUST_PROXY: `127.0.0.1,${entry}` });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^TRUST_PROXY must be false or a comma-separated list/);
    },
  );

  it('serves the metrics to this machine only unless METRICS_TOKEN is set, a grader on port 9465', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: 9465 });
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token', METRICS_PORT: '0' }).metrics).toEqual({
      token: 'a-long-enough-token',
      port: 0,
    });
    for (const token of ['short', 'a token with spaces', 'un-jeton-très-secret'])
      expect(problems({ METRICS_TOKEN: token })).toEqual([
        'METRICS_TOKEN must be at least 16 visible ASCII characters, without spaces',
      ]);
  });
});
