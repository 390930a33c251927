import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { EMBEDDED_CACHE_MB, type DatabaseOptions } from '@tremplin/db';
import { DEFAULT_CEILING, DEFAULT_LIMITS, type LimitCeiling } from '@tremplin/grader';

/** How long a dashboard is shared by everyone who asks for the same scope, by default (seconds). */
export const DASHBOARD_SECONDS = 30;

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; absent: the embedded engine in dataDir. */
  databaseUrl: string | undefined;
  /** Straight to PostgreSQL when databaseUrl is a pooler in transaction mode (LISTEN, the migrations' lock). */
  databaseDirectUrl: string | undefined;
  /** postgres.js's named prepared statements (off behind a pooler that does not keep them). */
  preparedStatements: boolean;
  dataDir: string;
  /** The embedded engine's buffer cache, in MB (unused with a PostgreSQL server). */
  embeddedCacheMb: number;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  prettyLogs: boolean;
  sessionTtlHours: number;
  /** How long the coordination's dashboard of one scope is shared by everyone who asks (0: never). */
  dashboardSharedSeconds: number;
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
  /** Where browsers reach the platform, and who may tell the server a client's address. */
  network: {
    /** The origins the platform is served at (`https://tremplin.gouv.tg`): live sockets from any other are refused. */
    publicOrigins: string[];
    /** Whether those origins are https: the session cookie is Secure and HSTS is sent. */
    https: boolean;
    /** Fastify's `trustProxy`: off, or the addresses (IPs, CIDR blocks) of the proxies in front. */
    trustProxy: false | string[];
  };
  grading: {
    /** Sandbox worker processes of this instance. */
    poolSize: number;
    /** Whether this instance also takes submissions off the queue (else: `pnpm start:grader`). */
    runWorker: boolean;
    /** How long a claimed job is its worker's: past it (the worker died) another claims it again. */
    leaseSeconds: number;
    /** Attempts of a job before it is dead (`failed`) and its submission `error`. */
    maxAttempts: number;
    /** How far an exercise may raise its time and memory limits (never below the grader's defaults). */
    ceiling: Required<LimitCeiling>;
  };
  /** Fair use of the graders and of the tutors' attention (docs/adr/0007-fair-use-of-the-graders.md). */
  fairUse: FairUseConfig;
  /** The public call for tutors: candidates' sign-ups and supporting documents. */
  recruitment: {
    /** The largest PDF a candidate may attach, in bytes. */
    maxDocumentBytes: number;
    /** Documents per application. */
    maxDocuments: number;
    /** Candidate accounts one address may create per hour (the public sign-up's limit). */
    signUpsPerAddressPerHour: number;
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
    /** Sockets being opened at once (authenticated, loaded); those beyond wait: 503 and Retry-After. */
    maxPendingConnects: number;
  };
  /** Prometheus metrics at `/metrics` (docs/architecture.md, Observability). */
  metrics: {
    /** Required as a bearer token when set; when unset only this machine's scrapers are served. */
    token: string | undefined;
    /** Where a separate grader (`pnpm start:grader`) serves its metrics; 0: not served. */
    port: number;
  };
  /** The graders' review queue. */
  review: {
    /** How long a grader's claim on a flag lasts (claiming again renews it). */
    claimMinutes: number;
    /** `tutor`: a grader who tutors the learner's group cannot decide on that learner; `none`: no rule. */
    conflictRule: 'tutor' | 'none';
  };
}

/** The actions limited per user by a token bucket. */
export const LIMITED_ACTIONS = ['runs', 'submissions', 'help', 'messages'] as const;
export type LimitedAction = (typeof LIMITED_ACTIONS)[number];

export interface FairUseConfig {
  /** Whether the per-user limits apply at all (off only for load tests). */
  enabled: boolean;
  /** Per action: a burst of `burst` at once, then one more every `everyMs`. */
  buckets: Record<LimitedAction, { burst: number; everyMs: number }>;
  /** Runs of one learner being graded at once on one instance; one more answers 429. */
  runsInFlightPerLearner: number;
  /** New runs are refused (503) when the queued work would take the graders longer than this. */
  backlogSeconds: number;
  /** Jobs the graders clear per second, what the backlog is measured against. */
  gradedPerSecond: number;
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

  // `<PREFIX>_BURST` requests at once, then one more every `<PREFIX>_EVERY_SECONDS`.
  const bucket = (prefix: string, burst: number, everySeconds: number) => ({
    burst: integer(`${prefix}_BURST`, burst, 1, 100_000),
    everyMs: integer(`${prefix}_EVERY_SECONDS`, everySeconds, 1, 24 * 3600) * 1000,
  });
  const poolSize = integer('GRADER_POOL_SIZE', availableParallelism(), 1, 64);

  const databaseUrl = env.DATABASE_URL || undefined;
  const databaseDirectUrl = env.DATABASE_DIRECT_URL || undefined;
  const production = env.NODE_ENV === 'production';
  for (const [name, url] of [
    ['DATABASE_URL', databaseUrl],
    ['DATABASE_DIRECT_URL', databaseDirectUrl],
  ] as const) {
    if (
      url !== undefined &&
      !(URL.canParse(url) && ['postgres:', 'postgresql:'].includes(new URL(url).protocol))
    )
      problems.push(`${name} must be a postgres:// or postgresql:// URL`);
  }
  if (databaseDirectUrl !== undefined && databaseUrl === undefined)
    problems.push(
      'DATABASE_DIRECT_URL goes with DATABASE_URL (a pooler in front of the same PostgreSQL database)',
    );

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const port = integer('PORT', 3000, 0, 65_535);
  const publicOrigins = parsePublicOrigins(env.PUBLIC_ORIGIN, port, problems);

  const config: Config = {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    databaseDirectUrl,
    preparedStatements: boolean('DATABASE_PREPARED_STATEMENTS', true),
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    embeddedCacheMb: integer('EMBEDDED_CACHE_MB', EMBEDDED_CACHE_MB, 1, 1024),
    seedDemo: boolean('SEED_DEMO', databaseUrl === undefined && !production),
    logLevel,
    prettyLogs: boolean('PRETTY_LOGS', Boolean(process.stdout.isTTY) && env.NODE_ENV !== 'production'),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    dashboardSharedSeconds: integer('DASHBOARD_SHARED_SECONDS', DASHBOARD_SECONDS, 0, 3600),
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
    network: {
      publicOrigins,
      https: publicOrigins.every((origin) => origin.startsWith('https:')),
      trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    },
    grading: {
      poolSize,
      runWorker: boolean('GRADING_WORKER', true),
      leaseSeconds: integer('GRADING_LEASE_SECONDS', 60, 1, 3600),
      maxAttempts: integer('GRADING_MAX_ATTEMPTS', 3, 1, 20),
      ceiling: {
        cpuMsPerTest: ceiling('GRADER_MAX_CPU_MS_PER_TEST', 'cpuMsPerTest', 600_000),
        cpuMs: ceiling('GRADER_MAX_CPU_MS', 'cpuMs', 600_000),
        wallMs: ceiling('GRADER_MAX_WALL_MS', 'wallMs', 1_200_000),
        memoryMb: ceiling('GRADER_MAX_MEMORY_MB', 'memoryMb', 4096),
      },
    },
    fairUse: {
      enabled: boolean('RATE_LIMITS', true),
      buckets: {
        runs: bucket('RATE_RUNS', 10, 3),
        submissions: bucket('RATE_SUBMISSIONS', 20, 2),
        help: bucket('RATE_HELP', 3, 60),
        messages: bucket('RATE_MESSAGES', 20, 3),
      },
      runsInFlightPerLearner: integer('RUNS_IN_FLIGHT_PER_LEARNER', 1, 1, 100),
      backlogSeconds: integer('GRADING_BACKLOG_SECONDS', 30, 0, 3600),
      // The typical grade takes a sandbox 2 to 3 ms (docs/performance.md), but a submission is two
      // sandbox runs and three transactions, and a loop holds a process up to its CPU limit: ten per
      // process and second is a prudent middle.
      gradedPerSecond: integer('GRADING_JOBS_PER_SECOND', poolSize * 10, 1, 100_000),
    },
    recruitment: {
      maxDocumentBytes: integer('RECRUITMENT_MAX_DOCUMENT_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
      maxDocuments: integer('RECRUITMENT_MAX_DOCUMENTS', 5, 1, 50),
      signUpsPerAddressPerHour: integer('RECRUITMENT_SIGN_UPS_PER_ADDRESS_PER_HOUR', 10, 1, 100_000),
    },
    live: {
      stuckFailedRuns: integer('LIVE_STUCK_FAILED_RUNS', 3, 1, 100),
      stuckMinutes: integer('LIVE_STUCK_MINUTES', 10, 1, 24 * 60),
      idleMinutes: integer('LIVE_IDLE_MINUTES', 5, 1, 24 * 60),
      heartbeatSeconds: integer('LIVE_HEARTBEAT_SECONDS', 30, 1, 600),
      maxPendingConnects: integer('LIVE_MAX_PENDING_CONNECTS', 200, 1, 100_000),
    },
    metrics: {
      token: metricsToken(env.METRICS_TOKEN, problems),
      port: integer('METRICS_PORT', 9465, 0, 65_535),
    },
    review: {
      claimMinutes: integer('REVIEW_CLAIM_MINUTES', 20, 1, 24 * 60),
      conflictRule: conflictRule(env.REVIEW_CONFLICT_RULE, problems),
    },
  };
  if (production && config.seedDemo)
    problems.push(
      'SEED_DEMO cannot be true when NODE_ENV=production: the demo accounts have a public password',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** How the server and the graders open the database. */
export function databaseOptions(config: Config): DatabaseOptions {
  return {
    url: config.databaseUrl,
    directUrl: config.databaseDirectUrl,
    prepare: config.preparedStatements,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
  };
}

/**
 * PUBLIC_ORIGIN: a comma-separated list of http(s) origins, all https or all http (a Secure cookie
 * would not reach an http origin, and a plain cookie would leak from an https one); by default the
 * local addresses of PORT.
 */
function parsePublicOrigins(raw: string | undefined, port: number, problems: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const origins: string[] = [];
  for (const item of raw.split(',').map((part) => part.trim())) {
    const url = URL.canParse(item) ? new URL(item) : undefined;
    const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!url || !['http:', 'https:'].includes(url.protocol) || !bare) {
      problems.push(
        `PUBLIC_ORIGIN must list origins such as https://tremplin.gouv.tg, without a path (got "${item}")`,
      );
      return [];
    }
    origins.push(url.origin);
  }
  if (new Set(origins.map((origin) => origin.startsWith('https:'))).size > 1)
    problems.push('PUBLIC_ORIGIN must list only https origins or only http ones, not both');
  return origins;
}

/** METRICS_TOKEN: unset, or a secret long enough not to be guessed, sendable in a header. */
function metricsToken(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (/^[\x21-\x7e]{16,}$/.test(raw)) return raw;
  problems.push('METRICS_TOKEN must be at least 16 visible ASCII characters, without spaces');
  return undefined;
}

/** REVIEW_CONFLICT_RULE: `tutor` (the default) or `none`. */
function conflictRule(raw: string | undefined, problems: string[]): Config['review']['conflictRule'] {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'tutor') return 'tutor';
  if (value === 'none') return 'none';
  problems.push(`REVIEW_CONFLICT_RULE must be tutor or none (got "${raw}")`);
  return 'tutor';
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Whether an entry names addresses: an IP, a CIDR block, or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (the default: the socket's address is the client's) or the addresses of the
 * proxies in front (`127.0.0.1`, `10.0.0.0/8`, `loopback`). `true` is refused: it would believe any
 * client's X-Forwarded-For, so anyone could pick the address that sign-in limits count. So is a number
 * of hops, which Fastify no longer honours (it cannot tell a proxy from a client that sends headers).
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): Config['network']['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || ['false', 'no', '0'].includes(value.toLowerCase())) return false;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  problems.push(
    ['true', 'yes'].includes(value.toLowerCase())
      ? 'TRUST_PROXY=true would let any client forge its address with X-Forwarded-For: name the addresses of the proxies in front (e.g. 127.0.0.1 or 10.0.0.0/8)'
      : `TRUST_PROXY must be false or a comma-separated list of proxy addresses or CIDR blocks, e.g. 127.0.0.1,10.0.0.0/8 (got "${value}")`,
  );
  return false;
}
