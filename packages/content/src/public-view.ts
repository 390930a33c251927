// What the browser receives of a spec: everything needed to answer, nothing that gives the answer away
// (no correct flag, accepted answer, solution, hidden test, dictation text or rubric).
import type { ClozeSegment, CodeRunLimits, PublicSpec } from '@tremplin/contracts';
import { matchingIds, orderingIds } from './public-ids.ts';
import type { ClozeSpec, CodeLimits, FullSpec } from './schema.ts';
import { shuffleAvoiding } from './shuffle.ts';
import { DEFAULT_MAX_SOURCE_BYTES } from './spec-rules.ts';
import { countTests } from './test-count.ts';
import { splitCloze } from './text.ts';

export interface PublicViewOptions {
  /** Seeds the shuffles; the API passes exerciseId + userId so that each student keeps one order. */
  seed: string;
  /** Dictation plays the student already used. */
  playsUsed?: number;
}

export const DICTATION_DEFAULTS = { maxPlays: 3, defaultRate: 0.9 } as const;

function clozeSegments(spec: ClozeSpec): ClozeSegment[] {
  const sizes = new Map(spec.gaps.map((g) => [g.id, Math.max(...g.answers.map((a) => [...a].length))]));
  return splitCloze(spec.text).map((s) =>
    s.type === 'text' ? s : { type: 'gap', id: s.id, size: sizes.get(s.id) ?? 1 },
  );
}

/** An exercise's time and output limits: what a Run on the student's device keeps to. */
function runLimits(limits: CodeLimits): CodeRunLimits {
  const { cpuMsPerTest, cpuMs, wallMs, outputChars } = limits;
  const kept = { cpuMsPerTest, cpuMs, wallMs, outputChars };
  return Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined));
}

/** The public view of a spec, as contracts' PublicSpec; shuffles are deterministic from `seed`. */
export function toPublicSpec(spec: FullSpec, { seed, playsUsed = 0 }: PublicViewOptions): PublicSpec {
  switch (spec.kind) {
    case 'code':
      return {
        kind: 'code',
        language: spec.language,
        starter: spec.starter,
        visibleTests: spec.visibleTests,
        hiddenTestCount: countTests(spec.hiddenTests),
        maxSourceBytes: spec.limits?.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES,
        ...(spec.limits ? { limits: runLimits(spec.limits) } : {}),
      };
    case 'choice':
      return {
        kind: 'choice',
        multiple: spec.multiple,
        options: spec.options.map((o) => ({ id: o.id, text: o.text })),
      };
    case 'cloze':
      return { kind: 'cloze', segments: clozeSegments(spec) };
    case 'ordering': {
      const ids = orderingIds(spec);
      const items = spec.items.map((item, i) => ({ id: ids[i]!, text: item.text }));
      const byAuthorId = new Map(spec.items.map((item, i) => [item.id, items[i]!]));
      const accepted = [
        items,
        ...(spec.alternatives ?? []).map((alt) => alt.map((id) => byAuthorId.get(id)!)),
      ];
      return {
        kind: 'ordering',
        unit: spec.unit,
        items: shuffleAvoiding(items, `ordering:${seed}`, (o) => o.text, accepted),
      };
    }
    case 'matching': {
      const ids = matchingIds(spec);
      const left = spec.pairs.map((p, i) => ({ id: ids[i]!.left, text: p.left }));
      const right = spec.pairs.map((p, i) => ({ id: ids[i]!.right, text: p.right }));
      // Right in the left's order would be the answer: never shown so.
      return { kind: 'matching', left, right: shuffleAvoiding(right, `matching:${seed}`, (o) => o.text) };
    }
    case 'dictation':
      return {
        kind: 'dictation',
        lang: spec.lang,
        defaultRate: spec.defaultRate ?? DICTATION_DEFAULTS.defaultRate,
        maxPlays: spec.maxPlays ?? DICTATION_DEFAULTS.maxPlays,
        playsUsed,
      };
    case 'writing':
      return {
        kind: 'writing',
        language: spec.language ?? 'en',
        ...(spec.excerpt !== undefined ? { excerptMd: spec.excerpt } : {}),
        minWords: spec.minWords,
        maxWords: spec.maxWords,
      };
    case 'vocabulary':
      return {
        kind: 'vocabulary',
        cards: spec.cards.map((c) => ({ id: c.id, term: c.term, gloss: c.gloss, example: c.example })),
      };
  }
}
