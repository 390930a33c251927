import type { LearnerTimelineRow } from '@tremplin/db';
import { describe, expect, it } from 'vitest';
import { toTimelineEntry } from './timeline.ts';

const exerciseId = '11111111-1111-4111-8111-111111111111';
const lessonId = '22222222-2222-4222-8222-222222222222';
const runId = '33333333-3333-4333-8333-333333333333';
const at = new Date('2026-11-30T10:00:00Z');

function row(overrides: Partial<LearnerTimelineRow>): LearnerTimelineRow {
  return {
    id: 7,
    kind: 'run',
    exerciseId,
    exerciseTitle: 'La somme',
    lessonId: null,
    lessonTitle: null,
    data: {},
    createdAt: at,
    ...overrides,
  };
}

describe('toTimelineEntry', () => {
  it('keeps a known kind with its data, and the lesson of a lesson read', () => {
    expect(toTimelineEntry(row({ data: { runId, passed: 2, total: 3 } }))).toEqual({
      id: 7,
      kind: 'run',
      exercise: { id: exerciseId, title: 'La somme' },
      data: { runId, passed: 2, total: 3 },
      at: at.toISOString(),
    });
    expect(
      toTimelineEntry(
        row({
          kind: 'lesson.read',
          exerciseId: null,
          exerciseTitle: null,
          lessonId,
          lessonTitle: 'Git',
          data: { lessonId },
        }),
      ),
    ).toMatchObject({ kind: 'lesson.read', exercise: null, lesson: { id: lessonId, title: 'Git' } });
    expect(toTimelineEntry(row({ kind: 'lesson.read', exerciseId: null, data: { lessonId } }))).toMatchObject(
      {
        kind: 'lesson.read',
        lesson: null,
      },
    );
  });

  it('turns an unknown kind or an incomplete record into other, without its data', () => {
    const other = {
      id: 7,
      kind: 'other',
      exercise: { id: exerciseId, title: 'La somme' },
      data: {},
      at: at.toISOString(),
    };
    expect(toTimelineEntry(row({ kind: 'badge.earned', data: { badge: 'or' } }))).toEqual(other);
    expect(toTimelineEntry(row({ data: { runId } }))).toEqual(other);
    expect(toTimelineEntry(row({ kind: 'vocabulary.review', data: { cardKey: 'x', rating: 9 } }))).toEqual(
      other,
    );
    expect(toTimelineEntry(row({ kind: 'submission', data: null }))).toEqual(other);
    expect(toTimelineEntry(row({ kind: 'other', data: { secret: 1 } }))).toEqual(other);
  });
});
