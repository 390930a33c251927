// The load process of `pnpm bench:live`: thousands of student and tutor sockets (the `ws`
// client) and student activity at a given rate; measures from each student action to the moment
// their tutor's socket receives its effect.
import type WebSocket from 'ws';
import { openingUrl, openSocket, pool, type TileLike } from './live-sockets.ts';
import type { BenchPeople } from './seed.ts';
import { quantile, round } from './stats.ts';

export type Mode = 'tremplin' | 'bare';
/** How Tremplin receives the actions: the events the API publishes after its work, or the API itself. */
export type Via = 'events' | 'api';
export type ActionKind = 'edit' | 'run' | 'submit' | 'help' | 'focus';

export interface PhaseResult {
  via: Via | 'bare';
  rate: number;
  seconds: number;
  sent: number;
  received: number;
  missing: number;
  errors: number;
  /** HTTP statuses other than success, by status (the API phase). */
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  byKind: Record<string, { count: number; p50: number; p99: number }>;
}

type Inbound =
  | { type: 'start'; mode: Mode; port: number; people: BenchPeople; concurrency: number }
  | { type: 'phase'; rate: number; seconds: number; via: Via }
  | { type: 'close' };

interface Student {
  id: string;
  token: string;
  group: string;
  exerciseId: string;
  socket?: WebSocket;
}
interface Outstanding {
  kind: ActionKind;
  t0: number;
  wall: number;
  attempts: number;
}

/** Share of each action in the activity: typing dominates, help requests are rare. */
const MIX: Array<[ActionKind, number]> = [
  ['edit', 40],
  ['run', 25],
  ['focus', 20],
  ['submit', 10],
  ['help', 5],
];

const send = (message: object) => process.send!(message);
let mode: Mode = 'tremplin';
let base = '';
let wsBase = '';
const students: Student[] = [];
const tutors: WebSocket[] = [];
const outstanding = new Map<string, Outstanding>();
const attempts = new Map<string, number>();
let latencies: Array<[ActionKind, number]> = [];
let errors = 0;
let statuses: Record<string, number> = {};
let via: Via = 'events';
let injector: WebSocket | undefined;

process.on('message', (message: Inbound) => {
  void handle(message).catch((error: unknown) => {
    send({ type: 'failed', error: String((error as Error)?.stack ?? error) });
  });
});

async function handle(message: Inbound): Promise<void> {
  if (message.type === 'start') {
    mode = message.mode;
    base = `http://127.0.0.1:${message.port}`;
    wsBase = `ws://127.0.0.1:${message.port}`;
    send({ type: 'connected', ...(await connectAll(message.people, message.concurrency)) });
  } else if (message.type === 'phase') {
    via = message.via;
    send({ type: 'phase', result: await phase(message.rate, message.seconds) });
  } else {
    for (const socket of [injector, ...tutors, ...students.map((s) => s.socket)]) socket?.terminate();
    send({ type: 'closed' });
    setImmediate(() => process.exit(0));
  }
}

/** Sockets the server told to come back later (503 and Retry-After), over the connect phase. */
let deferred = 0;

/** Opens a socket as `openSocket` does, counting deferrals and the attempts of the tiles it is sent. */
function open(url: string, token: string | undefined, channel: string | undefined): Promise<WebSocket> {
  return openSocket(url, token, channel, {
    onDeferred: () => (deferred += 1),
    onTile: (tile) => attempts.set(tile.learnerId, tile.attempts ?? 0),
  });
}

function opening(messages: object[]): string {
  return openingUrl(wsBase, messages);
}

async function connectAll(people: BenchPeople, concurrency: number) {
  const started = performance.now();
  for (const group of people.groups) {
    group.students.forEach((s, i) =>
      students.push({
        ...s,
        group: group.id,
        exerciseId: people.exerciseIds[i % people.exerciseIds.length]!,
      }),
    );
  }
  const failedStudents = await pool(students, concurrency, async (s) => {
    // A learner follows their feed and opens their exercise: the client says so with its upgrade.
    s.socket =
      mode === 'tremplin'
        ? await open(
            opening([
              { type: 'subscribe', channel: `feed:${s.id}` },
              { type: 'focus', exerciseId: s.exerciseId },
            ]),
            s.token,
            `feed:${s.id}`,
          )
        : await open(`${wsBase}/?role=student&id=${s.id}&group=${s.group}`, undefined, undefined);
  });
  if (mode === 'tremplin') injector = await open(`${wsBase}/bench/events`, undefined, undefined);
  const studentsMs = performance.now() - started;
  const failedTutors = await pool(people.groups, Math.min(concurrency, 64), async (g) => {
    const socket =
      mode === 'tremplin'
        ? await open(
            opening([{ type: 'subscribe', channel: `group:${g.id}` }]),
            g.tutor.token,
            `group:${g.id}`,
          )
        : await open(`${wsBase}/?role=tutor&id=${g.tutor.id}&group=${g.id}`, undefined, undefined);
    socket.on('message', onTutorMessage);
    tutors.push(socket);
  });
  return {
    students: students.filter((s) => s.socket).length,
    tutors: tutors.length,
    failed: failedStudents + failedTutors,
    deferred,
    studentsMs: Math.round(studentsMs),
    totalMs: Math.round(performance.now() - started),
  };
}

function onTutorMessage(raw: Buffer): void {
  const now = performance.now();
  const m = JSON.parse(raw.toString()) as {
    type: string;
    tile?: TileLike;
    request?: { learnerId: string; status: string };
  };
  const learnerId = m.tile?.learnerId ?? m.request?.learnerId;
  if (!learnerId) return;
  const o = outstanding.get(learnerId);
  if (m.tile?.attempts !== undefined) attempts.set(learnerId, m.tile.attempts);
  if (!o || !matches(o, m)) return;
  outstanding.delete(learnerId);
  latencies.push([o.kind, now - o.t0]);
}

/** Whether a message a tutor received is the effect of the learner's pending action. */
function matches(
  o: Outstanding,
  m: { type: string; tile?: TileLike; request?: { status: string } },
): boolean {
  if (mode === 'bare') return true;
  const tile = m.tile;
  switch (o.kind) {
    case 'run':
    case 'submit':
      return (tile?.attempts ?? 0) > o.attempts;
    case 'help':
      return (
        (m.type === 'help' && m.request?.status === 'open') ||
        Date.parse(tile?.hand?.raisedAt ?? '') >= o.wall - 5
      );
    default:
      return Date.parse(tile?.lastSeenAt ?? '') >= o.wall - 5;
  }
}

let sequence = 0;
async function act(student: Student, kind: ActionKind): Promise<void> {
  outstanding.set(student.id, {
    kind,
    t0: performance.now(),
    wall: Date.now(),
    attempts: attempts.get(student.id) ?? 0,
  });
  const code = `export function f() { return ${sequence}; } // ${kind === 'submit' && sequence % 2 ? 'PASS' : ''}`;
  sequence += 1;
  if (mode === 'bare') {
    student.socket?.send(JSON.stringify({ type: kind, exerciseId: student.exerciseId, code }));
    return;
  }
  if (kind === 'focus') {
    student.socket?.send(JSON.stringify({ type: 'focus', exerciseId: student.exerciseId }));
    return;
  }
  if (via === 'events') {
    injector?.send(
      JSON.stringify([{ kind, userId: student.id, groupId: student.group, exerciseId: student.exerciseId }]),
    );
    return;
  }
  const ex = `/api/exercises/${student.exerciseId}`;
  const request: Record<Exclude<ActionKind, 'focus'>, [string, string, object]> = {
    edit: ['PUT', `${ex}/draft`, { code }],
    run: ['POST', `${ex}/runs`, { code }],
    submit: ['POST', `${ex}/submissions`, { code, idempotencyKey: `bench-${student.id}-${sequence}` }],
    help: ['POST', `${ex}/help-requests`, { message: 'Je bloque' }],
  };
  const [method, path, body] = request[kind];
  try {
    const response = await fetch(base + path, {
      method,
      headers: { cookie: `tremplin_session=${student.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (!response.ok) {
      errors += 1;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  } catch {
    errors += 1;
    statuses.network = (statuses.network ?? 0) + 1;
  }
}

function pickKind(): ActionKind {
  let roll = Math.random() * 100;
  for (const [kind, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'edit';
}

async function phase(rate: number, seconds: number): Promise<PhaseResult> {
  outstanding.clear();
  latencies = [];
  errors = 0;
  statuses = {};
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= seconds) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(rate * elapsed) - sent;
      for (let i = 0; i < due; i += 1) {
        // One action at a time per learner: its effect is then unambiguous.
        let student: Student | undefined;
        for (let tries = 0; tries < 20 && !student; tries += 1) {
          const candidate = students[Math.floor(Math.random() * students.length)]!;
          if (!outstanding.has(candidate.id)) student = candidate;
        }
        if (!student) continue;
        sent += 1;
        void act(student, pickKind());
      }
    }, 5);
  });
  const drainUntil = performance.now() + 10_000;
  while (outstanding.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  const all = latencies.map(([, ms]) => ms).sort((a, b) => a - b);
  const byKind: PhaseResult['byKind'] = {};
  for (const [kind] of MIX) {
    const mine = latencies
      .filter(([k]) => k === kind)
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    byKind[kind] = { count: mine.length, p50: round(quantile(mine, 0.5)), p99: round(quantile(mine, 0.99)) };
  }
  return {
    via: mode === 'bare' ? 'bare' : via,
    rate,
    seconds,
    sent,
    received: all.length,
    missing: outstanding.size,
    errors,
    statuses,
    p50: round(quantile(all, 0.5)),
    p99: round(quantile(all, 0.99)),
    max: round(all.at(-1) ?? Number.NaN),
    byKind,
  };
}
