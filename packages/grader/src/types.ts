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

export interface GradeRequest {
  solution: string;
  tests: string;
  language: Language;
  limits?: GradeLimits;
  /** Test full name -> points. Tests left out are worth 0 points. */
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
  status: 'pass' | 'fail' | 'error';
  message?: string;
  durationMs: number;
  output?: string;
}

export interface GradeResult {
  status: 'pass' | 'fail' | 'error';
  message?: string;
  score: number;
  tests: TestResult[];
}

export interface GraderPoolOptions {
  /** Number of worker processes (defaults to the number of cores). */
  size?: number;
  /** Limits applied when a request gives none (each field falls back to the built-in default). */
  defaultLimits?: GradeLimits;
  /** Extra time the pool grants a worker beyond a job's wall limit before killing it. */
  killGraceMs?: number;
}

export interface GraderPool {
  grade(req: GradeRequest): Promise<GradeResult>;
  close(): Promise<void>;
  readonly size: number;
}
