/**
 * `pnpm bench:similarity`: one exercise, 15,000 generated submissions (independent solutions and
 * planted disguised copies, bench/generate.ts). Prints the time to fingerprint them all, build the
 * index and re-scan every pair (target < 10 s), the time to check one new submission against the
 * 15,000 (p50/p99 over 500, target p99 < 10 ms), and the precision and recall of the planted copies at
 * the default threshold. Baselines in the same run: sha256 of the same texts (node:crypto), and a bare
 * pass of TypeScript's scanner over them (the tokeniser with no normalisation, hashing or winnowing).
 *
 * BENCH_COUNT, BENCH_COPIES, BENCH_SEED change the set; BENCH_SWEEP=1 also prints precision/recall for
 * other k-gram, window and threshold values. DOLOS_DIR (a directory where @dodona/dolos-lib is
 * installed with npm) also runs Dolos on a subset (every planted copy, its original, and other
 * independent solutions up to BENCH_DOLOS_COUNT, default 2,000) and prints its figures beside ours on
 * the same subset.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import {
  DEFAULT_MAX_ENTRY_SHARE,
  DEFAULT_OPTIONS,
  DEFAULT_THRESHOLD,
  SimilarityIndex,
  fingerprint,
  ignoredHashes,
  type Fingerprint,
  type SimilarityOptions,
} from '../src/index.ts';
import { generate, type Submission } from './generate.ts';

const COUNT = Number(process.env.BENCH_COUNT ?? 15_000);
const COPIES = Number(process.env.BENCH_COPIES ?? 700);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const QUERIES = 500;
const DOLOS_DIR = process.env.DOLOS_DIR;
const DOLOS_COUNT = Number(process.env.BENCH_DOLOS_COUNT ?? 2_000);
const TOTAL_LIMIT_S = 10;
const QUERY_P99_LIMIT_MS = 10;

/** The exercise's starter and reference solution, whose code every learner may legitimately share. */
const STARTER = `export function moyenne(notes) {\n  // À compléter\n}\n\nexport function maximum(notes) {\n  // À compléter\n}\n\nexport function compterAdmis(notes, seuil = 10) {\n  // À compléter\n}\n\nexport function mention(note) {\n  // À compléter\n}\n`;
const REFERENCE = `export function moyenne(notes) {
  if (notes.length === 0) return 0;
  return notes.reduce((a, b) => a + b, 0) / notes.length;
}

export function maximum(notes) {
  if (notes.length === 0) return null;
  return Math.max(...notes);
}

export function compterAdmis(notes, seuil = 10) {
  return notes.filter((note) => note >= seuil).length;
}

export function mention(note) {
  if (note >= 16) return 'Très bien';
  if (note >= 14) return 'Bien';
  if (note >= 12) return 'Assez bien';
  if (note >= 10) return 'Passable';
  return 'Insuffisant';
}
`;

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Accuracy {
  flagged: number;
  found: number;
  truth: number;
  precision: number;
  recall: number;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function accuracy(flagged: Array<{ a: string; b: string }>, submissions: Submission[]): Accuracy {
  const truth = new Set(
    submissions.filter((s) => s.copyOf !== undefined).map((s) => pairKey(s.id, s.copyOf!)),
  );
  const found = flagged.filter((pair) => truth.has(pairKey(pair.a, pair.b))).length;
  return {
    flagged: flagged.length,
    found,
    truth: truth.size,
    precision: flagged.length === 0 ? 1 : found / flagged.length,
    recall: truth.size === 0 ? 1 : found / truth.size,
  };
}

function describe(result: Accuracy): string {
  return `precision ${(100 * result.precision).toFixed(1)} % (${result.found} of ${result.flagged} flagged), recall ${(100 * result.recall).toFixed(1)} % (${result.found} of ${result.truth} planted)`;
}

function buildIndex(
  prints: Fingerprint[][],
  submissions: Submission[],
  ignored: Set<number>,
): SimilarityIndex {
  const index = new SimilarityIndex({ ignored });
  submissions.forEach((s, i) => index.add(s.id, s.owner, prints[i]!));
  return index;
}

const all = generate(SEED, COUNT + QUERIES, 0).slice(COUNT); // fresh independent solutions to query with
const submissions = generate(SEED, COUNT, COPIES);
const probes = [
  ...all.slice(0, QUERIES - 50),
  ...submissions.filter((s) => s.copyOf !== undefined).slice(0, 50),
];
const chars = submissions.reduce((sum, s) => sum + s.code.length, 0);
console.log(
  `similarity bench: ${COUNT} submissions (${COUNT - COPIES} independent, ${COPIES} planted copies), ${(chars / COUNT).toFixed(0)} characters each on average, seed ${SEED}, Node ${process.version}`,
);
console.log(
  `defaults: k-gram ${DEFAULT_OPTIONS.kgram}, window ${DEFAULT_OPTIONS.window}, threshold ${DEFAULT_THRESHOLD}`,
);

// Baselines: hashing the texts, and a bare scanner pass over them.
let start = performance.now();
for (const s of submissions) createHash('sha256').update(s.code).digest();
const sha = seconds(start);
start = performance.now();
const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
let rawTokens = 0;
for (const s of submissions) {
  scanner.setText(s.code);
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) rawTokens += 1;
}
const scan = seconds(start);

const ignored = ignoredHashes([STARTER, REFERENCE], 'javascript');
const cpuBefore = process.cpuUsage();
start = performance.now();
const prints = submissions.map((s) => fingerprint(s.code, 'javascript'));
const fingerprinting = seconds(start);
start = performance.now();
const index = buildIndex(prints, submissions, ignored);
const building = seconds(start);
start = performance.now();
const flagged = index.pairs(DEFAULT_THRESHOLD);
const rescan = seconds(start);
const total = fingerprinting + building + rescan;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const fingerprintCount = prints.reduce((sum, p) => sum + p.length, 0);

console.log(`\nbaseline sha256 of the texts (node:crypto): ${sha.toFixed(3)} s`);
console.log(`baseline bare scanner pass: ${scan.toFixed(3)} s (${rawTokens} raw tokens)`);
console.log(
  `fingerprint ${COUNT}: ${fingerprinting.toFixed(3)} s (${(fingerprintCount / COUNT).toFixed(1)} fingerprints each; ×${(fingerprinting / scan).toFixed(1)} the scanner pass, ×${(fingerprinting / sha).toFixed(0)} sha256)`,
);
console.log(
  `build the index: ${building.toFixed(3)} s (${index.ignoredHashes().size - ignored.size} common hashes ignored, ${ignored.size} starter/reference hashes)`,
);
console.log(
  `full re-scan (all pairs >= ${DEFAULT_THRESHOLD}): ${rescan.toFixed(3)} s, ${flagged.length} pairs`,
);
console.log(
  `total ${total.toFixed(2)} s (target < ${TOTAL_LIMIT_S} s): ${total < TOTAL_LIMIT_S ? 'PASS' : 'FAIL'}; CPU time ${cpuSeconds.toFixed(2)} s, load average ${loadavg()[0]!.toFixed(1)}`,
);

// One new submission against the 15,000: fingerprint + query, as the grading worker does it.
const times: number[] = [];
const queryOnly: number[] = [];
for (const probe of probes) {
  const t0 = performance.now();
  const mine = fingerprint(probe.code, 'javascript');
  const t1 = performance.now();
  index.query(mine, { excludeOwner: probe.owner, threshold: DEFAULT_THRESHOLD, limit: 10 });
  const t2 = performance.now();
  times.push(t2 - t0);
  queryOnly.push(t2 - t1);
}
times.sort((a, b) => a - b);
queryOnly.sort((a, b) => a - b);
const p99 = quantile(times, 0.99);
console.log(
  `\ncheck one submission against ${COUNT} (fingerprint + query, ${probes.length} probes): p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (query alone p50 ${quantile(queryOnly, 0.5).toFixed(2)}, p99 ${quantile(queryOnly, 0.99).toFixed(2)} ms; target p99 < ${QUERY_P99_LIMIT_MS} ms): ${p99 < QUERY_P99_LIMIT_MS ? 'PASS' : 'FAIL'}`,
);
console.log(
  `  baseline: sha256 of one submission ${((sha / COUNT) * 1000).toFixed(3)} ms, bare scan ${((scan / COUNT) * 1000).toFixed(3)} ms`,
);

const ours = accuracy(flagged, submissions);
console.log(`\nplanted copies at threshold ${DEFAULT_THRESHOLD}: ${describe(ours)}`);
const byDisguise = new Map<string, [number, number]>();
const flaggedKeys = new Set(flagged.map((p) => pairKey(p.a, p.b)));
for (const s of submissions) {
  if (s.copyOf === undefined) continue;
  const counts = byDisguise.get(s.disguise!) ?? [0, 0];
  counts[0] += flaggedKeys.has(pairKey(s.id, s.copyOf)) ? 1 : 0;
  counts[1] += 1;
  byDisguise.set(s.disguise!, counts);
}
console.log(`  recall by disguise: ${[...byDisguise].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`);
const falsePositives = flagged.filter(
  (p) => !submissions.some((s) => s.copyOf !== undefined && pairKey(s.id, s.copyOf) === pairKey(p.a, p.b)),
);
const copyIds = new Set(submissions.filter((s) => s.copyOf !== undefined).map((s) => s.id));
const viaCopies = falsePositives.filter((p) => copyIds.has(p.a) || copyIds.has(p.b)).length;
console.log(
  `  flagged pairs that are not a planted pair: ${falsePositives.length} (${viaCopies} of them involve a copy)`,
);

if (process.env.BENCH_SWEEP === '1') {
  console.log('\nsweep (k-gram, window: threshold -> precision / recall, flagged):');
  for (const kgram of [8, 10, 12, 15, 20]) {
    for (const window of [4, 8, 12]) {
      const options: SimilarityOptions = { kgram, window };
      const t = performance.now();
      const sweepPrints = submissions.map((s) => fingerprint(s.code, 'javascript', options));
      const sweepIndex = buildIndex(
        sweepPrints,
        submissions,
        ignoredHashes([STARTER, REFERENCE], 'javascript', options),
      );
      const sweepPairs = sweepIndex.pairs(0.3);
      const cells = [0.3, 0.4, 0.5, 0.6, 0.7].map((threshold) => {
        const r = accuracy(
          sweepPairs.filter((p) => p.score >= threshold),
          submissions,
        );
        return `${threshold}: ${(100 * r.precision).toFixed(1)} / ${(100 * r.recall).toFixed(1)} (${r.flagged})`;
      });
      console.log(`  k ${kgram}, w ${window} [${seconds(t).toFixed(1)} s]: ${cells.join('; ')}`);
    }
  }
}

if (DOLOS_DIR !== undefined) await compareWithDolos(DOLOS_DIR);

/** Dolos on a subset (it materialises every pair of files sharing a fingerprint), and ours on the same. */
async function compareWithDolos(dir: string): Promise<void> {
  const copies = submissions.filter((s) => s.copyOf !== undefined);
  const wanted = new Set([...copies.map((s) => s.id), ...copies.map((s) => s.copyOf!)]);
  for (const s of submissions) if (wanted.size < DOLOS_COUNT) wanted.add(s.id);
  const subset = submissions.filter((s) => wanted.has(s.id));
  const owners = new Map(subset.map((s) => [s.id, s.owner]));
  console.log(
    `\nDolos (${dir}) on a subset of ${subset.length}: all ${copies.length} planted copies, their originals, other independent solutions`,
  );

  const lib = (await import(
    pathToFileURL(join(dir, 'node_modules/@dodona/dolos-lib/dist/index.js')).href
  )) as {
    Dolos: new (options: object) => {
      analyze(files: unknown[], name?: string, ignored?: unknown): Promise<{ allPairs(): DolosPair[] }>;
    };
    File: new (path: string, content: string) => unknown;
  };
  interface DolosPair {
    leftFile: { path: string };
    rightFile: { path: string };
    similarity: number;
  }
  const runDolos = async (
    options: object,
  ): Promise<{ time: number; pairs: Array<{ a: string; b: string; score: number }> }> => {
    const t = performance.now();
    const files = subset.map((s) => new lib.File(`${s.id}.js`, s.code));
    const report = await new lib.Dolos({ language: 'javascript', ...options }).analyze(
      files,
      'bench',
      new lib.File('starter.js', STARTER + REFERENCE),
    );
    const pairs = report
      .allPairs()
      .map((p) => ({
        a: p.leftFile.path.replace(/\.js$/, ''),
        b: p.rightFile.path.replace(/\.js$/, ''),
        score: p.similarity,
      }))
      .filter((p) => owners.get(p.a) !== owners.get(p.b));
    return { time: seconds(t), pairs };
  };

  const t = performance.now();
  const subsetPrints = subset.map((s) => fingerprint(s.code, 'javascript'));
  const subsetPairs = buildIndex(subsetPrints, subset, ignored).pairs(0);
  const oursTime = seconds(t);
  const best = (pairs: Array<{ a: string; b: string; score: number }>): string => {
    let top = { f1: -1, threshold: 0, result: accuracy([], subset) };
    for (let threshold = 0.05; threshold < 1; threshold += 0.05) {
      const result = accuracy(
        pairs.filter((p) => p.score >= threshold),
        subset,
      );
      const f1 = (2 * result.precision * result.recall) / (result.precision + result.recall || 1);
      if (f1 > top.f1) top = { f1, threshold, result };
    }
    return `best F1 at threshold ${top.threshold.toFixed(2)}: ${describe(top.result)}`;
  };
  console.log(
    `  ours  (k ${DEFAULT_OPTIONS.kgram}, w ${DEFAULT_OPTIONS.window}): ${oursTime.toFixed(2)} s; at ${DEFAULT_THRESHOLD}: ${describe(
      accuracy(
        subsetPairs.filter((p) => p.score >= DEFAULT_THRESHOLD),
        subset,
      ),
    )}`,
  );
  console.log(`        ${best(subsetPairs)}`);
  for (const [label, options] of [
    ['defaults (k 23, w 17)', {}],
    [
      `k ${DEFAULT_OPTIONS.kgram}, w ${DEFAULT_OPTIONS.window}, max fingerprint share ${DEFAULT_MAX_ENTRY_SHARE * 100} %`,
      {
        kgramLength: DEFAULT_OPTIONS.kgram,
        kgramsInWindow: DEFAULT_OPTIONS.window,
        maxFingerprintPercentage: DEFAULT_MAX_ENTRY_SHARE,
      },
    ],
  ] as const) {
    const dolos = await runDolos(options);
    console.log(
      `  Dolos ${label}: ${dolos.time.toFixed(2)} s (${(dolos.time / oursTime).toFixed(1)}× ours), ${dolos.pairs.length} pairs reported; at ${DEFAULT_THRESHOLD}: ${describe(
        accuracy(
          dolos.pairs.filter((p) => p.score >= DEFAULT_THRESHOLD),
          subset,
        ),
      )}`,
    );
    console.log(`        ${best(dolos.pairs)}`);
  }
}
