import { api, isApiError } from './client.ts';
import type { LoginResponse, Me } from './types.ts';
import type { Locale } from '#lib/i18n/types.ts';

export async function login(email: string, password: string): Promise<Me> {
  const { user } = await api.post<LoginResponse>('/api/auth/login', { email, password });
  return user;
}

export async function logout(): Promise<void> {
  await api.post<void>('/api/auth/logout');
}

/** The signed-in user, or null when there is no valid session (401). Other errors are thrown. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export async function saveLocale(value: Locale): Promise<Me> {
  return api.put<Me>('/api/me/locale', { locale: value });
}
