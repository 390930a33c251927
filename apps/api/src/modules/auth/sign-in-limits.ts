import type { SignInHistory } from '@tremplin/db';
import type { Config } from '../../config.ts';

type Rules = Config['login'];

/**
 * How long the attempt after `failures` failures of one (account, address) pair waits after the
 * last of them: nothing for the free ones, then one second, doubling up to the ceiling.
 */
export function pairDelayMs(failures: number, rules: Rules): number {
  if (failures < rules.freeFailures) return 0;
  const doublings = Math.min(failures - rules.freeFailures, 40);
  return Math.min(1000 * 2 ** doublings, rules.maxDelaySeconds * 1000);
}

/** When the pair may try again, or null when it may now. */
export function pairRetryAt(
  failures: number,
  lastFailureAt: Date | null,
  rules: Rules,
  now: Date,
): Date | null {
  const delay = pairDelayMs(failures, rules);
  if (delay === 0 || !lastFailureAt) return null;
  const at = new Date(lastFailureAt.getTime() + delay);
  return at > now ? at : null;
}

/**
 * When an attempt may be made, or null when it may now. Two limits: the pair's growing delay,
 * which failures from other addresses never touch; and the address's ceiling of distinct failing
 * accounts (a credential-stuffing run), which spares a pair that already signed in from there.
 */
export function signInRetryAt(history: SignInHistory, rules: Rules, now: Date): Date | null {
  const pair = pairRetryAt(history.pairFailures, history.pairLastFailureAt, rules, now);
  const saturated =
    !history.pairSucceeded &&
    history.failingAccounts >= rules.maxFailingAccountsPerAddress &&
    history.failingAccountsOldestAt !== null;
  const address = saturated
    ? new Date(history.failingAccountsOldestAt!.getTime() + rules.addressWindowMinutes * 60_000)
    : null;
  const latest = [pair, address].filter((d): d is Date => d !== null && d > now);
  return latest.length > 0 ? new Date(Math.max(...latest.map((d) => d.getTime()))) : null;
}

/** Whole seconds until a moment, at least one: the value of `Retry-After`. */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
