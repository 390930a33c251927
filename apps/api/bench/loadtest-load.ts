// The simulated users of `pnpm loadtest`, in a process of their own: the active learners (each
// with their feed socket, browsing, saving drafts, running and submitting code, answering English
// exercises, then following the grade as the web client does), the tutors on their live
// cockpits (each watching their group; latency from a learner's request to the tile's change), and
// the coordinators on their dashboards.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { openingUrl, openSocket, pool, type TileLike } from './live-sockets.ts';
import type { BenchPeople } from './seed.ts';
import { LOOP_TIMER_MS, round, summarize } from './stats.ts';

type Inbound =
  | {
      type: 'start';
      bases: string[];
      people: BenchPeople;
      active: number;
      seconds: number;
      /** Seconds of the same load before the peak is measured (the instances' and database's caches warm). */
      warmupSeconds: number;
      thinkSeconds: number;
    }
  | { type: 'run' }
  | { type: 'drop' }
  | { type: 'close' };

export interface KindReport {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

/** Every HTTP request of a 10-second window of the run, the warm-up's included. */
export interface Window {
  /** Seconds since the start of the warm-up. */
  from: number;
  warmup: boolean;
  count: number;
  errors: number;
  p50: number;
  p99: number;
}

export interface LoadReport {
  kinds: Record<string, KindReport>;
  /** The warm-up's requests and how many failed (not in `kinds`). */
  warmup: { requests: number; errors: number };
  timeline: Window[];
  /** Every HTTP request together. */
  api: { p50: number; p99: number };
  submissions: number;
  /** The ids of the submissions the API accepted, to be found graded in the database. */
  accepted: string[];
  submitToResult: { count: number; p50: number; p99: number; max: number };
  tutorEvents: { count: number; p50: number; p99: number; max: number };
  /** The same by the learner's action that changed the tile. */
  tutorEventsByAction: Record<Pending['kind'], { count: number; p50: number; p99: number; max: number }>;
  /** Learner actions whose effect no tutor tile showed within 10 s of the end. */
  tutorMissing: number;
  socketErrors: number;
  /** Sockets the server closed during the peak, opened again by their client. */
  reopened: number;
  /** This process's event-loop delay over the peak (ms, a 10-ms timer): its own share of the figures. */
  loopDelay: { p99: number; max: number };
}

interface Learner {
  id: string;
  token: string;
  base: string;
  /** The code exercise the learner works on this hour (their tutor's tile counts its attempts). */
  exerciseId: string;
  socket?: WebSocket;
}

/** A learner action a tutor's tile should show. */
interface Pending {
  kind: 'draft' | 'run' | 'submit';
  t0: number;
  wall: number;
  /** The code exercise acted on, and its attempts as the tutor's tile last showed them. */
  exerciseId: string;
  attempts: number;
}

/** Share of each learner action in the hour: typing and reading dominate. */
const MIX: Array<[Action, number]> = [
  ['browse', 30],
  ['draft', 30],
  ['run', 15],
  ['submit', 10],
  ['english', 15],
];
type Action = 'browse' | 'draft' | 'run' | 'submit' | 'english';

const send = (message: object) => process.send!(message);
let setup: Extract<Inbound, { type: 'start' }>;
const learners: Learner[] = [];
const sockets: WebSocket[] = [];
const latencies = new Map<string, number[]>();
const failures = new Map<string, Record<string, number>>();
const submitToResult: number[] = [];
const tutorEvents: number[] = [];
const tutorEventsByAction: Record<Pending['kind'], number[]> = { draft: [], run: [], submit: [] };
const pending = new Map<string, Pending>();
const attempts = new Map<string, number>();
/**
 * Attempts by learner and exercise, as the tiles showed them: a tile shows the learner's current
 * exercise, which an English answer changes, so counts of different exercises are never compared.
 */
const attemptsOn = new Map<string, number>();
const onExercise = (learnerId: string, exerciseId: string) => `${learnerId} ${exerciseId}`;
/** English exercises with a valid answer to send (built from their public spec). */
let englishAnswers: Array<{ id: string; answer: object }> = [];
/** The users are acting (warm-up included), until the peak's last answers are in. */
let running = false;
/** When the users started, and when the warm-up ended (performance.now()). */
let usersStarted = 0;
let peakFrom = Number.POSITIVE_INFINITY;
/** The simulated users' own event loop over the peak: a stall here would be counted as the server's. */
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_TIMER_MS });
/** Whether what started at `t0` counts in the peak's figures (the warm-up's does not). */
const measured = (t0: number) => running && t0 >= peakFrom;
/** Every request of the run as [ms since the users started, latency ms, failed]. */
const timeline: Array<[number, number, boolean]> = [];
let submissions = 0;
const accepted: string[] = [];
let socketErrors = 0;
let sequence = 0;

process.on('message', (message: Inbound) => {
  void handle(message).catch((error: unknown) => {
    send({ type: 'failed', error: String((error as Error)?.stack ?? error) });
  });
});

async function handle(message: Inbound): Promise<void> {
  if (message.type === 'start') {
    setup = message;
    send({ type: 'connected', ...(await connect()) });
  } else if (message.type === 'run') {
    send({ type: 'report', report: await peak() });
  } else if (message.type === 'drop') {
    send({ type: 'dropped', drill: await dropAll() });
  } else {
    for (const socket of sockets) {
      closing.add(socket);
      socket.terminate();
    }
    setImmediate(() => process.exit(0));
  }
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sleeps at most until `ends`: a user thinking past the end of the peak stops there. */
const sleepUntil = (ms: number, ends: number) => sleep(Math.max(0, Math.min(ms, ends - performance.now())));
/** Exponentially distributed think time (a Poisson stream of actions per user). */
const think = (meanSeconds: number) => -Math.log(1 - Math.random()) * meanSeconds * 1000;

async function connect() {
  const started = performance.now();
  const { people, bases, active } = setup;
  const everyone = people.groups.flatMap((g) => g.students);
  // The active learners: a random share of the programme, so most groups have a few.
  for (let i = everyone.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [everyone[i], everyone[j]] = [everyone[j]!, everyone[i]!];
  }
  everyone
    .slice(0, active)
    .forEach((s, i) =>
      learners.push({ ...s, base: bases[i % bases.length]!, exerciseId: pick(people.exerciseIds) }),
    );
  const { tutorsFailed, learnersFailed } = await openAll(64, (tile) => {
    attempts.set(tile.learnerId, tile.attempts ?? 0);
    if (tile.exercise) attemptsOn.set(onExercise(tile.learnerId, tile.exercise.id), tile.attempts ?? 0);
  });
  englishAnswers = (
    await Promise.all(
      people.english.map(async ({ id }) => {
        const response = await fetch(`http://${learners[0]!.base}/api/exercises/${id}`, {
          headers: { cookie: `tremplin_session=${learners[0]!.token}` },
        });
        const exercise = (await response.json()) as { spec: Spec };
        const answer = answerFor(exercise.spec);
        return answer ? { id, answer } : undefined;
      }),
    )
  ).filter((e): e is { id: string; answer: object } => e !== undefined);
  return {
    ms: Math.round(performance.now() - started),
    tutors: people.groups.length - tutorsFailed,
    students: learners.length - learnersFailed,
    failed: tutorsFailed + learnersFailed,
  };
}

/** Opens every tutor's cockpit and every active learner's feed, `concurrency` at a time. */
/** Sockets this process closes itself (the drop drill, the end): not to be reopened. */
const closing = new WeakSet<WebSocket>();
/** Sockets the server closed (a restart, `resync`) and that were opened again, as the web client does. */
let reopened = 0;

/**
 * Opens one socket as the web client does, and opens it again (after 0.5 s ± 25 %, to a snapshot)
 * whenever the server closes it.
 */
async function follow(
  base: string,
  token: string,
  channel: string,
  onSocket: (socket: WebSocket) => void,
  hooks: { onTile?: (tile: TileLike) => void; onDeferred?: () => void } = {},
): Promise<void> {
  const socket = await openSocket(
    openingUrl(`ws://${base}`, [{ type: 'subscribe', channel }]),
    token,
    channel,
    hooks,
  );
  socket.on('error', () => (socketErrors += 1));
  socket.on('close', () => {
    const at = sockets.indexOf(socket);
    if (at >= 0) sockets.splice(at, 1);
    if (closing.has(socket)) return;
    reopened += 1;
    setTimeout(
      () => void follow(base, token, channel, onSocket, hooks).catch(() => (socketErrors += 1)),
      500 * (0.75 + Math.random() / 2),
    );
  });
  sockets.push(socket);
  onSocket(socket);
}

/** Opens every tutor's cockpit and every active learner's feed, `concurrency` at a time. */
async function openAll(
  concurrency: number,
  onTile: (tile: TileLike) => void,
  hooks: { onDeferred?: () => void } = {},
) {
  const { people, bases } = setup;
  const started = performance.now();
  const tutorsFailed = await pool(people.groups, concurrency, (group) =>
    follow(
      bases[people.groups.indexOf(group) % bases.length]!,
      group.tutor.token,
      `group:${group.id}`,
      (socket) => socket.on('message', onTutorMessage),
      { onTile, ...hooks },
    ),
  );
  const tutorsMs = performance.now() - started;
  const learnersFailed = await pool(learners, concurrency, (learner) =>
    follow(learner.base, learner.token, `feed:${learner.id}`, (socket) => (learner.socket = socket), hooks),
  );
  return { tutorsFailed, learnersFailed, tutorsMs };
}

export interface DropDrill {
  sockets: number;
  /** From the drop to every cockpit showing its group again, then to every socket back. */
  tutorsBackMs: number;
  allBackMs: number;
  deferred: number;
  failed: number;
  /** Tiles whose attempts after the reconnection differ from what the cockpit showed before. */
  tiles: number;
  mismatched: number;
}

/**
 * The drill of a network blip: every socket dropped at once (the activity over), then every
 * cockpit and feed reconnected as fast as the server admits them. Each cockpit's new snapshot
 * (read from the database) must match the tiles it had from live events before the drop.
 */
async function dropAll(): Promise<DropDrill> {
  const before = new Map(attempts);
  const count = sockets.length;
  for (const socket of sockets.splice(0)) {
    closing.add(socket);
    socket.terminate();
  }
  const started = performance.now();
  let deferred = 0;
  let tiles = 0;
  let mismatched = 0;
  const { tutorsFailed, learnersFailed, tutorsMs } = await openAll(
    200,
    (tile) => {
      tiles += 1;
      if ((tile.attempts ?? 0) !== (before.get(tile.learnerId) ?? 0)) mismatched += 1;
    },
    { onDeferred: () => (deferred += 1) },
  );
  return {
    sockets: count,
    tutorsBackMs: Math.round(tutorsMs),
    allBackMs: Math.round(performance.now() - started),
    deferred,
    failed: tutorsFailed + learnersFailed,
    tiles,
    mismatched,
  };
}

type Spec = { kind: string } & Record<string, unknown>;
type Option = { id: string };

/** A well-formed answer to an English exercise (right or wrong: the graders do the same work). */
function answerFor(spec: Spec): object | undefined {
  const ids = (key: string) => ((spec[key] as Option[] | undefined) ?? []).map((o) => o.id);
  switch (spec.kind) {
    case 'choice':
      return { kind: 'choice', selected: ids('options').slice(0, 1) };
    case 'cloze': {
      const gaps = (spec.segments as Array<{ type: string; id?: string }>).filter((s) => s.type === 'gap');
      return { kind: 'cloze', gaps: Object.fromEntries(gaps.map((g) => [g.id!, 'function'])) };
    }
    case 'ordering':
      return { kind: 'ordering', order: ids('items') };
    case 'matching': {
      const right = ids('right');
      return { kind: 'matching', pairs: Object.fromEntries(ids('left').map((l, i) => [l, right[i]!])) };
    }
    case 'dictation':
      return { kind: 'dictation', text: 'Please run the tests before you push your changes.' };
    case 'writing':
      return {
        kind: 'writing',
        text: Array.from({ length: Number(spec.minWords ?? 20) + 5 }, (_, i) => `word${i}`).join(' '),
      };
    default:
      return undefined;
  }
}

/** One HTTP request of a user, timed and counted under `kind`; answers the parsed body (or undefined). */
async function request(
  kind: string,
  token: string,
  base: string,
  method: string,
  path: string,
  body?: object,
): Promise<{ status: number; json?: Record<string, unknown> }> {
  const t0 = performance.now();
  try {
    const response = await fetch(`http://${base}${path}`, {
      method,
      headers: {
        cookie: `tremplin_session=${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    record(kind, performance.now() - t0, response.ok ? undefined : String(response.status));
    return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : undefined };
  } catch (error) {
    record(kind, performance.now() - t0, (error as Error).name === 'TypeError' ? 'network' : 'error');
    return { status: 0 };
  }
}

function record(kind: string, ms: number, failure?: string): void {
  if (running) timeline.push([performance.now() - ms - usersStarted, ms, failure !== undefined]);
  if (!measured(performance.now() - ms)) return;
  let list = latencies.get(kind);
  if (!list) latencies.set(kind, (list = []));
  list.push(ms);
  if (failure) {
    const byStatus = failures.get(kind) ?? {};
    byStatus[failure] = (byStatus[failure] ?? 0) + 1;
    failures.set(kind, byStatus);
  }
}

/**
 * Follows a submission as the web client does: polls it (300 ms, then ×1.25, at most 2 s apart)
 * until graded, and reads it at once when the learner's feed announces its grade.
 */
async function awaitGrade(learner: Learner, id: string, t0: number): Promise<void> {
  const socket = learner.socket;
  let heard: (() => void) | undefined;
  let wake: Promise<void> | undefined = new Promise<void>((resolve) => (heard = resolve));
  const onMessage = (raw: Buffer) => {
    const text = raw.toString();
    if (text.includes('"graded"') && text.includes(id)) heard?.();
  };
  socket?.on('message', onMessage);
  try {
    for (let attempt = 0, delay = 300; attempt < 60; attempt += 1, delay = Math.min(2000, delay * 1.25)) {
      // Heard once: after it, the backoff goes on as before.
      if (!wake) await sleep(delay);
      else if (await Promise.race([sleep(delay).then(() => false), wake.then(() => true)])) wake = undefined;
      if (await readGrade(learner, id, t0)) return;
    }
    record('submission never graded', 0, 'timeout');
  } finally {
    socket?.off('message', onMessage);
  }
}

/** Reads a submission once: true when it is graded (or failed), its submit-to-result counted. */
async function readGrade(learner: Learner, id: string, t0: number): Promise<boolean> {
  const { json } = await request(
    'GET submission (poll)',
    learner.token,
    learner.base,
    'GET',
    `/api/submissions/${id}`,
  );
  if (json?.status !== 'graded' && json?.status !== 'error') return false;
  if (measured(t0)) submitToResult.push(performance.now() - t0);
  return true;
}

/** Marks an action whose effect the learner's tutor should see (one at a time per learner). */
function expectTile(learner: Learner, kind: Pending['kind']): void {
  if (pending.has(learner.id)) return;
  pending.set(learner.id, {
    kind,
    t0: performance.now(),
    wall: Date.now(),
    exerciseId: learner.exerciseId,
    attempts: attemptsOn.get(onExercise(learner.id, learner.exerciseId)) ?? 0,
  });
}

async function act(learner: Learner, action: Action): Promise<void> {
  const { exerciseId } = learner;
  const code = `export function somme(t) {\n  return t.reduce((a, b) => a + b, ${sequence++ % 2}); // ${learner.id}\n}\n`;
  const { token, base } = learner;
  switch (action) {
    case 'browse': {
      const [kind, path] = pick([
        ['GET module', '/api/modules/programmation-js'],
        ['GET module', '/api/modules/anglais-technique'],
        ['GET lesson', `/api/lessons/${pick(setup.people.lessonIds)}`],
        ['GET exercise', `/api/exercises/${exerciseId}`],
        ['GET progress', '/api/me/progress'],
      ]);
      await request(kind, token, base, 'GET', path);
      return;
    }
    case 'draft': {
      expectTile(learner, 'draft');
      const { status } = await request(
        'PUT draft',
        token,
        base,
        'PUT',
        `/api/exercises/${exerciseId}/draft`,
        { code },
      );
      if (status >= 300) pending.delete(learner.id);
      return;
    }
    case 'run': {
      expectTile(learner, 'run');
      const { status } = await request('POST run', token, base, 'POST', `/api/exercises/${exerciseId}/runs`, {
        code,
      });
      if (status >= 300) pending.delete(learner.id);
      return;
    }
    case 'submit':
    case 'english': {
      const english = action === 'english' ? pick(englishAnswers) : undefined;
      if (!english) expectTile(learner, 'submit');
      const t0 = performance.now();
      const { status, json } = await request(
        english ? 'POST submission (English)' : 'POST submission (code)',
        token,
        base,
        'POST',
        `/api/exercises/${english?.id ?? exerciseId}/submissions`,
        english
          ? { answer: english.answer, idempotencyKey: `load-${learner.id}-${sequence++}` }
          : { code, idempotencyKey: `load-${learner.id}-${sequence++}` },
      );
      if (status >= 300 || typeof json?.id !== 'string') {
        if (!english) pending.delete(learner.id);
        return;
      }
      if (measured(t0)) submissions += 1;
      accepted.push(json.id);
      if (json.status === 'graded' || json.status === 'error') {
        if (measured(t0)) submitToResult.push(performance.now() - t0);
      } else await awaitGrade(learner, json.id, t0);
    }
  }
}

function pickAction(): Action {
  let roll = Math.random() * 100;
  for (const [action, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return 'browse';
}

function onTutorMessage(raw: Buffer): void {
  const now = performance.now();
  const m = JSON.parse(raw.toString()) as { type: string; tile?: TileLike };
  const tile = m.tile;
  if (!tile) return;
  const p = pending.get(tile.learnerId);
  if (tile.attempts !== undefined) attempts.set(tile.learnerId, tile.attempts);
  if (tile.attempts !== undefined && tile.exercise)
    attemptsOn.set(onExercise(tile.learnerId, tile.exercise.id), tile.attempts);
  if (!p) return;
  const seen =
    p.kind === 'draft'
      ? Date.parse(tile.lastSeenAt ?? '') >= p.wall - 5
      : tile.exercise?.id === p.exerciseId && (tile.attempts ?? 0) > p.attempts;
  if (!seen) return;
  pending.delete(tile.learnerId);
  if (!measured(p.t0)) return;
  tutorEvents.push(now - p.t0);
  tutorEventsByAction[p.kind].push(now - p.t0);
}

async function peak(): Promise<LoadReport> {
  const { seconds, warmupSeconds, thinkSeconds, people, bases } = setup;
  usersStarted = performance.now();
  peakFrom = usersStarted + warmupSeconds * 1000;
  // The deployment's processes start their own count at the same moment.
  setTimeout(() => {
    loopDelay.enable();
    send({ type: 'peak' });
  }, warmupSeconds * 1000).unref();
  const ends = peakFrom + seconds * 1000;
  // Every user starts at a random moment of their first think time, so the load is steady; what
  // starts after the warm-up is measured.
  running = true;
  const learnerLoops = learners.map(async (learner) => {
    await sleepUntil(Math.random() * thinkSeconds * 1000, ends);
    while (performance.now() < ends) {
      await act(learner, pickAction());
      await sleepUntil(think(thinkSeconds), ends);
    }
  });
  // Tutors glance at their group's progress now and then; the cockpit itself is live.
  const module = `programmation-js`;
  const tutorLoops = people.groups.map(async (group, i) => {
    const base = bases[i % bases.length]!;
    await sleepUntil(Math.random() * 60_000, ends);
    while (performance.now() < ends) {
      await request(
        'GET group progress (tutor)',
        group.tutor.token,
        base,
        'GET',
        `/api/groups/${group.id}/progress?module=${module}`,
      );
      await sleepUntil(think(60), ends);
    }
  });
  const coordinatorLoops = people.coordinators.map(async (coordinator, i) => {
    const base = bases[i % bases.length]!;
    while (performance.now() < ends) {
      await request('GET dashboard (coordinator)', coordinator.token, base, 'GET', '/api/dashboard');
      await request('GET help stats (coordinator)', coordinator.token, base, 'GET', '/api/help-stats');
      await sleepUntil(think(10), ends);
    }
  });
  await Promise.all([...learnerLoops, ...tutorLoops, ...coordinatorLoops]);
  const drainUntil = performance.now() + 10_000;
  while (pending.size > 0 && performance.now() < drainUntil) await sleep(50);
  running = false;
  loopDelay.disable();
  const kinds: Record<string, KindReport> = {};
  for (const [kind, values] of [...latencies].sort(([a], [b]) => a.localeCompare(b))) {
    const statuses = failures.get(kind) ?? {};
    kinds[kind] = {
      ...summarize(values),
      errors: Object.values(statuses).reduce((n, c) => n + c, 0),
      statuses,
    };
  }
  const api = summarize([...latencies.values()].flat());
  const warmupMs = warmupSeconds * 1000;
  const early = timeline.filter(([at]) => at < warmupMs);
  return {
    kinds,
    warmup: { requests: early.length, errors: early.filter(([, , failed]) => failed).length },
    timeline: windows(warmupMs),
    api: { p50: api.p50, p99: api.p99 },
    submissions,
    accepted,
    submitToResult: summarize(submitToResult),
    tutorEvents: summarize(tutorEvents),
    tutorEventsByAction: {
      draft: summarize(tutorEventsByAction.draft),
      run: summarize(tutorEventsByAction.run),
      submit: summarize(tutorEventsByAction.submit),
    },
    tutorMissing: pending.size,
    socketErrors,
    reopened,
    loopDelay: {
      p99: round(loopDelay.percentile(99) / 1e6),
      max: round(loopDelay.max / 1e6),
    },
  };
}

/** The run's requests by 10-second window of their start. */
function windows(warmupMs: number): Window[] {
  const byWindow = new Map<number, Array<[number, number, boolean]>>();
  for (const entry of timeline) {
    const index = Math.floor(entry[0] / 10_000);
    let list = byWindow.get(index);
    if (!list) byWindow.set(index, (list = []));
    list.push(entry);
  }
  return [...byWindow]
    .sort(([a], [b]) => a - b)
    .map(([index, entries]) => {
      const { count, p50, p99 } = summarize(entries.map(([, ms]) => ms));
      const errors = entries.filter(([, , failed]) => failed).length;
      return { from: index * 10, warmup: index * 10_000 < warmupMs, count, errors, p50, p99 };
    });
}
