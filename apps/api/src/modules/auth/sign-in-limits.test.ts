import { waitWords } from '@tremplin/contracts';
import type { SignInHistory } from '@tremplin/db';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { pairDelayMs, secondsUntil, signInRetryAt } from './sign-in-limits.ts';

const rules = loadConfig({}).login;
const now = new Date('2026-12-01T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const quiet: SignInHistory = {
  pairFailures: 0,
  pairLastFailureAt: null,
  pairSucceeded: false,
  failingAccounts: 0,
  failingAccountsOldestAt: null,
};

describe('the sign-in limits', () => {
  it('give three free failures, then one second doubling up to fifteen minutes', () => {
    const delays = Array.from({ length: 16 }, (_, failures) => pairDelayMs(failures, rules) / 1000);
    expect(delays).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect(pairDelayMs(10_000, rules)).toBe(900_000);
  });

  it("hold a pair until its last failure's delay is over", () => {
    const history = { ...quiet, pairFailures: 5, pairLastFailureAt: ago(1) };
    expect(signInRetryAt(history, rules, now)).toEqual(new Date(now.getTime() + 3000));
    expect(signInRetryAt({ ...history, pairLastFailureAt: ago(4) }, rules, now)).toBeNull();
  });

  it('hold an address with too many failing accounts, except for a pair that signed in there', () => {
    const stuffed = { ...quiet, failingAccounts: 300, failingAccountsOldestAt: ago(60) };
    expect(signInRetryAt(stuffed, rules, now)).toEqual(new Date(now.getTime() + 14 * 60_000));
    expect(signInRetryAt({ ...stuffed, failingAccounts: 299 }, rules, now)).toBeNull();
    expect(signInRetryAt({ ...stuffed, pairSucceeded: true }, rules, now)).toBeNull();
  });

  it('say the wait in whole seconds, then in minutes, rounded up', () => {
    expect(secondsUntil(new Date(now.getTime() + 1), now)).toBe(1);
    expect(waitWords(1)).toEqual({ fr: '1 seconde', en: '1 second' });
    expect(waitWords(59)).toEqual({ fr: '59 secondes', en: '59 seconds' });
    expect(waitWords(60)).toEqual({ fr: '1 minute', en: '1 minute' });
    expect(waitWords(61)).toEqual({ fr: '2 minutes', en: '2 minutes' });
  });
});
