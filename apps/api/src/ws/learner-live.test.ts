import { describe, expect, it } from 'vitest';
import { LearnerLive, runStatus, submissionStatus, type AttemptSign } from './learner-live.ts';

const thresholds = { stuckFailedRuns: 3, stuckMinutes: 10, idleMinutes: 5 };
const idleMs = 5 * 60_000;
const exercise = { id: 'ex-1', title: 'Somme', kind: 'code' as const };
const T0 = Date.parse('2026-11-30T09:00:00Z');
const run = (id: string, passed: number, at: number): AttemptSign => ({
  id,
  kind: 'run',
  passed,
  total: 3,
  status: runStatus(passed, 3),
  at,
});

function onExercise(): LearnerLive {
  const learner = new LearnerLive('l-1', 'Kossi');
  learner.switchTo('ex-1', T0, [], idleMs);
  learner.setConnection('i-1', { sockets: 1, exerciseId: 'ex-1', activeAt: T0 }, T0);
  return learner;
}

describe('LearnerLive', () => {
  it('counts each attempt once, however often it is applied', () => {
    const learner = onExercise();
    learner.recordAttempt(run('r1', 1, T0 + 1000), idleMs);
    learner.recordAttempt(run('r1', 1, T0 + 1000), idleMs);
    learner.recordAttempt(
      { id: 's1', kind: 'submission', passed: null, total: null, status: 'pending', at: T0 + 2000 },
      idleMs,
    );
    learner.recordAttempt(
      { id: 's1', kind: 'submission', passed: 3, total: 3, status: 'pass', at: T0 + 9000 },
      idleMs,
    );
    const tile = learner.tile(T0 + 10_000, thresholds, exercise, null);
    expect(tile.attempts).toBe(2);
    // The grade keeps the moment of the submission.
    expect(tile.last).toEqual({
      kind: 'submission',
      passed: 3,
      total: 3,
      status: 'pass',
      at: new Date(T0 + 2000).toISOString(),
    });
  });

  it('keeps attempts in time order when one arrives late: the last is the latest made', () => {
    const learner = onExercise();
    learner.recordAttempt(run('r1', 1, T0 + 1000), idleMs);
    learner.recordAttempt(run('r3', 3, T0 + 3000), idleMs);
    // A run graded after a later one (another instance's event, a slow sandbox).
    learner.recordAttempt(run('r2', 2, T0 + 2000), idleMs);
    const tile = learner.tile(T0 + 4000, thresholds, exercise, null);
    expect(tile.attempts).toBe(3);
    expect(tile.last).toMatchObject({ passed: 3, status: 'pass', at: new Date(T0 + 3000).toISOString() });
    learner.recordAttempt(run('r4', 1, T0 + 3000), idleMs);
    // Made at the same instant as the latest: it comes after it, as it arrived.
    expect(learner.tile(T0 + 4000, thresholds, exercise, null).last).toMatchObject({ passed: 1 });
  });

  it('marks three failing attempts in a row stuck, skipping pending ones, until a pass', () => {
    const learner = onExercise();
    learner.recordAttempt(run('r1', 1, T0 + 1000), idleMs);
    learner.recordAttempt(run('r2', 1, T0 + 2000), idleMs);
    learner.recordAttempt(
      { id: 's1', kind: 'submission', passed: null, total: null, status: 'pending', at: T0 + 2500 },
      idleMs,
    );
    expect(learner.tile(T0 + 3000, thresholds, exercise, null).stuck).toBe(false);
    learner.recordAttempt(run('r3', 2, T0 + 3000), idleMs);
    expect(learner.tile(T0 + 3000, thresholds, exercise, null)).toMatchObject({
      stuck: true,
      stuckReason: 'failing-streak',
    });
    learner.recordAttempt(run('r4', 3, T0 + 4000), idleMs);
    expect(learner.tile(T0 + 4000, thresholds, exercise, null)).toMatchObject({
      stuck: false,
      stuckReason: null,
    });
  });

  it('marks an online learner without progress for the threshold stuck; progress restarts the clock', () => {
    const learner = onExercise();
    learner.recordAttempt(run('r1', 1, T0 + 60_000), idleMs);
    learner.active(T0 + 9 * 60_000);
    expect(learner.tile(T0 + 10 * 60_000 - 1, thresholds, exercise, null).stuck).toBe(false);
    expect(learner.tile(T0 + 11 * 60_000, thresholds, exercise, null).stuckReason).toBe('no-progress');
    learner.recordAttempt(run('r2', 2, T0 + 11 * 60_000), idleMs);
    expect(learner.tile(T0 + 12 * 60_000, thresholds, exercise, null).stuck).toBe(false);
  });

  it('is online while active, idle after the threshold, offline once its sockets close', () => {
    const learner = onExercise();
    expect(learner.presence(T0 + idleMs - 1, idleMs)).toBe('online');
    expect(learner.presence(T0 + idleMs, idleMs)).toBe('idle');
    learner.setConnection('i-1', { sockets: 0, exerciseId: 'ex-1', activeAt: T0 }, T0 + 7 * 60_000);
    const tile = learner.tile(T0 + 8 * 60_000, thresholds, exercise, null);
    expect(tile).toMatchObject({ presence: 'offline', lastSeenAt: new Date(T0 + 7 * 60_000).toISOString() });
  });

  it('stays online while any instance holds a socket, and forgets instances that stopped beating', () => {
    const learner = onExercise();
    learner.setConnection('i-2', { sockets: 2, exerciseId: 'ex-1', activeAt: T0 }, T0);
    learner.setConnection('i-1', { sockets: 0, exerciseId: 'ex-1', activeAt: T0 }, T0 + 1000);
    expect(learner.connected).toBe(true);
    expect(learner.dropInstances((id) => id !== 'i-2', T0 + 2000)).toBe(true);
    expect(learner.presence(T0 + 2000, idleMs)).toBe('offline');
  });

  it('counts time on task with pauses capped at the idle threshold', () => {
    const learner = onExercise();
    learner.tick(T0 + 60_000, idleMs);
    learner.tick(T0 + 60 * 60_000, idleMs);
    learner.tick(T0 + 61 * 60_000, idleMs);
    // Older signs arriving late change nothing.
    learner.tick(T0 + 30_000, idleMs);
    expect(learner.tile(T0 + 61 * 60_000, thresholds, exercise, null).timeOnTaskSec).toBe(60 + 5 * 60 + 60);
  });

  it('replays an exercise’s history when switching to it', () => {
    const learner = onExercise();
    learner.recordAttempt(run('r1', 1, T0 + 1000), idleMs);
    learner.switchTo(
      'ex-2',
      T0 + 5000,
      [run('old-1', 0, T0 - 3_600_000), run('old-2', 2, T0 - 3_500_000)],
      idleMs,
    );
    const tile = learner.tile(T0 + 5000, thresholds, { ...exercise, id: 'ex-2' }, null);
    expect(tile).toMatchObject({ exercise: { id: 'ex-2' }, attempts: 2, last: { passed: 2 } });
  });
});

describe('verdicts', () => {
  it('derive a submission’s status from its grading state, tests or score', () => {
    expect(submissionStatus({ status: 'queued', passed: null, total: null, score: null, maxScore: 1 })).toBe(
      'pending',
    );
    expect(submissionStatus({ status: 'error', passed: null, total: null, score: null, maxScore: 1 })).toBe(
      'error',
    );
    expect(submissionStatus({ status: 'graded', passed: 5, total: 5, score: 1, maxScore: 1 })).toBe('pass');
    expect(submissionStatus({ status: 'graded', passed: null, total: null, score: 0.5, maxScore: 1 })).toBe(
      'fail',
    );
    expect(runStatus(0, 0)).toBe('fail');
  });
});
