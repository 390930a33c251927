// The graders' and learners' review calls (types only from the contracts: typebox stays out of the bundle).
import type {
  AppealCreated,
  ClaimResult,
  NotificationList,
  QueueQuery,
  ReviewDecisionBody,
  ReviewDecisionResult,
  ReviewItem,
  ReviewQueue,
} from '@tremplin/contracts';
import { api } from '#lib/api/client.ts';

const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The query string of a queue filter: empty values are left out. */
export function queueSearch(query: QueueQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const reviewsApi = {
  queue: (query: QueueQuery, signal?: AbortSignal) =>
    api.get<ReviewQueue>(`/api/reviews${queueSearch(query)}`, opts(signal)),
  item: (flagId: string, signal?: AbortSignal) =>
    api.get<ReviewItem>(`/api/reviews/${id(flagId)}`, opts(signal)),
  claim: (flagId: string) => api.post<ClaimResult>(`/api/reviews/${id(flagId)}/claim`, {}),
  release: (flagId: string) => api.request<void>('DELETE', `/api/reviews/${id(flagId)}/claim`),
  decide: (flagId: string, body: ReviewDecisionBody) =>
    api.post<ReviewDecisionResult>(`/api/reviews/${id(flagId)}/decision`, body),
  appeal: (submissionId: string, comment: string) =>
    api.post<AppealCreated>(`/api/submissions/${id(submissionId)}/appeal`, { comment }),
  notifications: (signal?: AbortSignal) => api.get<NotificationList>('/api/me/notifications', opts(signal)),
  markRead: (ids: string[]) => api.post<unknown>('/api/me/notifications/read', { ids }),
};
