// Rules a structurally valid spec must also follow: what a schema cannot say (unique ids, one correct
// option, gaps that match the text, regexes that compile…).
import { at, problem, type Problem } from './problems.ts';
import type { ProblemCode, ProblemParams } from './messages.ts';
import type {
  ChoiceSpec,
  ClozeSpec,
  CodeSpec,
  DictationSpec,
  FullSpec,
  MatchingSpec,
  OrderingSpec,
  VocabularySpec,
  WritingSpec,
} from './schema.ts';
import { countTests } from './test-count.ts';
import { GAP_PATTERN, words } from './text.ts';
import { compileAlternative } from './grading/rubric-match.ts';

/** The grader's default largest source file. */
export const DEFAULT_MAX_SOURCE_BYTES = 64 * 1024;

type Report = (path: string, code: ProblemCode, params?: ProblemParams) => void;

/** Reports each value seen before in a list (`values[i]` is `list[i].key`): ids, slugs, texts. */
export function uniqueIn(
  values: string[],
  list: string,
  key: string,
  code: ProblemCode,
  report: Report,
): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(at(at(list, i), key), code, { value: v });
    seen.add(v);
  });
}

function codeRules(spec: CodeSpec, p: string, report: Report): void {
  const max = spec.limits?.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  for (const key of ['starter', 'solution', 'visibleTests', 'hiddenTests'] as const) {
    const bytes = Buffer.byteLength(spec[key], 'utf8');
    if (bytes > max) report(at(p, key), 'code-too-large', { bytes, max });
  }
  if (!spec.solution.trim()) report(at(p, 'solution'), 'solution-empty');
  if (spec.starter === spec.solution) report(at(p, 'starter'), 'starter-is-solution');
  if (countTests(spec.visibleTests) === 0) report(at(p, 'visibleTests'), 'no-tests');
  // Hidden tests may be left empty; a non-empty file must hold tests.
  if (spec.hiddenTests.trim() && countTests(spec.hiddenTests) === 0) {
    report(at(p, 'hiddenTests'), 'no-tests');
  }
}

function choiceRules(spec: ChoiceSpec, p: string, report: Report): void {
  const options = at(p, 'options');
  if (spec.options.length < 2) report(options, 'options-too-few');
  uniqueIn(
    spec.options.map((o) => o.id),
    options,
    'id',
    'duplicate-option-id',
    report,
  );
  const correct = spec.options.filter((o) => o.correct).length;
  if (correct === 0) report(options, 'no-correct-option');
  else if (!spec.multiple && correct > 1) report(options, 'single-choice-correct', { count: correct });
}

function clozeRules(spec: ClozeSpec, p: string, report: Report): void {
  const gaps = at(p, 'gaps');
  if (spec.gaps.length === 0) report(gaps, 'gaps-none');
  uniqueIn(
    spec.gaps.map((g) => g.id),
    gaps,
    'id',
    'duplicate-gap-id',
    report,
  );
  const inText = [...spec.text.matchAll(GAP_PATTERN)].map((m) => m[1]!);
  const declared = new Set(spec.gaps.map((g) => g.id));
  for (const id of new Set(inText)) {
    if (!declared.has(id)) report(at(p, 'text'), 'gap-not-declared', { id });
    if (inText.filter((x) => x === id).length > 1) report(at(p, 'text'), 'gap-repeated', { id });
  }
  spec.gaps.forEach((g, i) => {
    if (!inText.includes(g.id)) report(at(at(gaps, i), 'id'), 'gap-not-in-text', { id: g.id });
    g.answers.forEach((a, j) => {
      if (!a.trim()) report(at(at(at(gaps, i), 'answers'), j), 'blank');
    });
  });
  if (spec.text.replace(GAP_PATTERN, '').includes('[[')) report(at(p, 'text'), 'gap-malformed');
}

function orderingRules(spec: OrderingSpec, p: string, report: Report): void {
  const items = at(p, 'items');
  if (spec.items.length < 2) report(items, 'items-too-few');
  const ids = spec.items.map((i) => i.id);
  uniqueIn(ids, items, 'id', 'duplicate-item-id', report);
  // Repeated words are normal ("the" twice); two equal sentences could not be told apart.
  if (spec.unit === 'sentence') {
    uniqueIn(
      spec.items.map((i) => i.text.trim()),
      items,
      'text',
      'duplicate-item-text',
      report,
    );
  }
  spec.items.forEach((item, i) => {
    if (!item.text.trim()) report(at(at(items, i), 'text'), 'blank');
  });
  const sorted = [...ids].sort().join('\n');
  spec.alternatives?.forEach((alt, i) => {
    if ([...alt].sort().join('\n') !== sorted) {
      report(at(at(p, 'alternatives'), i), 'alternative-items');
    }
  });
}

function matchingRules(spec: MatchingSpec, p: string, report: Report): void {
  const pairs = at(p, 'pairs');
  if (spec.pairs.length < 2) report(pairs, 'pairs-too-few');
  uniqueIn(
    spec.pairs.map((x) => x.id),
    pairs,
    'id',
    'duplicate-pair-id',
    report,
  );
  // The public view identifies each side by its text: two equal texts could not be told apart.
  for (const side of ['left', 'right'] as const) {
    uniqueIn(
      spec.pairs.map((x) => x[side].trim()),
      pairs,
      side,
      side === 'left' ? 'duplicate-left-text' : 'duplicate-right-text',
      report,
    );
  }
}

function dictationRules(spec: DictationSpec, p: string, report: Report): void {
  if (words(spec.text).length === 0) report(at(p, 'text'), 'dictation-no-words');
}

function writingRules(spec: WritingSpec, p: string, report: Report): void {
  if (spec.minWords > spec.maxWords) report(at(p, 'minWords'), 'min-above-max', { max: spec.maxWords });
  const rubric = at(p, 'rubric');
  uniqueIn(
    spec.rubric.map((r) => r.id),
    rubric,
    'id',
    'duplicate-rubric-id',
    report,
  );
  spec.rubric.forEach((r, i) => {
    r.alternatives.forEach((alt, j) => {
      const path = at(at(at(at(rubric, i), 'alternatives'), j), 'value');
      if (!alt.value.trim()) {
        report(path, 'blank');
        return;
      }
      try {
        compileAlternative(alt);
      } catch (e) {
        report(path, ...regexRefusal((e as Error).message));
        return;
      }
      if (alt.type === 'wildcard' && !/[\p{L}\p{N}]/u.test(alt.value)) report(path, 'wildcard-letter');
    });
  });
}

/** The code of a refused rubric regex, from the matcher's reason (its parts become params to translate). */
function regexRefusal(reason: string): [ProblemCode, ProblemParams] {
  const nested = /^regex nests a repetition inside a repetition \((.*)\): such a pattern/.exec(reason);
  if (nested) return ['rubric-regex-nested', { group: nested[1]! }];
  const invalid =
    /^regex does not compile: (.*) \(the regex engine is RE2: no backreferences, no lookaround\)$/s.exec(
      reason,
    );
  if (invalid) return ['rubric-regex-invalid', { detail: invalid[1]! }];
  return ['rubric-regex', { detail: reason }];
}

function vocabularyRules(spec: VocabularySpec, p: string, report: Report): void {
  const cards = at(p, 'cards');
  uniqueIn(
    spec.cards.map((c) => c.id),
    cards,
    'id',
    'duplicate-card-id',
    report,
  );
  uniqueIn(
    spec.cards.map((c) => c.term.trim().toLowerCase()),
    cards,
    'term',
    'duplicate-term',
    report,
  );
}

/** Problems of a structurally valid spec, with paths under `path` (e.g. `exercises[2].spec`). */
export function specProblems(spec: FullSpec, path: string): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (where, code, params) => problems.push(problem(where, code, params));
  switch (spec.kind) {
    case 'code':
      codeRules(spec, path, report);
      break;
    case 'choice':
      choiceRules(spec, path, report);
      break;
    case 'cloze':
      clozeRules(spec, path, report);
      break;
    case 'ordering':
      orderingRules(spec, path, report);
      break;
    case 'matching':
      matchingRules(spec, path, report);
      break;
    case 'dictation':
      dictationRules(spec, path, report);
      break;
    case 'writing':
      writingRules(spec, path, report);
      break;
    case 'vocabulary':
      vocabularyRules(spec, path, report);
      break;
  }
  return problems;
}
