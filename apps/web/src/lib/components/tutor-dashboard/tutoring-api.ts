// The tutors' REST calls (types only from the contracts: typebox stays out of the bundle).
import type {
  GroupModuleList,
  HelpReplied,
  HelpRequestView,
  LearnerActivity,
  LearnerExercise,
  LearnerNote,
  LearnerNotes,
  LiveSession,
  ProgressGrid,
  SessionList,
  TutorMessage,
} from '@tremplin/contracts';
import { api } from '#lib/api/client.ts';

const id = encodeURIComponent;

export const tutoringApi = {
  take: (helpRequestId: string) => api.post<HelpRequestView>(`/api/help-requests/${id(helpRequestId)}/take`),
  resolve: (helpRequestId: string) =>
    api.post<HelpRequestView>(`/api/help-requests/${id(helpRequestId)}/resolve`),
  reply: (helpRequestId: string, body: string, kind: 'reply' | 'hint') =>
    api.post<HelpReplied>(`/api/help-requests/${id(helpRequestId)}/reply`, { body, kind }),
  messageGroup: (groupId: string, body: string) =>
    api.post<TutorMessage>(`/api/groups/${id(groupId)}/messages`, { body }),
  messageLearner: (learnerId: string, body: string) =>
    api.post<TutorMessage>(`/api/learners/${id(learnerId)}/messages`, { body }),
  startSession: (groupId: string, title: string, moduleSlug: string | undefined) =>
    api.post<LiveSession>(
      `/api/groups/${id(groupId)}/live-sessions`,
      moduleSlug ? { title, moduleSlug } : { title },
    ),
  endSession: (sessionId: string) =>
    api.request<LiveSession>('PATCH', `/api/live-sessions/${id(sessionId)}`, { body: { ended: true } }),
  sessions: (groupId: string, signal?: AbortSignal) =>
    api.get<SessionList>(`/api/groups/${id(groupId)}/live-sessions`, signal ? { signal } : {}),
  modules: (groupId: string, signal?: AbortSignal) =>
    api.get<GroupModuleList>(`/api/groups/${id(groupId)}/modules`, signal ? { signal } : {}),
  progress: (groupId: string, moduleSlug: string, signal?: AbortSignal) =>
    api.get<ProgressGrid>(
      `/api/groups/${id(groupId)}/progress?module=${id(moduleSlug)}`,
      signal ? { signal } : {},
    ),
  progressCsvUrl: (groupId: string, moduleSlug: string) =>
    `/api/groups/${id(groupId)}/progress.csv?module=${id(moduleSlug)}`,
  activity: (learnerId: string, signal?: AbortSignal) =>
    api.get<LearnerActivity>(`/api/learners/${id(learnerId)}/activity`, signal ? { signal } : {}),
  exercise: (learnerId: string, exerciseId: string) =>
    api.get<LearnerExercise>(`/api/learners/${id(learnerId)}/exercises/${id(exerciseId)}`),
  notes: (learnerId: string, signal?: AbortSignal) =>
    api.get<LearnerNotes>(`/api/learners/${id(learnerId)}/notes`, signal ? { signal } : {}),
  saveNote: (learnerId: string, body: string) =>
    api.put<LearnerNote | undefined>(`/api/learners/${id(learnerId)}/notes`, { body }),
  flag: (submissionId: string, reason: string) =>
    api.post<unknown>(`/api/submissions/${id(submissionId)}/flags`, { reason }),
};

/** A learner's exercises as they see them, each asked once per page (again after a failure). */
export function learnerExercises(learnerId: string): (exerciseId: string) => Promise<LearnerExercise> {
  const views = new Map<string, Promise<LearnerExercise>>();
  return (exerciseId) => {
    let view = views.get(exerciseId);
    if (!view) {
      view = tutoringApi.exercise(learnerId, exerciseId);
      views.set(exerciseId, view);
      view.catch(() => views.delete(exerciseId));
    }
    return view;
  };
}
