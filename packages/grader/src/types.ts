/** Public types of the grader, shared by the API process, the CLI and the workers. */
export type Language = 'javascript' | 'typescript';
export type Locale = 'fr' | 'en';

export interface GradeLimits {
  /** CPU time one test (with its hooks) may use. */
  cpuMsPerTest?: number;
  /** CPU time the whole submission may use (loading included). */
  cpuMs?: number;
  /** Wall-clock time the whole submission may take. */
  wallMs?: number;
  /** Heap limit of the submission's isolate. */
  memoryMb?: number;
  /** Console output kept per test. */
  outputChars?: number;
  /** Largest accepted solution or test file, in UTF-8 bytes. */
  maxSourceBytes?: number;
}

/** The most an exercise may raise each time and memory limit to (the platform's ceiling). */
export type LimitCeiling = Pick<GradeLimits, 'cpuMsPerTest' | 'cpuMs' | 'wallMs' | 'memoryMb'>;

export interface GradeRequest {
  solution: string;
  tests: string;
  language: Language;
  limits?: GradeLimits;
  /** Test full name -> points. Tests left out, skipped and to-do tests are worth 0 points. */
  points?: Record<string, number>;
  /** Language of student-facing messages (French by default). */
  locale?: Locale;
  /**
   * Leave the messages locale-neutral (keys, see harness/template.ts) for the caller to render later, in
   * whichever language, with renderMessage: what a stored result needs. `locale` is then unused.
   */
  neutral?: boolean;
}

export interface TestResult {
  name: string;
  /**
   * 'skipped' (test.skip, describe.skip) and 'todo' (test.todo) tests were not run: they are listed,
   * never graded, and count neither in the status nor in the score.
   */
  status: 'pass' | 'fail' | 'error' | 'skipped' | 'todo';
  message?: string;
  /** Wall-clock time of the test, hooks included. */
  durationMs: number;
  /** CPU time of the test, hooks included: what the per-test limit counts. */
  cpuMs: number;
  output?: string;
}

export interface GradeResult {
  /** 'error' with the "no tests" message when the file has no test to grade (all skipped or to do). */
  status: 'pass' | 'fail' | 'error';
  message?: string;
  score: number;
  tests: TestResult[];
}

/**
 * How a sandbox run ended: graded (the tests ran, passing or not); timeout, memory (a limit stopped
 * them); crashed (the worker process or its isolate died); error (the code could not be graded:
 * syntax, load, no tests, size).
 */
export type SandboxOutcome = 'graded' | 'error' | 'timeout' | 'memory' | 'crashed';

export interface GraderPoolOptions {
  /** Number of worker processes (defaults to the number of cores). */
  size?: number;
  /** Limits applied when a request gives none (each field falls back to the built-in default). */
  defaultLimits?: GradeLimits;
  /**
   * How far a request may raise the time and memory limits (each field falls back to the built-in
   * ceiling); a request above it is clamped to it.
   */
  ceiling?: LimitCeiling;
  /** Extra time the pool grants a worker beyond a job's wall limit before killing it. */
  killGraceMs?: number;
  /** Told how each grade ended (the metrics count them). */
  onOutcome?: (outcome: SandboxOutcome) => void;
}

export interface GraderPool {
  grade(req: GradeRequest): Promise<GradeResult>;
  close(): Promise<void>;
  readonly size: number;
}
