// Vitest global setup: migrate (and seed) once per run, so each test file starts from a copy in
// well under a second instead of initialising a database of its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { dumpEmbedded, migrate, openDatabase, seedDemoProgramme } from '../index.ts';
import { dropTestDatabase, templateName, templateDumpPath, withDatabaseName } from './names.ts';

export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await preparePostgresTemplates(url);
    return;
  }
  mkdirSync(path.dirname(templateDumpPath('migrated')), { recursive: true });
  const database = await openDatabase({});
  try {
    await migrate(database);
    await dump(database, 'migrated');
    await seedDemoProgramme(database.db);
    await dump(database, 'seeded');
  } finally {
    await database.close();
  }
}

async function dump(database: Awaited<ReturnType<typeof openDatabase>>, kind: 'migrated' | 'seeded') {
  const file = await dumpEmbedded(database);
  writeFileSync(templateDumpPath(kind), Buffer.from(await file.arrayBuffer()));
}

async function preparePostgresTemplates(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const kind of ['migrated', 'seeded'] as const) {
      const name = templateName(url, kind);
      await dropTestDatabase(admin, name);
      await admin.unsafe(`create database "${name}"`);
      const database = await openDatabase({ url: withDatabaseName(url, name), poolSize: 1 });
      try {
        await migrate(database);
        if (kind === 'seeded') await seedDemoProgramme(database.db);
      } finally {
        await database.close();
      }
    }
  } finally {
    await admin.end();
  }
}
