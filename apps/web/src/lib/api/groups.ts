import { api } from './client.ts';
import type { GroupSummary, GroupsResponse } from './types.ts';

/** Tutor: their groups; coordinator/admin: every group. */
export async function listGroups(signal?: AbortSignal): Promise<GroupSummary[]> {
  const { groups } = await api.get<GroupsResponse>('/api/groups', signal ? { signal } : {});
  return groups;
}
