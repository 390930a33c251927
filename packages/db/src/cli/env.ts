// The database the commands work on: DATABASE_URL's PostgreSQL server (DATABASE_DIRECT_URL when
// DATABASE_URL is a pooler: a tool's migrations, locks and dumps need a session of their own),
// else the embedded engine in DATA_DIR (./data).
import path from 'node:path';

export function databaseFromEnv():
  { url: string; dataDir?: undefined } | { url?: undefined; dataDir: string } {
  const url = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
  return url ? { url } : { dataDir: path.resolve(process.env.DATA_DIR || 'data') };
}
