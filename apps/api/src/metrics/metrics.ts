// Prometheus metrics (prom-client): what the API and the graders measure, in one registry per app
// or grader process, beside the process's own (CPU, memory, event loop, GC).
import { countGradingQueue, type Db } from '@tremplin/db';
import { SANDBOX_OUTCOMES, type SandboxOutcome } from '@tremplin/grader';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

let processRegistry: Registry | undefined;

/**
 * The process's metrics, registered once however many apps the process builds (tests build
 * dozens): each registration would start an event-loop monitor and a GC observer of its own.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A grade's time in seconds, from a few milliseconds (an English answer) to the wall limit. */
const GRADING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** A wait in the queue: nothing in a quiet hour, minutes in a rush. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** What the grading worker and the sandbox pool report. */
export interface GradingMetrics {
  /** A job's first claim, seconds after it was queued (both read from the database's clock). */
  queueWait: Histogram;
  /** From a job claimed to its grade stored; `kind`: code (the sandbox) or answer. */
  duration: Histogram<'kind'>;
  /** The pool's onOutcome. */
  sandboxOutcome(outcome: SandboxOutcome): void;
}

/** What the live hub reports. */
export interface LiveMetrics {
  sockets: Gauge;
  socketsByRole: Gauge<'role'>;
  /** Messages written to live sockets. */
  messagesSent: Counter;
}

export interface Metrics {
  readonly registry: Registry;
  grading: GradingMetrics;
  /** The whole text of a scrape: the process's metrics and this registry's. */
  scrape(): Promise<string>;
}

/**
 * The grading metrics, the queue's depth read at each scrape included: one statement, shared by
 * the gauges (and by scrapes arriving together); when the database cannot answer, the gauges are
 * left out of that scrape and the rest is still served.
 */
export function createMetrics(db: Db, log: { warn(obj: object, msg: string): void }): Metrics {
  const registry = new Registry();
  let reading: ReturnType<typeof countGradingQueue> | undefined;
  const depth = () => {
    reading ??= countGradingQueue(db).finally(() => (reading = undefined));
    return reading;
  };
  new Gauge({
    name: 'tremplin_grading_jobs',
    help: 'Grading jobs by state (queued, running, failed), read at the scrape',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { queued, running, failed } = await depth();
        this.set({ state: 'queued' }, queued);
        this.set({ state: 'running' }, running);
        this.set({ state: 'failed' }, failed);
      } catch (error) {
        log.warn({ err: error }, 'grading queue depth not read for the metrics');
      }
    },
  });
  new Gauge({
    name: 'tremplin_grading_oldest_queued_seconds',
    help: 'Age of the oldest queued grading job (0 when none waits)',
    registers: [registry],
    async collect() {
      this.reset();
      // Its sibling logs the failure.
      const read = await depth().catch(() => undefined);
      if (read) this.set(read.oldestWaitingSeconds ?? 0);
    },
  });
  const outcomes = new Counter({
    name: 'tremplin_sandbox_outcomes_total',
    help: 'Sandbox runs (runs, submissions, previews) by how they ended: graded, error, timeout, memory, crashed',
    labelNames: ['outcome'],
    registers: [registry],
  });
  // Every series from the start: a rate over an outcome not seen yet is 0, not absent.
  for (const outcome of SANDBOX_OUTCOMES) outcomes.inc({ outcome }, 0);
  const grading: GradingMetrics = {
    queueWait: new Histogram({
      name: 'tremplin_grading_queue_wait_seconds',
      help: 'From a submission queued to its job first claimed by a grading worker',
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'tremplin_grading_duration_seconds',
      help: 'From a grading job claimed to its grade stored, by kind (code, answer)',
      labelNames: ['kind'],
      buckets: GRADING_BUCKETS,
      registers: [registry],
    }),
    sandboxOutcome: (outcome) => outcomes.inc({ outcome }),
  };
  for (const kind of ['code', 'answer']) grading.duration.zero({ kind });
  return {
    registry,
    grading,
    scrape: async () => `${await processMetrics().metrics()}\n${await registry.metrics()}`,
  };
}
