import { api } from './client.ts';
import type { Health, SignInFailures } from './types.ts';

/** The platform's state (public): its engine, and whether public demo accounts exist. */
export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return api.get<Health>('/api/health', signal ? { signal } : {});
}

/** Coordination: an account's recent failed sign-ins, per address. */
export async function fetchSignInFailures(email: string, signal?: AbortSignal): Promise<SignInFailures> {
  const query = new URLSearchParams({ email }).toString();
  return api.get<SignInFailures>(`/api/accounts/sign-in-failures?${query}`, signal ? { signal } : {});
}
