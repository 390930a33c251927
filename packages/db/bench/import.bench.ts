/**
 * `pnpm bench:import`: 15,000 student rows checked (dry run) then applied, on PostgreSQL, in a
 * scratch database created for the run and dropped after it. Prints the seconds of each phase,
 * PASS/FAIL against 30 s, and a baseline: a bare multi-row INSERT of the same accounts and
 * memberships, as a ratio.
 *
 * DATABASE_URL: a PostgreSQL server whose user may create databases (default: the local
 * tremplin_dev). BENCH_ROWS changes the row count.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Db } from '../src/client.ts';
import { applyImportBatch, createImportBatch, issueActivationLinks, slices } from '../src/imports/index.ts';
import { migrate } from '../src/migrate.ts';
import { cohorts, groups, memberships, universities, users } from '../src/schema/index.ts';
import { dropTestDatabase, withDatabaseName } from '../src/test-support/names.ts';

const URL = process.env.DATABASE_URL ?? 'postgres://tremplin_dev:tremplin_dev@127.0.0.1:5432/tremplin_dev';
const ROWS = Number(process.env.BENCH_ROWS ?? 15_000);
const LIMIT_S = 30;

/** A French spreadsheet's export: `;`, a BOM, CRLF, accents; groups of 17, all new. */
function studentsFile(rows: number, prefix: string): string {
  const lines = ['Email;Nom;Université;Cohorte;Groupe'];
  for (let i = 0; i < rows; i += 1) {
    const kara = i % 3 === 0;
    lines.push(
      `${prefix}${i}@exemple.tg;Apprenant·e Ékué N°${i};${kara ? 'Université de Kara' : 'univ-lome'};promotion-2026;Groupe ${kara ? 'Kara' : 'Lomé'} ${100 + Math.floor(i / 51)}`,
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

async function timed<T>(label: string, times: Array<[string, number]>, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  times.push([label, (performance.now() - start) / 1000]);
  return result;
}

/** The same accounts and memberships written with nothing around them: no check, no groups, no links. */
async function baseline(db: Db, cohortId: string, universityId: string): Promise<number> {
  const start = performance.now();
  await db.transaction(async (tx) => {
    const [group] = await tx.insert(groups).values({ name: 'Base', universityId, cohortId }).returning();
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      email: `base${i}@exemple.tg`,
      displayName: `Apprenant·e Ékué N°${i}`,
      passwordHash: '!',
    }));
    for (const slice of slices(rows)) {
      const ids = await tx.insert(users).values(slice).returning({ id: users.id });
      await tx
        .insert(memberships)
        .values(ids.map((u) => ({ userId: u.id, role: 'student' as const, groupId: group!.id })));
    }
  });
  return (performance.now() - start) / 1000;
}

async function main() {
  const name = `tremplin_bench_import_${randomBytes(4).toString('hex')}`;
  const admin = postgres(URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const database = await openDatabase({ url: withDatabaseName(URL, name), poolSize: 4 });
  try {
    await migrate(database);
    const { db } = database;
    const [lome] = await db
      .insert(universities)
      .values([
        { slug: 'univ-lome', name: 'Université de Lomé', city: 'Lomé' },
        { slug: 'univ-kara', name: 'Université de Kara', city: 'Kara' },
      ])
      .returning();
    const [cohort] = await db
      .insert(cohorts)
      .values({
        slug: 'promotion-2026',
        name: 'Promotion 2026-2027',
        kind: 'students',
        startsOn: '2026-10-01',
        endsOn: '2027-07-31',
      })
      .returning();
    const [coordinator] = await db
      .insert(users)
      .values({ email: 'coordination@exemple.tg', displayName: 'Coordination', passwordHash: '!' })
      .returning();

    const file = studentsFile(ROWS, 'import');
    console.log(`bench:import — ${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB) on PostgreSQL (${name})`);
    const times: Array<[string, number]> = [];
    const batch = await timed('check (parse, dry run, report stored)', times, () =>
      createImportBatch(db, {
        kind: 'students',
        fileName: 'bench.csv',
        content: file,
        createdBy: coordinator!.id,
      }),
    );
    if (batch.rowsValid !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${batch.rowsValid}`);
    const outcome = await timed('apply (checked again, written, one transaction)', times, () =>
      applyImportBatch(db, { batchId: batch.id, mode: 'all', actorId: coordinator!.id }),
    );
    if (!outcome.applied || outcome.batch.rowsImported !== ROWS)
      throw new Error('the apply did not import every row');
    const links = await timed('activation links (CSV)', times, () =>
      issueActivationLinks(db, {
        batchId: batch.id,
        actorId: coordinator!.id,
        linkBase: 'https://tremplin.gouv.tg',
      }),
    );
    if (links.count !== ROWS) throw new Error(`expected ${ROWS} links, got ${links.count}`);
    const total = times.reduce((sum, [, s]) => sum + s, 0);
    const bare = await baseline(db, cohort!.id, lome!.id);

    for (const [label, seconds] of times) console.log(`  ${label.padEnd(50)} ${seconds.toFixed(2)} s`);
    console.log(`  ${'total'.padEnd(50)} ${total.toFixed(2)} s`);
    console.log(
      `  ${'baseline: bare INSERT of the accounts and memberships'.padEnd(50)} ${bare.toFixed(2)} s (import = ${(total / bare).toFixed(1)}× the baseline)`,
    );
    console.log(
      `${total < LIMIT_S ? 'PASS' : 'FAIL'}: ${ROWS} rows imported in ${total.toFixed(2)} s (limit ${LIMIT_S} s)`,
    );
    if (total >= LIMIT_S) process.exitCode = 1;
  } finally {
    await database.close();
    await dropTestDatabase(admin, name);
    await admin.end();
  }
}

await main();
