// The embedded engine in its own thread: statements run while the caller's event loop keeps turning,
// one session keeps transactions whole, and the data directory outlives the thread. The engine is
// opened empty (no template: on PostgreSQL runs there is none), whatever DATABASE_URL says.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpEmbedded, openDatabase, type Database } from '../client.ts';
import { rowsOf } from '../queries/dashboards.ts';

let database: Database | undefined;

beforeAll(async () => {
  database = await openDatabase({});
  await database.db.execute(sql`create table thread_probe (id int primary key, note text not null)`);
});
afterAll(async () => {
  await database?.close();
});

describe('the embedded engine in its own thread', () => {
  const opened = () => database!;

  it("runs a statement while the caller's event loop keeps turning", async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      const started = performance.now();
      await opened().db.execute(sql`select pg_sleep(0.3)`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      clearInterval(ticker);
    }
    // In the caller's thread the statement held the loop: no tick at all until it ended.
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it('keeps a transaction whole: statements from outside wait for its end, a rollback leaves nothing', async () => {
    const order: string[] = [];
    const { promise: inside, resolve: entered } = Promise.withResolvers<void>();
    const { promise: release, resolve: finish } = Promise.withResolvers<void>();
    const transaction = opened().db.transaction(async (tx) => {
      await tx.execute(sql`insert into thread_probe values (1, 'in the transaction')`);
      entered();
      await release;
      order.push('transaction');
    });
    await inside;
    const outside = rowsOf<{ n: number }>(opened().db, sql`select count(*)::int as n from thread_probe`).then(
      (rows) => {
        order.push('outside');
        return rows[0]!.n;
      },
    );
    finish();
    await transaction;
    expect(await outside).toBe(1);
    expect(order).toEqual(['transaction', 'outside']);

    await expect(
      opened().db.transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe values (2, 'rolled back')`);
        await tx.execute(sql`insert into thread_probe values (1, 'a duplicate')`);
      }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await rowsOf(opened().db, sql`select id, note from thread_probe order by id`)).toEqual([
      { id: 1, note: 'in the transaction' },
    ]);
  });

  it('dumps its data directory for another database to start from', async () => {
    const copy = await openDatabase({ loadDataDir: await dumpEmbedded(opened()) });
    try {
      expect(await rowsOf(copy.db, sql`select note from thread_probe`)).toEqual([
        { note: 'in the transaction' },
      ]);
    } finally {
      await copy.close();
    }
  });

  it('keeps its files after the thread ends, behind a socket only its user can reach', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-thread-test-'));
    try {
      const first = await openDatabase({ dataDir });
      await first.db.execute(sql`create table kept (note text)`);
      await first.db.execute(sql`insert into kept values ('still here')`);
      const socketDirectory = path.dirname(socketPathOf(first));
      expect(statSync(socketDirectory).mode & 0o777).toBe(0o700);
      await first.close();
      expect(existsSync(socketDirectory)).toBe(false);

      const again = await openDatabase({ dataDir });
      try {
        expect(await rowsOf(again.db, sql`select note from kept`)).toEqual([{ note: 'still here' }]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to open a data directory it cannot use, and says why', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'tremplin-thread-test-'));
    const file = path.join(directory, 'not-a-directory');
    writeFileSync(file, 'x');
    try {
      await expect(openDatabase({ dataDir: file })).rejects.toThrow();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** The Unix socket postgres.js connects to (its `path` option). */
function socketPathOf(database: Database): string {
  const client = (database.db as unknown as { $client: { options: { path: string } } }).$client;
  return client.options.path;
}
