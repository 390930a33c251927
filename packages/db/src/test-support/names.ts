import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

export const TEMPLATE_NAMES = { migrated: 'tremplin_tpl_migrated', seeded: 'tremplin_tpl_seeded' } as const;

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
