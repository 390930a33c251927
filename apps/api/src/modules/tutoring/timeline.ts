// A learner's time line as the contract describes it: each kind it knows with its data checked
// against the schema; anything else (a kind added later, an incomplete record) as `other`, so that
// the page always has something to say about it and never shows raw data.
import { TimelineEntry } from '@tremplin/contracts';
import type { LearnerTimelineRow } from '@tremplin/db';
import Compile from 'typebox/compile';

const checkEntry = Compile(TimelineEntry);

/** One activity-log row as a time-line entry. */
export function toTimelineEntry(row: LearnerTimelineRow): TimelineEntry {
  const common = {
    id: row.id,
    exercise: row.exerciseId ? { id: row.exerciseId, title: row.exerciseTitle ?? '' } : null,
    at: row.createdAt.toISOString(),
  };
  const candidate = {
    ...common,
    kind: row.kind,
    data: row.data ?? {},
    ...(row.kind === 'lesson.read'
      ? { lesson: row.lessonId ? { id: row.lessonId, title: row.lessonTitle ?? '' } : null }
      : {}),
  };
  if (row.kind !== 'other' && checkEntry.Check(candidate)) return candidate;
  return { ...common, kind: 'other', data: {} };
}
