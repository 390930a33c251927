import { base64 } from './base64.ts';
import { api } from './client.ts';
import type {
  ApplicationDetail,
  ApplicationDocument,
  ApplicationList,
  ApplicationListQuery,
  Me,
  OwnApplication,
  StudyLevel,
  TutorCall,
  TutorCallBody,
  TutorCallList,
} from './types.ts';

/** The calls (public) and every university, for the application form. */
export function fetchCalls(): Promise<TutorCallList> {
  return api.get<TutorCallList>('/api/recruitment/calls');
}

export async function signUpCandidate(body: {
  email: string;
  displayName: string;
  password: string;
  locale: 'fr' | 'en';
}): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/api/recruitment/sign-up', body);
  return user;
}

export async function fetchOwnApplications(): Promise<OwnApplication[]> {
  const { applications } = await api.get<{ applications: OwnApplication[] }>(
    '/api/recruitment/my-applications',
  );
  return applications;
}

export function saveApplication(
  callId: string,
  body: { universityId: string; level: StudyLevel; field: string; studentNumber: string; motivation: string },
): Promise<OwnApplication> {
  return api.put<OwnApplication>(`/api/recruitment/calls/${callId}/application`, body);
}

/** Sends the file as base64 in JSON: the server reads its type from the content, whatever its name. */
export async function uploadDocument(applicationId: string, file: File): Promise<ApplicationDocument> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = new URLSearchParams({ name: file.name || 'document.pdf' }).toString();
  return api.post<ApplicationDocument>(`/api/recruitment/applications/${applicationId}/documents?${name}`, {
    contentBase64: base64(bytes),
  });
}

/** Where a document downloads (an attachment; the browser keeps the session cookie). */
export function documentUrl(id: string): `/api/${string}` {
  return `/api/recruitment/documents/${encodeURIComponent(id)}`;
}

export function exportUrl(callId: string, kind: 'call' | 'applications' | 'decisions'): `/api/${string}` {
  return `/api/recruitment/calls/${encodeURIComponent(callId)}/exports/${kind}`;
}

export function fetchApplications(callId: string, filter: ApplicationListQuery): Promise<ApplicationList> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const suffix = query.size ? `?${query}` : '';
  return api.get<ApplicationList>(`/api/recruitment/calls/${callId}/applications${suffix}`);
}

export function fetchApplication(id: string): Promise<ApplicationDetail> {
  return api.get<ApplicationDetail>(`/api/recruitment/applications/${id}`);
}

export function saveReview(
  id: string,
  scores: Record<string, number>,
  comment: string,
): Promise<ApplicationDetail> {
  return api.put<ApplicationDetail>(`/api/recruitment/applications/${id}/review`, { scores, comment });
}

export function decide(
  id: string,
  decision: 'selected' | 'rejected',
  note: string,
): Promise<ApplicationDetail> {
  return api.post<ApplicationDetail>(`/api/recruitment/applications/${id}/decision`, { decision, note });
}

export function openCall(body: TutorCallBody): Promise<TutorCall> {
  return api.post<TutorCall>('/api/recruitment/calls', body);
}

export function editCall(id: string, body: TutorCallBody): Promise<TutorCall> {
  return api.put<TutorCall>(`/api/recruitment/calls/${id}`, body);
}
