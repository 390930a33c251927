import { PublicSpec } from '@tremplin/contracts';
import Compile from 'typebox/compile';
import { describe, expect, test } from 'vitest';
import { loadDemoModules, toPublicSpec, type FullSpec } from '../src/index.ts';
import {
  clozeSpec,
  codeSpec,
  dictationSpec,
  matchingSpec,
  orderingSpec,
  sampleModule,
  writingSpec,
} from './sample-module.ts';

const checkPublic = Compile(PublicSpec);

/** Every key and string value of a JSON value, to look for anything that should not be there. */
function walk(value: unknown, keys: Set<string>, strings: string[]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) value.forEach((v) => walk(v, keys, strings));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      walk(v, keys, strings);
    }
  }
}

const ALLOWED_KEYS = new Set([
  ...['kind', 'language', 'starter', 'visibleTests', 'hiddenTestCount', 'maxSourceBytes'],
  // A code exercise's limits, for the Run on the device (offline): the same limits the server applies.
  ...['limits', 'cpuMsPerTest', 'cpuMs', 'wallMs', 'outputChars'],
  ...['multiple', 'options', 'id', 'text', 'segments', 'type', 'size', 'unit', 'items', 'left', 'right'],
  ...['lang', 'defaultRate', 'maxPlays', 'playsUsed', 'excerptMd', 'minWords', 'maxWords'],
  ...['cards', 'term', 'gloss', 'example'],
]);

/** The answer-key texts of a spec that its public view must never contain. */
function secrets(spec: FullSpec): string[] {
  switch (spec.kind) {
    case 'code':
      return [spec.solution, spec.hiddenTests];
    case 'choice':
      return spec.options.flatMap((o) => (o.feedback ? [o.feedback] : []));
    case 'cloze':
      return spec.gaps.flatMap((g) => [...g.answers, ...(g.feedback ? [g.feedback] : [])]);
    case 'dictation':
      return [spec.text, spec.text.split(' ').slice(0, 4).join(' ')];
    case 'writing':
      // Keyword values may appear in the excerpt on purpose; labels, feedback and patterns may not.
      return spec.rubric.flatMap((r) => [
        r.label,
        ...(r.feedbackFound ? [r.feedbackFound] : []),
        ...(r.feedbackMissing ? [r.feedbackMissing] : []),
        ...r.alternatives.filter((a) => a.type !== 'word').map((a) => a.value),
      ]);
    default:
      return [];
  }
}

describe('public views of the demo exercises', () => {
  test('match the contract and hold no answer key', async () => {
    for (const mod of await loadDemoModules()) {
      for (const ex of mod.exercises) {
        const where = `${mod.slug}/${ex.slug}`;
        const view = toPublicSpec(ex.spec, { seed: `exercise-${ex.slug}:user-1` });
        expect(checkPublic.Check(view), where).toBe(true);
        const json = JSON.stringify(view);
        const keys = new Set<string>();
        const strings: string[] = [];
        walk(view, keys, strings);
        expect(
          [...keys].filter((k) => !ALLOWED_KEYS.has(k)),
          where,
        ).toEqual([]);
        for (const secret of secrets(ex.spec)) {
          expect(
            strings.some((s) => s.toLowerCase().includes(secret.toLowerCase())),
            `${where}: ${secret}`,
          ).toBe(false);
        }
        expect(json, where).not.toMatch(
          /"correct"|"solution"|"hiddenTests"|"rubric"|"answers"|"alternatives"/,
        );
        if (ex.spec.kind === 'ordering') {
          const authorIds = new Set(ex.spec.items.map((i) => i.id));
          expect(view.kind === 'ordering' && view.items.some((i) => authorIds.has(i.id)), where).toBe(false);
        }
        if (ex.spec.kind === 'matching' && view.kind === 'matching') {
          const pairIds = new Set(ex.spec.pairs.map((p) => p.id));
          expect(
            [...view.left, ...view.right].some((o) => pairIds.has(o.id)),
            where,
          ).toBe(false);
        }
      }
    }
  });
});

describe('toPublicSpec', () => {
  test('code: starter and visible tests, the hidden test count, the default size limit', () => {
    const view = toPublicSpec(codeSpec(), { seed: 's' });
    expect(view).toEqual({
      kind: 'code',
      language: 'javascript',
      starter: codeSpec().starter,
      visibleTests: codeSpec().visibleTests,
      hiddenTestCount: 2,
      maxSourceBytes: 65536,
    });
    const limited = toPublicSpec({ ...codeSpec(), limits: { maxSourceBytes: 2048 } }, { seed: 's' });
    expect(limited).toMatchObject({ maxSourceBytes: 2048 });
  });

  test('cloze: text and gap segments, each gap as wide as its longest accepted answer', () => {
    expect(toPublicSpec(clozeSpec(), { seed: 's' })).toEqual({
      kind: 'cloze',
      segments: [
        { type: 'text', text: 'The function ' },
        { type: 'gap', id: 'g1', size: 10 },
        { type: 'text', text: ' a ' },
        { type: 'gap', id: 'g2', size: 7 },
        { type: 'text', text: ' value, or ' },
        { type: 'gap', id: 'g3', size: 9 },
        { type: 'text', text: '.' },
      ],
    });
  });

  test('ordering: the same seed gives the same order, never the answer nor an accepted alternative', () => {
    const spec = orderingSpec();
    const answers = [
      spec.items.map((i) => i.text).join(' '),
      'before the merge run the tests', // the alternative
    ];
    const orders = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const view = toPublicSpec(spec, { seed: `user-${n}` });
      if (view.kind !== 'ordering') throw new Error('not ordering');
      const text = view.items.map((i) => i.text).join(' ');
      expect(answers).not.toContain(text);
      orders.add(text);
      expect(toPublicSpec(spec, { seed: `user-${n}` })).toEqual(view);
    }
    expect(orders.size).toBeGreaterThan(50);
  });

  test('ordering of two items: always the reverse', () => {
    const spec = { ...orderingSpec(), items: orderingSpec().items.slice(0, 2), alternatives: [] };
    for (let n = 0; n < 20; n++) {
      const view = toPublicSpec(spec, { seed: String(n) });
      expect(view.kind === 'ordering' && view.items.map((i) => i.text)).toEqual(['the', 'run']);
    }
  });

  test('matching: left in order, right shuffled but never aligned with the left', () => {
    const spec = matchingSpec();
    for (let n = 0; n < 100; n++) {
      const view = toPublicSpec(spec, { seed: `u${n}` });
      if (view.kind !== 'matching') throw new Error('not matching');
      expect(view.left.map((o) => o.text)).toEqual(['branch', 'repository', 'to merge']);
      expect(view.right.map((o) => o.text)).not.toEqual(['branche', 'dépôt', 'fusionner']);
      expect(view.right.map((o) => o.text).sort()).toEqual(['branche', 'dépôt', 'fusionner']);
    }
  });

  test('dictation: defaults, plays used, and never the text', () => {
    expect(toPublicSpec(dictationSpec(), { seed: 's' })).toEqual({
      kind: 'dictation',
      lang: 'en-US',
      defaultRate: 0.9,
      maxPlays: 3,
      playsUsed: 0,
    });
    const custom = toPublicSpec(
      { ...dictationSpec(), maxPlays: 5, defaultRate: 0.75 },
      { seed: 's', playsUsed: 2 },
    );
    expect(custom).toMatchObject({ maxPlays: 5, defaultRate: 0.75, playsUsed: 2 });
  });

  test('writing: the language, the excerpt and the word range only', () => {
    expect(toPublicSpec(writingSpec(), { seed: 's' })).toEqual({
      kind: 'writing',
      language: 'en',
      excerptMd: writingSpec().excerpt,
      minWords: 4,
      maxWords: 20,
    });
  });

  test('every view of the sample module matches the contract', () => {
    for (const ex of sampleModule().exercises) {
      expect(checkPublic.Check(toPublicSpec(ex.spec, { seed: 'x' })), ex.slug).toBe(true);
    }
  });
});
