// Observability: the Prometheus metrics at /metrics (what they show after a graded submission, and
// who may read them), a separate grader's metrics server, and the request id followed from the
// proxy's header to the grading worker's log line.
import { Writable } from 'node:stream';
import { schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/metrics.ts';
import { serveMetrics } from '../src/metrics/server.ts';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';
import { LiveClient } from './live-client.ts';

/** pino's JSON lines, as the server writes them. */
class LogLines extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n')) if (line) this.lines.push(JSON.parse(line));
    done();
  }
}

/** A sample's value in the text format, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('metrics and request ids', () => {
  let t: TestApp;
  const logs = new LogLines();
  let cookie = '';
  let somme: Awaited<ReturnType<typeof demoExercise>>;
  let submissionId = '';

  beforeAll(async () => {
    t = await buildTestApp({ logger: { level: 'info', stream: logs } });
    cookie = await signIn(t.app, 'etudiant1@tremplin.test');
    somme = await demoExercise(t.database, 'somme');
    const spec = somme.spec as Extract<typeof somme.spec, { kind: 'code' }>;
    const graded = await submitAndWait(
      t.app,
      cookie,
      somme.id,
      { code: spec.solution },
      { 'x-request-id': 'proxy-7f3a:42.b' },
    );
    expect(graded.status).toBe('graded');
    submissionId = graded.id;
  });
  afterAll(() => t.close());

  it('shows the request histogram by route pattern, the queue, the grading time and the sandbox outcome', async () => {
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    const submitted =
      'tremplin_http_request_duration_seconds_count{method="POST",route="/api/exercises/:id/submissions",status_class="2xx"}';
    expect(sample(text, submitted)).toBe(1);
    // The pattern, never the address: no exercise id in any label.
    expect(text).not.toContain(somme.id);
    expect(sample(text, 'tremplin_grading_jobs{state="queued"}')).toBe(0);
    expect(sample(text, 'tremplin_grading_jobs{state="running"}')).toBe(0);
    expect(sample(text, 'tremplin_grading_jobs{state="failed"}')).toBe(0);
    expect(sample(text, 'tremplin_grading_oldest_queued_seconds')).toBe(0);
    expect(sample(text, 'tremplin_grading_duration_seconds_count{kind="code"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tremplin_grading_queue_wait_seconds_count')).toBeGreaterThanOrEqual(1);
    // Visible and hidden tests: two sandbox runs, both graded.
    expect(sample(text, 'tremplin_sandbox_outcomes_total{outcome="graded"}')).toBeGreaterThanOrEqual(2);
    // The process's own.
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts a job waiting in the queue and its age', async () => {
    const [job] = await t.database.db
      .select({ id: schema.gradingJobs.id })
      .from(schema.gradingJobs)
      .where(eq(schema.gradingJobs.submissionId, submissionId));
    // The graded job, put back as waiting since a minute: what a stalled queue looks like.
    await t.database.db
      .update(schema.gradingJobs)
      .set({
        status: 'queued',
        runAfter: new Date(Date.now() + 3_600_000),
        createdAt: new Date(Date.now() - 60_000),
      })
      .where(eq(schema.gradingJobs.id, job!.id));
    try {
      const text = (await t.app.inject({ url: '/metrics' })).body;
      expect(sample(text, 'tremplin_grading_jobs{state="queued"}')).toBe(1);
      expect(sample(text, 'tremplin_grading_oldest_queued_seconds')).toBeGreaterThanOrEqual(59);
    } finally {
      await t.database.db
        .update(schema.gradingJobs)
        .set({ status: 'done' })
        .where(eq(schema.gradingJobs.id, job!.id));
    }
  });

  it('counts the open live sockets by role and the messages written to them', async () => {
    const client = await LiveClient.open(t.app, cookie);
    try {
      const text = (await t.app.inject({ url: '/metrics' })).body;
      expect(sample(text, 'tremplin_live_sockets')).toBe(1);
      expect(sample(text, 'tremplin_live_sockets_by_role{role="student"}')).toBe(1);
      expect(sample(text, 'tremplin_live_messages_sent_total')).toBeGreaterThanOrEqual(1);
    } finally {
      client.close();
      await client.waitClosed();
    }
  });

  it('keeps the proxy’s request id, stores it on the grading job and logs it with the grade', async () => {
    const [job] = await t.database.db
      .select({ id: schema.gradingJobs.id, requestId: schema.gradingJobs.requestId })
      .from(schema.gradingJobs)
      .where(eq(schema.gradingJobs.submissionId, submissionId));
    expect(job!.requestId).toBe('proxy-7f3a:42.b');
    const graded = logs.lines.find((line) => line.msg === 'graded' && line.submissionId === submissionId);
    expect(graded).toMatchObject({ reqId: 'proxy-7f3a:42.b', jobId: job!.id, component: 'grading' });
    // The request's own lines carry the same id.
    expect(
      logs.lines.some((line) => line.reqId === 'proxy-7f3a:42.b' && line.msg === 'request completed'),
    ).toBe(true);
  });

  it('echoes a well-formed request id and replaces any other by a UUID', async () => {
    const kept = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    for (const given of ['x'.repeat(129), 'a b', 'évident', 'a\u0000b', '']) {
      const replaced = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': given } });
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
    const none = await t.app.inject({ url: '/api/nowhere' });
    expect(none.statusCode).toBe(404);
    expect(none.headers['x-request-id']).toMatch(UUID);
  });

  it('hides the metrics from any peer that is not this machine, whatever X-Forwarded-For says', async () => {
    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(404);
    expect(remote.json().code).toBe('TREMPLIN_ERR_NOT_FOUND');
    const spoofed = await t.app.inject({
      url: '/metrics',
      remoteAddress: '10.0.0.7',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(404);
    // A proxy on this machine relays the internet's requests: those are not served either.
    const relayed = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
  });

  it('is left out of the API documentation', async () => {
    const docs = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, object> };
    expect(Object.keys(docs.paths)).not.toContain('/metrics');
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  const token = 'scrape-token-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: token, TRUST_PROXY: '10.0.0.0/8' } });
  });
  afterAll(() => t.close());

  it('answers 401 without the token or with another, even to this machine, and serves its bearer anywhere', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${token}`,
      `Bearer ${token}x`,
    ]) {
      const response = await t.app.inject({
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json().code).toBe('TREMPLIN_ERR_METRICS_TOKEN');
    }
    const served = await t.app.inject({
      url: '/metrics',
      remoteAddress: '10.0.0.7',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(served.statusCode).toBe(200);
    expect(served.body).toContain('tremplin_grading_jobs');
  });
});

describe("a separate grader's metrics server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
  });
  afterAll(() => t.close());

  async function serve(token: string | undefined) {
    const metrics = createMetrics(t.database.db, { warn: () => {} });
    return serveMetrics({ metrics, token, port: 0, host: '127.0.0.1', log: { warn: () => {} } });
  }

  it('serves the grading and process metrics to this machine and a 404 elsewhere on its port', async () => {
    const { server, port } = await serve(undefined);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(sample(text, 'tremplin_grading_jobs{state="queued"}')).toBe(0);
      expect(text).toContain('tremplin_grading_duration_seconds');
      expect(text).toContain('tremplin_sandbox_outcomes_total');
      expect(text).toMatch(/^process_cpu_seconds_total \d/m);
      expect(text).not.toContain('tremplin_http_request_duration_seconds');
      const elsewhere = await fetch(`http://127.0.0.1:${port}/`);
      expect(elsewhere.status).toBe(404);
      expect((await elsewhere.json()).code).toBe('TREMPLIN_ERR_NOT_FOUND');
    } finally {
      server.close();
    }
  });

  it('asks for the token when one is set', async () => {
    const token = 'grader-token-0123456789';
    const { server, port } = await serve(token);
    try {
      const refused = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect((await refused.json()).code).toBe('TREMPLIN_ERR_METRICS_TOKEN');
      const served = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(served.status).toBe(200);
    } finally {
      server.close();
    }
  });
});
