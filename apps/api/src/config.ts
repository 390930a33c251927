import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DEFAULT_CEILING, DEFAULT_LIMITS, type LimitCeiling } from '@tremplin/grader';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; absent: the embedded engine in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  prettyLogs: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  /** NODE_ENV=production: the server refuses to start while public demo accounts exist. */
  production: boolean;
  /** Sign-in limits (see README): a growing delay per (account, address), a ceiling per address. */
  login: {
    /** Failures of one account from one address before each further attempt must wait. */
    freeFailures: number;
    /** The longest wait between two attempts of one pair (the delay doubles from one second). */
    maxDelaySeconds: number;
    /** How long a pair's failures count (a success at that address clears them sooner). */
    memoryHours: number;
    /** Distinct accounts failing from one address within the window, beyond which it waits. */
    maxFailingAccountsPerAddress: number;
    addressWindowMinutes: number;
  };
  bodyLimitBytes: number;
  webBuildDir: string;
  shutdownGraceMs: number;
  grading: {
    /** Sandbox worker processes of this instance. */
    poolSize: number;
    /** Whether this instance also takes submissions off the queue (else: `pnpm start:grader`). */
    runWorker: boolean;
    /** How far an exercise may raise its time and memory limits (never below the grader's defaults). */
    ceiling: Required<LimitCeiling>;
  };
  /** The tutors' live dashboards. */
  live: {
    /** Failing runs or submissions in a row that mark a learner stuck. */
    stuckFailedRuns: number;
    /** Minutes online on one exercise without progress that mark a learner stuck. */
    stuckMinutes: number;
    /** Minutes without activity after which a connected learner shows as idle. */
    idleMinutes: number;
    /** How often the socket is pinged; a peer silent for two intervals is dropped. */
    heartbeatSeconds: number;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  // A ceiling below the default limit would silently tighten every ordinary exercise.
  const ceiling = (name: string, key: keyof LimitCeiling, max: number): number =>
    integer(name, DEFAULT_CEILING[key], DEFAULT_LIMITS[key], max);
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  const production = env.NODE_ENV === 'production';
  if (databaseUrl !== undefined) {
    if (!URL.canParse(databaseUrl) || !['postgres:', 'postgresql:'].includes(new URL(databaseUrl).protocol))
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: integer('PORT', 3000, 0, 65_535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    seedDemo: boolean('SEED_DEMO', databaseUrl === undefined && !production),
    logLevel,
    prettyLogs: boolean('PRETTY_LOGS', Boolean(process.stdout.isTTY) && env.NODE_ENV !== 'production'),
    trustProxy: boolean('TRUST_PROXY', false),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    production,
    login: {
      freeFailures: integer('LOGIN_FREE_FAILURES', 3, 1, 100),
      maxDelaySeconds: integer('LOGIN_MAX_DELAY_SECONDS', 15 * 60, 1, 24 * 3600),
      memoryHours: integer('LOGIN_FAILURE_MEMORY_HOURS', 24, 1, 24 * 30),
      // A lab of 200 behind one address, all mistyping at once, stays under it; a stuffing run does not.
      maxFailingAccountsPerAddress: integer('LOGIN_MAX_FAILING_ACCOUNTS_PER_ADDRESS', 300, 1, 1_000_000),
      addressWindowMinutes: integer('LOGIN_ADDRESS_WINDOW_MINUTES', 15, 1, 24 * 60),
    },
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    webBuildDir: path.resolve(REPO_ROOT, env.WEB_BUILD_DIR || 'apps/web/build'),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    grading: {
      poolSize: integer('GRADER_POOL_SIZE', availableParallelism(), 1, 64),
      runWorker: boolean('GRADING_WORKER', true),
      ceiling: {
        cpuMsPerTest: ceiling('GRADER_MAX_CPU_MS_PER_TEST', 'cpuMsPerTest', 600_000),
        cpuMs: ceiling('GRADER_MAX_CPU_MS', 'cpuMs', 600_000),
        wallMs: ceiling('GRADER_MAX_WALL_MS', 'wallMs', 1_200_000),
        memoryMb: ceiling('GRADER_MAX_MEMORY_MB', 'memoryMb', 4096),
      },
    },
    live: {
      stuckFailedRuns: integer('LIVE_STUCK_FAILED_RUNS', 3, 1, 100),
      stuckMinutes: integer('LIVE_STUCK_MINUTES', 10, 1, 24 * 60),
      idleMinutes: integer('LIVE_IDLE_MINUTES', 5, 1, 24 * 60),
      heartbeatSeconds: integer('LIVE_HEARTBEAT_SECONDS', 30, 1, 600),
    },
  };
  if (production && config.seedDemo)
    problems.push(
      'SEED_DEMO cannot be true when NODE_ENV=production: the demo accounts have a public password',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
