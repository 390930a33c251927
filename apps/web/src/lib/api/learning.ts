import { api } from './client.ts';
import type {
  Answer,
  DictationPlay,
  DraftBody,
  Exercise,
  HelpRequest,
  HomeSummary,
  Lesson,
  ModuleDetail,
  ModuleList,
  PasteEvent,
  Progress,
  ReviewRating,
  RunResult,
  Submission,
  SubmissionAccepted,
  SubmissionList,
  Synced,
  VocabularyQueue,
  VocabularyReviewed,
} from './types.ts';

/** The student's path: modules, lessons, exercises, submissions, progress and vocabulary review. */

type Signal = { signal?: AbortSignal | undefined };
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const enc = encodeURIComponent;

export async function listModules(signal?: AbortSignal): Promise<ModuleList> {
  return api.get<ModuleList>('/api/modules', opts(signal));
}

export async function getModule(slug: string, signal?: AbortSignal): Promise<ModuleDetail> {
  return api.get<ModuleDetail>(`/api/modules/${enc(slug)}`, opts(signal));
}

export async function getLesson(id: string, signal?: AbortSignal): Promise<Lesson> {
  return api.get<Lesson>(`/api/lessons/${enc(id)}`, opts(signal));
}

export async function markLessonRead(id: string): Promise<void> {
  await api.post<void>(`/api/lessons/${enc(id)}/read`);
}

export async function getExercise(id: string, signal?: AbortSignal): Promise<Exercise> {
  return api.get<Exercise>(`/api/exercises/${enc(id)}`, opts(signal));
}

/**
 * Saves a draft written from the server's draft of `base` (its updatedAt; null: there was none).
 * If another device saved since, the API answers 409 TREMPLIN_ERR_DRAFT_CONFLICT with its draft.
 */
export async function saveDraft(
  exerciseId: string,
  code: string,
  {
    keepalive = false,
    pastes,
    base,
  }: { keepalive?: boolean; pastes?: PasteEvent[] | undefined; base: string | null },
): Promise<{ updatedAt: string }> {
  const body: DraftBody = { code, baseUpdatedAt: base, ...(pastes ? { pastes } : {}) };
  return api.put<{ updatedAt: string }>(`/api/exercises/${enc(exerciseId)}/draft`, body, { keepalive });
}

/** This device has nothing left to send: the server records it for the tutor's tile. */
export async function markSynced(): Promise<Synced> {
  return api.post<Synced>('/api/me/synced');
}

export async function runCode(exerciseId: string, code: string): Promise<RunResult> {
  return api.post<RunResult>(`/api/exercises/${enc(exerciseId)}/runs`, { code });
}

/** A Run's result read again, in the current language. */
export async function getRun(runId: string): Promise<RunResult> {
  return api.get<RunResult>(`/api/runs/${enc(runId)}`);
}

/** What a submission carries besides its idempotency key: the code, or an English answer. */
export type SubmissionPayload = { code: string } | { answer: Answer };

/** `madeAt`: when it was made, for a submission made offline and sent later. */
export async function createSubmission(
  exerciseId: string,
  idempotencyKey: string,
  payload: SubmissionPayload,
  madeAt?: string,
): Promise<SubmissionAccepted> {
  return api.post<SubmissionAccepted>(`/api/exercises/${enc(exerciseId)}/submissions`, {
    idempotencyKey,
    ...payload,
    ...(madeAt ? { clientCreatedAt: madeAt } : {}),
  });
}

export async function getSubmission(id: string, { signal }: Signal = {}): Promise<Submission> {
  return api.get<Submission>(`/api/submissions/${enc(id)}`, opts(signal));
}

export async function listSubmissions(exerciseId: string, signal?: AbortSignal): Promise<SubmissionList> {
  return api.get<SubmissionList>(`/api/exercises/${enc(exerciseId)}/submissions`, opts(signal));
}

export async function playDictation(exerciseId: string): Promise<DictationPlay> {
  return api.post<DictationPlay>(`/api/exercises/${enc(exerciseId)}/dictation/play`);
}

export async function requestHelp(exerciseId: string, message: string): Promise<HelpRequest> {
  return api.post<HelpRequest>(`/api/exercises/${enc(exerciseId)}/help-requests`, { message });
}

export async function getProgress(signal?: AbortSignal): Promise<Progress> {
  return api.get<Progress>('/api/me/progress', opts(signal));
}

/** The home's latest feedback and vocabulary due (the progress page's table and activity left out). */
export async function getHomeSummary(signal?: AbortSignal): Promise<HomeSummary> {
  return api.get<HomeSummary>('/api/me/home', opts(signal));
}

export async function getVocabularyQueue(signal?: AbortSignal): Promise<VocabularyQueue> {
  return api.get<VocabularyQueue>('/api/vocabulary/queue', opts(signal));
}

export async function reviewVocabulary(cardKey: string, rating: ReviewRating): Promise<VocabularyReviewed> {
  return api.post<VocabularyReviewed>('/api/vocabulary/reviews', { cardKey, rating });
}
