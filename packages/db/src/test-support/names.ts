import path from 'node:path';

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

/** The same server URL, pointing at another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
