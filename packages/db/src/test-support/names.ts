import { readFileSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * The template databases of a test run, named after the database of DATABASE_URL so that two roles
 * (a developer's, CI's) sharing one server never trip over each other's templates.
 */
export function templateName(url: string, kind: 'migrated' | 'seeded'): string {
  const base = decodeURIComponent(new URL(url).pathname.slice(1)) || 'tremplin';
  return `${base}_tpl_${kind}`;
}

/** Where the global setup leaves the embedded database's migrated (and seeded) dumps. */
export function templateDumpPath(kind: 'migrated' | 'seeded'): string {
  return path.join(ROOT, '.tmp', `pglite-${kind}.tar`);
}

/** That dump, for PGlite's `loadDataDir` (the embedded engine's or a PGlite of a test's own). */
export function templateDump(kind: 'migrated' | 'seeded'): Blob {
  return new Blob([readFileSync(templateDumpPath(kind))]);
}

/** The same server URL, pointing at another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Drops a test database, closing its sessions. `WITH (FORCE)` refuses (42501) while an autovacuum
 * worker is in it, since a role without pg_signal_backend may not end that process: the worker is
 * done within moments, so the drop is tried again a few times before giving up.
 */
export async function dropTestDatabase(admin: postgres.Sql, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
