// The AI module's data sets: the sandbox has no filesystem, so the exercises carry their data in their
// code, and data/ keeps the readable copy. These tests keep the two equal, and check the iris against
// figures published independently of this copy (the summary of R's `iris`, Fisher's version).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEMO_MODULES_DIR } from '../src/index.ts';

const MODULE = path.join(DEMO_MODULES_DIR, 'ia-fondamentaux');
const read = (relative: string) => readFile(path.join(MODULE, relative), 'utf8');

/** A CSV file's data lines, without its header and blank lines. */
async function csvRows(relative: string): Promise<{ header: string; rows: string[] }> {
  const [header = '', ...rows] = (await read(relative)).split(/\r?\n/).filter((l) => l.trim() !== '');
  return { header, rows };
}

/** The lines of the `IRIS_CSV` template literal of an exercise file. */
function embeddedIris(source: string): string[] {
  const match = /const IRIS_CSV = `([^`]*)`/.exec(source);
  if (!match?.[1]) throw new Error('no IRIS_CSV template literal');
  return match[1].split('\n').filter((l) => l.trim() !== '');
}

describe("Fisher's iris", () => {
  test('data/iris.csv: 150 flowers, 50 of each species, four measures in centimetres', async () => {
    const { header, rows } = await csvRows('data/iris.csv');
    expect(header).toBe('sepal_length,sepal_width,petal_length,petal_width,species');
    expect(rows).toHaveLength(150);
    const species = rows.map((r) => r.split(',')[4]);
    for (const [i, name] of ['setosa', 'versicolor', 'virginica'].entries()) {
      expect(species.slice(50 * i, 50 * (i + 1))).toEqual(new Array(50).fill(name));
    }
    for (const row of rows) expect(row).toMatch(/^(\d\.\d,){4}[a-z]+$/);
  });

  test("Fisher's figures: the column means of R's iris, and the two rows the UCI copy gets wrong", async () => {
    const { rows } = await csvRows('data/iris.csv');
    const columns = [0, 1, 2, 3].map((c) => rows.map((r) => Number(r.split(',')[c])));
    const means = columns.map((col) => col.reduce((a, b) => a + b, 0) / col.length);
    // summary(iris) in R: 5.843, 3.057, 3.758, 1.199.
    expect(means[0]).toBeCloseTo(5.843333, 5);
    expect(means[1]).toBeCloseTo(3.057333, 5);
    expect(means[2]).toBeCloseTo(3.758, 5);
    expect(means[3]).toBeCloseTo(1.199333, 5);
    expect(rows[34]).toBe('4.9,3.1,1.5,0.2,setosa');
    expect(rows[37]).toBe('4.9,3.6,1.4,0.1,setosa');
  });

  test('the knn-iris starter and reference embed exactly the rows of data/iris.csv', async () => {
    const { rows } = await csvRows('data/iris.csv');
    for (const file of ['exercises/knn-iris/iris.ts', 'exercises/knn-iris/solution/iris.ts']) {
      expect(embeddedIris(await read(file)), file).toEqual(rows);
    }
  });
});

describe('the generated blobs', () => {
  test('genererNuages(2026), in the k-moyennes starter and reference, gives data/nuages.csv', async () => {
    const { header, rows } = await csvRows('data/nuages.csv');
    expect(header).toBe('x,y,nuage');
    expect(rows).toHaveLength(60);
    for (const file of ['exercises/k-moyennes/kmoyennes.ts', 'exercises/k-moyennes/solution/kmoyennes.ts']) {
      const { NUAGES, genererNuages } = (await import(pathToFileURL(path.join(MODULE, file)).href)) as {
        NUAGES: Array<[number, number]>;
        genererNuages: (graine?: number) => Array<[number, number]>;
      };
      const generated = genererNuages(2026).map(([x, y], i) => `${x},${y},${Math.floor(i / 20)}`);
      expect(generated, file).toEqual(rows);
      expect(NUAGES).toEqual(genererNuages(2026));
    }
  });
});
