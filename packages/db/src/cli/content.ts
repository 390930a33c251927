// `pnpm content <command>`: the content package's commands (validate, import, schema), plus the two that need the database: `publish <dir> [--note "…"]` and
// `export <slug> [--version N] <dir>`. The database is the one `pnpm db:seed` uses: DATABASE_URL,
// else the embedded engine in DATA_DIR (./data by default); it is migrated first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ContentError, counted, formatProblem } from '@tremplin/content';
import { contentCommands, runContentCli } from '@tremplin/content/cli';
import { createGraderPool } from '@tremplin/grader';
import { openDatabase, type Database } from '../client.ts';
import { exportVersion, publishFolder } from '../content-publishing.ts';
import { migrate } from '../migrate.ts';
import { databaseFromEnv } from './env.ts';

import type { CommandIO, ContentCommand } from '@tremplin/content/cli';

async function withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ ...databaseFromEnv(), poolSize: 2 });
  try {
    await migrate(database);
    return await use(database);
  } finally {
    await database.close();
  }
}

const publish: ContentCommand = {
  usage: 'publish <dir> [--note "…"]',
  summary: 'validates a module folder (sandbox included) and publishes it as its next version',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { note: { type: 'string' } },
    });
    const [dir] = positionals;
    if (!dir || positionals.length > 1) {
      io.err(`usage: pnpm content ${publish.usage}`);
      return 2;
    }
    const pool = createGraderPool({ size: 2 });
    try {
      const result = await withDatabase((database) =>
        publishFolder(database.db, path.resolve(io.cwd, dir), {
          pool,
          ...(values.note !== undefined ? { note: values.note } : {}),
        }),
      );
      io.out(
        result.unchanged
          ? `${result.slug}: version ${result.version} already holds this content (${result.contentHash.slice(0, 12)})`
          : `${result.slug}: version ${result.version} published (${result.contentHash.slice(0, 12)})`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      for (const problem of error.problems) io.err(formatProblem(problem));
      io.err(`${counted('en', error.problems.length, 'problem', 'problems')}: nothing published`);
      return 1;
    } finally {
      await pool.close();
    }
  },
};

const exportCommand: ContentCommand = {
  usage: 'export <slug> [--version N] <dir>',
  summary: 'writes a stored version (the newest published by default) as a module folder',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { version: { type: 'string' } },
    });
    const [slug, dir] = positionals;
    const version = values.version === undefined ? undefined : Number(values.version);
    if (
      !slug ||
      !dir ||
      positionals.length > 2 ||
      (version !== undefined && !(Number.isInteger(version) && version > 0))
    ) {
      io.err(`usage: pnpm content ${exportCommand.usage}`);
      return 2;
    }
    const written = await withDatabase((database) =>
      exportVersion(database.db, slug, path.resolve(io.cwd, dir), version),
    );
    io.out(`${slug}: version ${written.version} written to ${dir} (${written.files.length} files)`);
    return 0;
  },
};

export const databaseCommands: Record<string, ContentCommand> = { publish, export: exportCommand };

/** Runs one command (the content package's or one of the two above); resolves to the exit code. */
export function runCli(argv: string[], io: CommandIO): Promise<number> {
  return runContentCli(argv, { ...contentCommands, ...databaseCommands }, io);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
  });
}
