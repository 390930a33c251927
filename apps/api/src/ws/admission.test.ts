import { describe, expect, it } from 'vitest';
import { Admission } from './admission.ts';

describe('Admission', () => {
  it('lets in up to its capacity, then defers with a wait from the recent pace, and reopens as sockets leave', () => {
    let now = 10_000;
    const door = new Admission(2, () => now);
    const first = door.enter();
    const second = door.enter();
    expect('leave' in first && 'leave' in second).toBe(true);
    // Nothing opened yet to measure a pace by: one socket a second, two waiting.
    expect(door.enter()).toEqual({ retryAfterSeconds: 2 });
    expect(door.deferred).toBe(1);

    if (!('leave' in first)) throw new Error('admitted');
    first.leave();
    first.leave(); // leaving twice frees one place only
    expect(door.pending).toBe(1);
    const third = door.enter();
    expect('leave' in third).toBe(true);
    expect('retryAfterSeconds' in door.enter()).toBe(true);

    // A slow pace (one socket opened in the last second) with two waiting: come back in 2 s.
    now += 1_000;
    if ('leave' in second) second.leave();
    const fourth = door.enter();
    expect('leave' in fourth).toBe(true);
    now += 1_000;
    expect(door.enter()).toEqual({ retryAfterSeconds: 2 });
  });

  it('asks for a short wait when sockets go through fast', () => {
    const door = new Admission(10, () => 5_000);
    for (let i = 0; i < 40; i++) {
      const ticket = door.enter();
      if ('leave' in ticket) ticket.leave();
    }
    for (let i = 0; i < 10; i++) door.enter();
    expect(door.enter()).toEqual({ retryAfterSeconds: 1 });
  });

  it('never asks to wait more than 30 s', () => {
    const door = new Admission(1_000, () => 0);
    for (let i = 0; i < 1_000; i++) door.enter();
    expect(door.enter()).toEqual({ retryAfterSeconds: 30 });
  });
});
