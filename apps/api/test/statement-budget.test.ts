// The round trips to the database of a learner's most frequent requests: at a peak hour each one
// waits for a core on both sides, so a request's latency grows with its statements (see the
// peak-hour load test in docs/performance.md). A change that adds one to these paths fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';

let t: TestApp;
let cookie: string;
/** The fair-use clock, moved by hand. */
let clock = Date.UTC(2026, 11, 4, 9, 0, 0);
let somme: Awaited<ReturnType<typeof demoExercise>>;

beforeAll(async () => {
  // No grading worker: its claims and grades are not the request's own.
  t = await buildTestApp({ env: { GRADING_WORKER: 'false' }, fairUse: { now: () => new Date(clock) } });
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant12@tremplin.test');
  somme = await demoExercise(t.database, 'somme');
});
afterAll(() => t.close());

/** The statements one request sends (the live hub's background writes left out), and its answer. */
async function statementsOf(method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
  const statements: string[] = [];
  const stop = t.database.watchStatements((statement) => {
    if (!/live_connections|live_instances|learner_presence/.test(statement)) statements.push(statement);
  });
  try {
    const response = await t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return { statements, body: response.json() };
  } finally {
    stop();
  }
}

describe("a learner's frequent requests, in statements", () => {
  const code = 'export function somme(t) {\n  return t.reduce((a, b) => a + b, 0);\n}\n';

  it('saves a draft in 3: the session, the exercise, the draft', async () => {
    const { statements } = await statementsOf('PUT', `/api/exercises/${somme.id}/draft`, { code });
    expect(statements).toHaveLength(3);
  });

  it('runs code in 4: the session, the fair-use token, the exercise, the Run with its activity line', async () => {
    const depthReads = (statements: string[]) => statements.filter((s) => s.includes('grading_jobs')).length;
    const run = () => statementsOf('POST', `/api/exercises/${somme.id}/runs`, { code });
    // The queue's depth is read by the first run; far below its limit, it serves the runs of the next second.
    const first = await run();
    expect(first.statements).toHaveLength(5);
    expect(depthReads(first.statements)).toBe(1);
    clock += 900;
    const { statements } = await run();
    expect(statements).toHaveLength(4);
    expect(depthReads(statements)).toBe(0);
    clock += 100;
    expect(depthReads((await run()).statements)).toBe(1);
  });

  it('submits in 4: the session, the fair-use token, the exercise, the submission with its job and activity line', async () => {
    const { statements } = await statementsOf('POST', `/api/exercises/${somme.id}/submissions`, {
      code,
      idempotencyKey: 'statement-budget',
    });
    expect(statements).toHaveLength(4);
  });

  it('reads a submission in 3: the session, the submission, its flags and their reviews', async () => {
    const { body } = await statementsOf('POST', `/api/exercises/${somme.id}/submissions`, {
      code,
      idempotencyKey: 'statement-budget-read',
    });
    const { statements } = await statementsOf('GET', `/api/submissions/${body.id}`);
    expect(statements).toHaveLength(3);
  });
});
