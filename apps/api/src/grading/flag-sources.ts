// The machine's flag sources, looked at once a submission's grade is stored: sandbox anomalies,
// a correct submission that came as one big paste, and the English rubric's uncertain verdicts.
// Each raises a flag for the graders' queue with what it measured in `details` (the queue renders
// the reason from it in the reader's language). Similarity is the lead's, elsewhere.
import type { StoredGradeOutcome, StoredCodeResult, StoredText } from '@tremplin/contracts';
import { isGradedTest } from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';
import {
  checkSimilarity,
  DEFAULT_SIMILARITY_THRESHOLD,
  insertMachineFlag,
  listLastOutcomes,
  listPastesSince,
  withdrawMachineFlags,
  type Db,
} from '@tremplin/db';

/** Repeated errors: this many of a learner's last submissions to an exercise all ended in error. */
export const REPEATED_ERRORS = 3;
/** Paste: the paste into an empty editor holds at least this share of the submitted code's characters… */
export const PASTE_SHARE = 0.8;
/** …and at least this many characters (a short paste of a one-liner says little)… */
export const PASTE_MIN_CHARS = 100;
/** …and came at most this long after the learner opened the exercise… */
export const PASTE_WITHIN_OPEN_MS = 120_000;
/** …within this long before the submission. */
export const PASTE_LOOKBACK_MS = 24 * 3_600_000;

export interface GradedSubmission {
  id: string;
  userId: string;
  exerciseId: string;
  maxScore: number;
  code: string | null;
}

export interface GradedExercise {
  kind: string;
  slug: string;
  moduleVersionId: string;
  spec: FullSpec;
}

export interface FlagSourceInput {
  submission: GradedSubmission;
  /** The exercise answered: its kind ('code', or an English kind), slug, module version and spec. */
  exercise: GradedExercise;
  status: 'graded' | 'error';
  score: number | null;
  result: StoredGradeOutcome;
  now: Date;
}

export type HiddenLimit = { name: string; status: 'timeout' | 'memory' };

// The grader writes limit messages as locale-neutral tokens (packages/grader/src/harness/template.ts:
// U+E000 opens a token, U+E001 separates its arguments): grader.limitHit names the test that hit
// the limit and holds the limit's own token (cpuTest, cpuTotal, wall: time; memory).
const LIMIT_HIT =
  /\uE000grader\.limitHit\uE001([^\uE000-\uE002]*)\uE001\uE000grader\.(cpuTest|cpuTotal|wall|memory)\b/g;

function storedTexts(text: StoredText | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [text];
  const list = Array.isArray(text) ? text : [text];
  return list.flatMap((f) => (f.args ?? []).map(String));
}

/**
 * The hidden tests that hit the time or memory limit while every visible test passed, read from
 * the stored result; empty when it is not that anomaly.
 */
export function hiddenLimits(result: StoredCodeResult): HiddenLimit[] {
  const visible = result.tests.filter((t) => !t.hidden && isGradedTest(t));
  if (visible.length === 0 || visible.some((t) => t.status !== 'pass')) return [];
  const hiddenNames = new Set(result.tests.filter((t) => t.hidden).map((t) => t.name));
  const found: HiddenLimit[] = [];
  for (const text of storedTexts(result.message)) {
    for (const m of text.matchAll(LIMIT_HIT)) {
      const name = m[1]!;
      if (!hiddenNames.has(name)) continue;
      found.push({ name, status: m[2] === 'memory' ? 'memory' : 'timeout' });
    }
  }
  return found;
}

function endedInError(outcome: { status: string; resultStatus: string | null }): boolean {
  return outcome.status === 'error' || outcome.resultStatus === 'error';
}

/** The paste that makes a correct code submission suspect, if any (see the PASTE_* constants). */
export function suspectPaste(
  pastes: Array<{ chars: number; intoEmpty: boolean; msSinceOpen: number }>,
  codeChars: number,
): { chars: number; msSinceOpen: number } | undefined {
  const fits = pastes.filter(
    (p) =>
      p.intoEmpty &&
      p.chars >= PASTE_MIN_CHARS &&
      p.chars >= PASTE_SHARE * codeChars &&
      p.msSinceOpen <= PASTE_WITHIN_OPEN_MS,
  );
  fits.sort((a, b) => b.chars - a.chars);
  return fits[0];
}

type Source = 'sandbox' | 'paste' | 'low_confidence' | 'similarity';

/**
 * Looks at a freshly graded submission with every machine source and raises their flags; answers
 * the sources that raised one. A source that fails is left out (and thrown last): the grade stands.
 */
export async function raiseMachineFlags(db: Db, input: FlagSourceInput): Promise<Source[]> {
  const raised: Source[] = [];
  const errors: unknown[] = [];
  for (const check of [sandboxAnomaly, repeatedErrors, pasteAnomaly, lowConfidence, similarity]) {
    try {
      const source = await check(db, input);
      if (source) raised.push(source);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'a flag source failed');
  return raised;
}

/**
 * Similarity: a graded code submission's fingerprints join the exercise's inverted index, and the
 * other learners' submissions sharing the most are compared (packages/db queries/similarity.ts):
 * each at or above the exercise's threshold raises a flag linking the pair.
 */
async function similarity(db: Db, { submission, status, exercise }: FlagSourceInput) {
  if (status !== 'graded' || exercise.spec.kind !== 'code' || submission.code === null) return undefined;
  const { spec } = exercise;
  const matches = await checkSimilarity(db, {
    submissionId: submission.id,
    userId: submission.userId,
    moduleVersionId: exercise.moduleVersionId,
    exerciseSlug: exercise.slug,
    code: submission.code,
    language: spec.language,
    excluded: [spec.starter, spec.solution],
    threshold: spec.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD,
  });
  return matches.length > 0 ? ('similarity' as const) : undefined;
}

async function sandboxAnomaly(db: Db, { submission, status, result, now }: FlagSourceInput) {
  if (status !== 'graded' || result.kind !== 'code') return undefined;
  const tests = hiddenLimits(result);
  if (tests.length === 0) return undefined;
  const id = await insertMachineFlag(db, {
    submissionId: submission.id,
    source: 'sandbox',
    reason: 'Un test caché a dépassé la limite de temps ou de mémoire alors que les tests visibles passent.',
    details: { kind: 'hidden-limit', tests },
    now,
    oncePer: { userId: submission.userId, exerciseId: submission.exerciseId, kind: 'hidden-limit' },
  });
  return id ? ('sandbox' as const) : undefined;
}

async function repeatedErrors(db: Db, { submission, status, result, now }: FlagSourceInput) {
  if (!endedInError({ status, resultStatus: result.status })) {
    // Graded again without error (an administrator's retry after the sandboxes failed): a series
    // of errors that named it no longer holds.
    await withdrawMachineFlags(db, {
      userId: submission.userId,
      submissionId: submission.id,
      kind: 'repeated-errors',
      reason: 'Une soumission de la série a été corrigée à nouveau, sans erreur.',
      now,
    });
    return undefined;
  }
  const last = await listLastOutcomes(db, submission.userId, submission.exerciseId, REPEATED_ERRORS);
  if (last.length < REPEATED_ERRORS || !last.every(endedInError)) return undefined;
  // Only the submission that completes the series raises it (not one graded late, out of order).
  if (last[0]!.id !== submission.id) return undefined;
  const id = await insertMachineFlag(db, {
    submissionId: submission.id,
    source: 'sandbox',
    reason: `Les ${REPEATED_ERRORS} dernières soumissions se sont terminées en erreur.`,
    details: { kind: 'repeated-errors', count: last.length, submissionIds: last.map((s) => s.id) },
    now,
    oncePer: { userId: submission.userId, exerciseId: submission.exerciseId, kind: 'repeated-errors' },
  });
  return id ? ('sandbox' as const) : undefined;
}

async function pasteAnomaly(db: Db, { submission, status, result, now }: FlagSourceInput) {
  if (status !== 'graded' || result.kind !== 'code') return undefined;
  if (result.status !== 'pass' || result.total === 0 || result.passed !== result.total) return undefined;
  const codeChars = (submission.code ?? '').length;
  const since = new Date(now.getTime() - PASTE_LOOKBACK_MS);
  const pastes = await listPastesSince(db, submission.userId, submission.exerciseId, since);
  const paste = suspectPaste(pastes, codeChars);
  if (!paste) return undefined;
  const id = await insertMachineFlag(db, {
    submissionId: submission.id,
    source: 'paste',
    reason: 'Soumission correcte arrivée par un grand collage dans un éditeur vide, peu après l’ouverture.',
    details: { chars: paste.chars, codeChars, msSinceOpen: paste.msSinceOpen },
    now,
    oncePer: { userId: submission.userId, exerciseId: submission.exerciseId },
  });
  return id ? ('paste' as const) : undefined;
}

async function lowConfidence(db: Db, { submission, exercise, status, score, result, now }: FlagSourceInput) {
  if (status !== 'graded' || exercise.kind === 'code' || result.kind !== 'answers' || !result.needsReview)
    return undefined;
  const id = await insertMachineFlag(db, {
    submissionId: submission.id,
    source: 'low_confidence',
    reason: 'Note automatique incertaine : à vérifier.',
    details: {
      items: result.items.map((i) => ({
        id: i.id,
        status: i.status,
        ...(i.points !== undefined ? { points: i.points } : {}),
      })),
      score,
      maxScore: submission.maxScore,
    },
    now,
  });
  return id ? ('low_confidence' as const) : undefined;
}
