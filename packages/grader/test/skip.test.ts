// Skipping follows the public Jest tracks: .skip is listed and not run, x-prefixed tests (the tracks'
// "unlock one at a time" marker) and .only run and are graded, test.todo is listed and worth nothing.
import { describe, expect, test } from 'vitest';
import { byName, gradeWith, usePool } from './helpers.ts';
import type { Submission } from './helpers.ts';
import type { GradeResult } from '../src/index.ts';

const pool = usePool(2);
const grade = (tests: string, extra: Partial<Submission> = {}) =>
  gradeWith(pool(), {
    solution: 'export const log = [];\nexport const two = () => 2;',
    tests: `import { log, two } from './two';\n${tests}`,
    ...extra,
  });
const statuses = (r: GradeResult) => r.tests.map((t) => [t.name, t.status]);

describe('skipped tests', () => {
  test('test.skip and it.skip are listed as skipped, not run, and count in neither status nor score', async () => {
    const r = await grade(`
test('plain', () => expect(two()).toBe(2));
test.skip('wrong but skipped', () => { log.push('test.skip'); expect(two()).toBe(3); });
it.skip('also skipped', () => { log.push('it.skip'); });
test('nothing skipped ran', () => expect(log).toEqual([]));`);
    expect(statuses(r)).toEqual([
      ['plain', 'pass'],
      ['wrong but skipped', 'skipped'],
      ['also skipped', 'skipped'],
      ['nothing skipped ran', 'pass'],
    ]);
    expect(r).toMatchObject({ status: 'pass', score: 1 });
    expect(byName(r)['wrong but skipped']).toEqual({
      name: 'wrong but skipped',
      status: 'skipped',
      durationMs: 0,
      cpuMs: 0,
    });
  });

  test('the score is the share of the graded tests only', async () => {
    const r = await grade(`
test('right', () => expect(two()).toBe(2));
test('wrong', () => expect(two()).toBe(3));
test.skip('skipped', () => expect(two()).toBe(2));`);
    expect(r).toMatchObject({ status: 'fail', score: 0.5 });
  });

  test('a skipped test earns none of its points', async () => {
    const r = await grade(
      `test('right', () => expect(two()).toBe(2));
test.skip('skipped', () => expect(two()).toBe(2));`,
      { points: { right: 1, skipped: 2 } },
    );
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('describe.skip lists its tests as skipped and runs none of its hooks', async () => {
    const r = await grade(`
describe.skip('off', () => {
  beforeAll(() => log.push('beforeAll'));
  beforeEach(() => log.push('beforeEach'));
  afterEach(() => log.push('afterEach'));
  afterAll(() => log.push('afterAll'));
  test('inner', () => log.push('inner'));
  describe('nested', () => {
    it('deeper', () => log.push('deeper'));
  });
});
test('no hook nor body of the skipped describe ran', () => expect(log).toEqual([]));`);
    expect(statuses(r)).toEqual([
      ['off inner', 'skipped'],
      ['off nested deeper', 'skipped'],
      ['no hook nor body of the skipped describe ran', 'pass'],
    ]);
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('test.skip.each and describe.skip.each list every row as skipped', async () => {
    const r = await grade(`
test.skip.each([[1], [2]])('row %i', (n) => log.push(n));
describe.skip.each([['a'], ['b']])('group %s', (g) => { test('t', () => log.push(g)); });
test('no row ran', () => expect(log).toEqual([]));`);
    expect(statuses(r)).toEqual([
      ['row 1', 'skipped'],
      ['row 2', 'skipped'],
      ['group a t', 'skipped'],
      ['group b t', 'skipped'],
      ['no row ran', 'pass'],
    ]);
  });

  test('a file whose every test is skipped or to do is an error: there is nothing to grade', async () => {
    const r = await grade(`
test.skip('skipped', () => expect(two()).toBe(2));
test.todo('later');`);
    expect(r).toEqual({
      status: 'error',
      message: "Aucun test n'a été trouvé dans le fichier de tests.",
      score: 0,
      tests: [
        { name: 'skipped', status: 'skipped', durationMs: 0, cpuMs: 0 },
        { name: 'later', status: 'todo', durationMs: 0, cpuMs: 0 },
      ],
    });
  });
});

describe('tests that grading runs', () => {
  test('xtest, xit and xdescribe run and are graded, as the tracks unlock them', async () => {
    const r = await grade(`
xtest('xtest', () => expect(two()).toBe(2));
xit('xit', () => expect(two()).toBe(3));
xdescribe('xdescribe', () => {
  beforeEach(() => log.push('hook'));
  it('inner', () => expect(log).toEqual(['hook']));
});`);
    expect(statuses(r)).toEqual([
      ['xtest', 'pass'],
      ['xit', 'fail'],
      ['xdescribe inner', 'pass'],
    ]);
    expect(r).toMatchObject({ status: 'fail', score: 0.6667 });
  });

  test('.only, fit and fdescribe are ignored: every test runs', async () => {
    const r = await grade(`
test.only('only', () => expect(two()).toBe(2));
test('plain', () => expect(two()).toBe(2));
fit('fit', () => expect(two()).toBe(2));
fdescribe('fdescribe', () => { it('inner', () => expect(two()).toBe(2)); });
describe.only('describe.only', () => { it('inner', () => expect(two()).toBe(2)); });`);
    expect(statuses(r)).toEqual([
      ['only', 'pass'],
      ['plain', 'pass'],
      ['fit', 'pass'],
      ['fdescribe inner', 'pass'],
      ['describe.only inner', 'pass'],
    ]);
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('test.todo and it.todo are listed as to do and worth nothing', async () => {
    const r = await grade(`
test('done', () => expect(two()).toBe(2));
test.todo('later');
describe('group', () => { it.todo('some day'); });`);
    expect(statuses(r)).toEqual([
      ['done', 'pass'],
      ['later', 'todo'],
      ['group some day', 'todo'],
    ]);
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('a time limit hit after a skipped test names the right test', async () => {
    const r = await grade(
      `test.skip('skipped', () => {});
test('loops', () => { for (;;) {} });
test('after', () => expect(two()).toBe(2));`,
      { limits: { cpuMsPerTest: 100 } },
    );
    expect(statuses(r)).toEqual([
      ['skipped', 'skipped'],
      ['loops', 'error'],
      ['after', 'pass'],
    ]);
    expect(r.message).toMatch(/« loops »/);
  });
});
