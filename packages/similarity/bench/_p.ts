import { SimilarityIndex, fingerprint } from '../src/index.ts';
import { generate } from './generate.ts';
const subs = generate(2026, 15000, 700);
const truth = new Set(subs.filter((s) => s.copyOf).map((s) => [s.id, s.copyOf!].sort().join('|')));
for (const cfg of (process.env.CONFIGS ?? '16,4,0.1').split(' ')) {
  const [k, w, share] = cfg.split(',').map(Number);
  const prints = subs.map((s) => fingerprint(s.code, 'javascript', { kgram: k, window: w }));
  const idx = new SimilarityIndex({ maxEntryShare: share });
  subs.forEach((s, i) => idx.add(s.id, s.owner, prints[i]!));
  idx.ignoredHashes();
  const t0 = performance.now();
  const pairs = idx.pairs(0.5);
  const ms = performance.now() - t0;
  const cells = [0.5, 0.55, 0.6, 0.65, 0.7].map((t) => {
    const f = pairs.filter((p) => p.score >= t);
    const tp = f.filter((p) => truth.has([p.a, p.b].sort().join('|'))).length;
    return `${t}:${((100 * tp) / Math.max(1, f.length)).toFixed(0)}/${((100 * tp) / truth.size).toFixed(0)}`;
  });
  console.log(`k${k} w${w} share ${share}: rescan ${ms.toFixed(0)} ms; ${cells.join(' ')}`);
}
