/**
 * The progress page's activity chart: the API gives one count per day over the last 8 weeks
 * (oldest first); the chart shows one bar per week, the last bar ending today.
 */

export interface DayActivity {
  date: string;
  count: number;
}

export interface WeekActivity {
  /** First and last day of the week (ISO dates, as given by the API). */
  start: string;
  end: string;
  count: number;
}

export function weeklyActivity(days: readonly DayActivity[], weeks = 8): WeekActivity[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const result: WeekActivity[] = [];
  // Walk back from the most recent day so the last week is complete, the oldest one maybe partial.
  for (let end = sorted.length; end > 0 && result.length < weeks; end -= 7) {
    const slice = sorted.slice(Math.max(0, end - 7), end);
    result.unshift({
      start: slice[0]!.date,
      end: slice[slice.length - 1]!.date,
      count: slice.reduce((sum, day) => sum + day.count, 0),
    });
  }
  return result;
}

/** A round upper bound for the chart's scale (1, 2, 5, 10, 20, 50…), at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Parses an ISO date (`2025-03-14` or a timestamp) as a local calendar date, for display. */
export function parseDay(iso: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(iso);
}
