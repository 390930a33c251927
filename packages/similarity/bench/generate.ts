/**
 * Generated submissions to one exercise, "statistiques de notes": average, maximum, count of passing
 * marks, a mention per mark and (often) a summary. Each independent solution draws its algorithms and
 * habits (loop kinds, guards, increments, braces, rounding, exports…) with a seeded PRNG; its names,
 * comments, quotes, layout and function order are drawn separately. A planted copy keeps an original's
 * algorithms and habits and disguises the rest: renamed identifiers, reordered functions, other
 * comments and whitespace, swapped quotes, a reformat, a dead statement, or a mix.
 */

export type Random = () => number;

/** mulberry32: small, seeded, good enough to draw choices. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** What a copier keeps: the algorithms and coding habits. */
interface Habits {
  arrow: boolean;
  braces: boolean;
  guard: 0 | 1 | 2;
  increment: 'i++' | 'i += 1' | '++i';
  accumulate: '+=' | '= +';
  average: 'for' | 'forOf' | 'while' | 'reduce' | 'forEach' | 'helper';
  round: 'none' | 'math' | 'fixed';
  maximum: 'forIf' | 'forOfIf' | 'mathMax' | 'spread' | 'reduce' | 'sort' | 'whileIf';
  maxStart: 'first' | 'infinity';
  passing: 'filter' | 'forOfIf' | 'forIf' | 'reduce' | 'whileIf';
  passingCompare: '>=' | 'not <';
  mention: 'ifDesc' | 'ifAsc' | 'ternary' | 'switch' | 'table';
  summary: 'none' | 'object' | 'template' | 'array';
  summaryKeys: number[];
  exports: 'inline' | 'list' | 'cjs';
  validate: boolean;
  /** Per function (average, maximum, passing, mention): smaller habits drawn one by one. */
  lengthCheck: Array<0 | 1 | 2 | 3>;
  lengthVar: boolean[];
  returnVar: boolean[];
  countVar: boolean;
  compare: Array<0 | 1 | 2>;
  bump: Array<0 | 1 | 2 | 3>;
  parens: boolean;
  chain: 0 | 1 | 2;
  tableObjects: boolean;
  strict: boolean;
  calls: number[];
}

/** What a copier changes without understanding: names, comments, quotes, layout, order. */
interface Surface {
  names: Record<string, string>;
  comments: number;
  quote: "'" | '"' | '`';
  indent: string;
  blankLines: number;
  semicolons: boolean;
  order: number[];
  dead: boolean;
  seed: number;
}

const NAMES = {
  len: ['len', 'taille', 'size', 'nbNotes', 'longueur', 'count2'],
  value: ['valeur', 'moy', 'avgValue', 'resultat3', 'm2', 'calc'],
  notes: ['notes', 'marks', 'grades', 'tab', 'liste', 'valeurs', 'arr', 'scores', 'data', 'n'],
  total: ['total', 'somme', 'sum', 's', 'acc', 'cumul', 'resultat', 'res'],
  i: ['i', 'j', 'k', 'idx', 'index', 'pos'],
  x: ['x', 'note', 'mark', 'v', 'val', 'element', 'item', 'n2'],
  best: ['max', 'best', 'maxi', 'plusGrande', 'meilleure', 'top', 'm'],
  count: ['count', 'nb', 'compteur', 'admis', 'c', 'total2', 'passed'],
  threshold: ['seuil', 'min', 'limite', 'passMark', 'barre', 'minimum'],
  average: ['moyenne', 'average', 'mean', 'calculerMoyenne', 'avg', 'getAverage'],
  maximum: ['maximum', 'max2', 'meilleureNote', 'highest', 'noteMax', 'getMax'],
  passing: ['compterAdmis', 'countPassing', 'nbAdmis', 'passingCount', 'admisCount', 'reussites'],
  mention: ['mention', 'grade', 'appreciation', 'getMention', 'lettre', 'niveau'],
  summary: ['resume', 'summary', 'bilan', 'stats', 'rapport', 'statistiques'],
  helper: ['somme2', 'sumOf', 'additionner', 'totalOf', 'cumuler', 'addAll'],
  result: ['resultat2', 'out', 'r', 'obj', 'report', 'info'],
};

const COMMENTS = [
  'calcule la moyenne',
  'on parcourt le tableau',
  'cas du tableau vide',
  'TODO vérifier',
  'retourne le résultat',
  'boucle principale',
  'compute the value',
  'helper',
  'version 2',
  'attention aux bornes',
];

export function drawHabits(random: Random): Habits {
  return {
    arrow: random() < 0.35,
    braces: random() < 0.6,
    guard: pick(random, [0, 1, 2] as const),
    increment: pick(random, ['i++', 'i += 1', '++i'] as const),
    accumulate: pick(random, ['+=', '= +'] as const),
    average: pick(random, ['for', 'forOf', 'while', 'reduce', 'forEach', 'helper'] as const),
    round: pick(random, ['none', 'math', 'fixed'] as const),
    maximum: pick(random, ['forIf', 'forOfIf', 'mathMax', 'spread', 'reduce', 'sort', 'whileIf'] as const),
    maxStart: pick(random, ['first', 'infinity'] as const),
    passing: pick(random, ['filter', 'forOfIf', 'forIf', 'reduce', 'whileIf'] as const),
    passingCompare: random() < 0.8 ? '>=' : 'not <',
    mention: pick(random, ['ifDesc', 'ifAsc', 'ternary', 'switch', 'table'] as const),
    summary: pick(random, ['none', 'object', 'template', 'array'] as const),
    summaryKeys: shuffle(random, [0, 1, 2, 3]),
    exports: pick(random, ['inline', 'list', 'cjs'] as const),
    validate: random() < 0.25,
    lengthCheck: [0, 1, 2, 3].map(() => pick(random, [0, 1, 2, 3] as const)),
    lengthVar: [0, 1, 2, 3].map(() => random() < 0.3),
    returnVar: [0, 1, 2, 3].map(() => random() < 0.3),
    countVar: random() < 0.25,
    compare: [0, 1, 2, 3].map(() => pick(random, [0, 1, 2] as const)),
    bump: [0, 1, 2, 3].map(() => pick(random, [0, 1, 2, 3] as const)),
    parens: random() < 0.6,
    chain: pick(random, [0, 1, 2] as const),
    tableObjects: random() < 0.5,
    strict: random() < 0.15,
    calls: shuffle(random, [0, 1, 2, 3, 4]).slice(0, Math.floor(random() * 4)),
  };
}

export function drawSurface(random: Random): Surface {
  const names: Record<string, string> = {};
  const used = new Set<string>();
  for (const [role, options] of Object.entries(NAMES)) {
    let name = pick(random, options);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    names[role] = name;
  }
  return {
    names,
    comments: Math.floor(random() * 4),
    quote: pick(random, ["'", '"', '`'] as const),
    indent: pick(random, ['  ', '    ', '\t']),
    blankLines: Math.floor(random() * 3),
    semicolons: random() < 0.8,
    order: shuffle(random, [0, 1, 2, 3]),
    dead: false,
    seed: Math.floor(random() * 2 ** 31),
  };
}

type Line = [depth: number, text: string];

/** The source of a solution. */
export function render(h: Habits, s: Surface): string {
  const n = s.names as Record<keyof typeof NAMES, string>;
  const q = (text: string): string => `${s.quote}${text}${s.quote}`;
  const inc = h.increment === 'i++' ? `${n.i}++` : h.increment === '++i' ? `++${n.i}` : `${n.i} += 1`;
  const add = (target: string, value: string): string =>
    h.accumulate === '+=' ? `${target} += ${value}` : `${target} = ${target} + ${value}`;
  const bump = (f: number, target: string): string =>
    [`${target}++`, `${target} += 1`, `${target} = ${target} + 1`, `++${target}`][h.bump[f]!]!;
  const param = (name: string): string => (h.parens ? `(${name})` : name);
  const ifThen = (depth: number, condition: string, body: string): Line[] =>
    h.braces
      ? [
          [depth, `if (${condition}) {`],
          [depth + 1, body],
          [depth, '}'],
        ]
      : [[depth, `if (${condition}) ${body}`]];
  const header = (name: string, params: string): string =>
    h.arrow ? `const ${name} = (${params}) => {` : `function ${name}(${params}) {`;
  const exported = (line: string): string => (h.exports === 'inline' ? `export ${line}` : line);
  const empty = (f: number): string =>
    [
      `${n.notes}.length === 0`,
      `!${n.notes}.length`,
      `${n.notes}.length < 1`,
      `!${n.notes} || ${n.notes}.length === 0`,
    ][h.lengthCheck[f]!]!;
  const guard = (f: number, depth: number, value: string): Line[] =>
    h.guard === 0 ? [] : ifThen(depth, empty(f), `return ${value}`);
  const length = (f: number): string => (h.lengthVar[f] ? n.len : `${n.notes}.length`);
  const lengthLine = (f: number): Line[] =>
    h.lengthVar[f] ? [[1, `const ${n.len} = ${n.notes}.length`]] : [];
  const ret = (f: number, value: string): Line[] =>
    h.returnVar[f]
      ? [
          [1, `const ${n.value} = ${value}`],
          [1, `return ${n.value}`],
        ]
      : [[1, `return ${value}`]];
  const greater = (f: number, a: string, b: string): string =>
    [`${a} > ${b}`, `${b} < ${a}`, `${a} >= ${b}`][h.compare[f]!]!;
  const validate: Line[] = h.validate
    ? ifThen(1, `!Array.isArray(${n.notes})`, `throw new TypeError(${q('tableau attendu')})`)
    : [];

  const average: Line[] = [
    [0, exported(header(n.average, n.notes))],
    ...validate,
    ...guard(0, 1, '0'),
    ...lengthLine(0),
  ];
  const counted = h.countVar && (h.average === 'forOf' || h.average === 'forEach');
  const divisor = counted ? n.count : length(0);
  const mean = `${n.total} / ${divisor}`;
  if (counted) average.push([1, `let ${n.count} = 0`]);
  switch (h.average) {
    case 'for':
      average.push([1, `let ${n.total} = 0`], [1, `for (let ${n.i} = 0; ${n.i} < ${length(0)}; ${inc}) {`]);
      average.push([2, add(n.total, `${n.notes}[${n.i}]`)], [1, '}']);
      break;
    case 'forOf':
      average.push([1, `let ${n.total} = 0`], [1, `for (const ${n.x} of ${n.notes}) {`]);
      average.push([2, add(n.total, n.x)]);
      if (counted) average.push([2, bump(0, n.count)]);
      average.push([1, '}']);
      break;
    case 'while':
      average.push([1, `let ${n.total} = 0`], [1, `let ${n.i} = 0`], [1, `while (${n.i} < ${length(0)}) {`]);
      average.push([2, add(n.total, `${n.notes}[${n.i}]`)], [2, inc], [1, '}']);
      break;
    case 'reduce':
      average.push([1, `const ${n.total} = ${n.notes}.reduce((a, b) => a + b, 0)`]);
      break;
    case 'forEach':
      average.push([1, `let ${n.total} = 0`], [1, `${n.notes}.forEach(${param(n.x)} => {`]);
      average.push([2, add(n.total, n.x)]);
      if (counted) average.push([2, bump(0, n.count)]);
      average.push([1, '})']);
      break;
    case 'helper':
      average.push([1, `const ${n.total} = ${n.helper}(${n.notes})`]);
      break;
  }
  if (h.round === 'math') average.push(...ret(0, `Math.round((${mean}) * 100) / 100`));
  else if (h.round === 'fixed') average.push(...ret(0, `Number((${mean}).toFixed(2))`));
  else average.push(...ret(0, mean));
  average.push([0, '}']);
  if (h.average === 'helper') {
    average.push([0, ''], [0, header(n.helper, n.notes)], [1, `let ${n.total} = 0`]);
    average.push(
      [1, `for (const ${n.x} of ${n.notes}) ${add(n.total, n.x)}`],
      [1, `return ${n.total}`],
      [0, '}'],
    );
  }

  const start = h.maxStart === 'first' ? `${n.notes}[0]` : '-Infinity';
  const maximum: Line[] = [
    [0, exported(header(n.maximum, n.notes))],
    ...guard(1, 1, 'null'),
    ...lengthLine(1),
  ];
  switch (h.maximum) {
    case 'forIf':
      maximum.push(
        [1, `let ${n.best} = ${start}`],
        [1, `for (let ${n.i} = 0; ${n.i} < ${length(1)}; ${inc}) {`],
      );
      maximum.push(...ifThen(2, greater(1, `${n.notes}[${n.i}]`, n.best), `${n.best} = ${n.notes}[${n.i}]`), [
        1,
        '}',
      ]);
      maximum.push(...ret(1, n.best));
      break;
    case 'forOfIf':
      maximum.push([1, `let ${n.best} = ${start}`], [1, `for (const ${n.x} of ${n.notes}) {`]);
      maximum.push(...ifThen(2, greater(1, n.x, n.best), `${n.best} = ${n.x}`), [1, '}'], ...ret(1, n.best));
      break;
    case 'whileIf':
      maximum.push(
        [1, `let ${n.best} = ${start}`],
        [1, `let ${n.i} = 0`],
        [1, `while (${n.i} < ${length(1)}) {`],
      );
      maximum.push(...ifThen(2, greater(1, `${n.notes}[${n.i}]`, n.best), `${n.best} = ${n.notes}[${n.i}]`), [
        2,
        inc,
      ]);
      maximum.push([1, '}'], ...ret(1, n.best));
      break;
    case 'mathMax':
      maximum.push([1, `let ${n.best} = ${start}`], [1, `for (const ${n.x} of ${n.notes}) {`]);
      maximum.push([2, `${n.best} = Math.max(${n.best}, ${n.x})`], [1, '}'], ...ret(1, n.best));
      break;
    case 'spread':
      maximum.push(...ret(1, `Math.max(...${n.notes})`));
      break;
    case 'reduce':
      maximum.push(...ret(1, `${n.notes}.reduce((a, b) => (${greater(1, 'a', 'b')} ? a : b), ${start})`));
      break;
    case 'sort':
      maximum.push(
        [1, `const ${n.result} = [...${n.notes}].sort((a, b) => b - a)`],
        ...ret(1, `${n.result}[0]`),
      );
      break;
  }
  maximum.push([0, '}']);

  const passes = (value: string): string =>
    h.passingCompare === '>='
      ? greater(2, value, n.threshold)
          .replace(/>(?!=)/, '>=')
          .replace(/<(?!=)/, '<=')
      : `!(${value} < ${n.threshold})`;
  const passing: Line[] = [
    [0, exported(header(n.passing, `${n.notes}, ${n.threshold} = 10`))],
    ...guard(2, 1, '0'),
  ];
  passing.push(...lengthLine(2));
  switch (h.passing) {
    case 'filter':
      passing.push(...ret(2, `${n.notes}.filter(${param(n.x)} => ${passes(n.x)}).length`));
      break;
    case 'reduce':
      passing.push(
        ...ret(
          2,
          `${n.notes}.reduce((${n.count}, ${n.x}) => (${passes(n.x)} ? ${n.count} + 1 : ${n.count}), 0)`,
        ),
      );
      break;
    case 'forOfIf':
      passing.push([1, `let ${n.count} = 0`], [1, `for (const ${n.x} of ${n.notes}) {`]);
      passing.push(...ifThen(2, passes(n.x), bump(2, n.count)), [1, '}'], ...ret(2, n.count));
      break;
    case 'forIf':
      passing.push([1, `let ${n.count} = 0`], [1, `for (let ${n.i} = 0; ${n.i} < ${length(2)}; ${inc}) {`]);
      passing.push(
        ...ifThen(2, passes(`${n.notes}[${n.i}]`), bump(2, n.count)),
        [1, '}'],
        ...ret(2, n.count),
      );
      break;
    case 'whileIf':
      passing.push([1, `let ${n.count} = 0`], [1, `let ${n.i} = 0`], [1, `while (${n.i} < ${length(2)}) {`]);
      passing.push(...ifThen(2, passes(`${n.notes}[${n.i}]`), bump(2, n.count)), [2, inc], [1, '}']);
      passing.push(...ret(2, n.count));
      break;
  }
  passing.push([0, '}']);

  const labels = ['Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant'].map(q);
  const marks = [16, 14, 12, 10];
  const mention: Line[] = [[0, exported(header(n.mention, n.x))]];
  const at = (mark: number): string =>
    greater(3, n.x, String(mark))
      .replace(/>(?!=)/, '>=')
      .replace(/<(?!=)/, '<=');
  switch (h.mention) {
    case 'ifDesc':
      if (h.chain === 0) {
        for (let i = 0; i < 4; i += 1) mention.push(...ifThen(1, at(marks[i]!), `return ${labels[i]}`));
        mention.push([1, `return ${labels[4]}`]);
      } else {
        mention.push([1, `let ${n.value} = ${labels[4]}`]);
        for (let i = 0; i < 4; i += 1) {
          mention.push(
            [1, `${i === 0 ? '' : '} else '}if (${at(marks[i]!)}) {`],
            [2, `${n.value} = ${labels[i]}`],
          );
        }
        mention.push([1, '}'], [1, `return ${n.value}`]);
      }
      break;
    case 'ifAsc':
      mention.push(...ifThen(1, `${n.x} < 10`, `return ${labels[4]}`));
      for (let i = 3; i > 0; i -= 1)
        mention.push(...ifThen(1, `${n.x} < ${marks[i - 1]}`, `return ${labels[i]}`));
      mention.push([1, `return ${labels[0]}`]);
      break;
    case 'ternary':
      mention.push(
        ...ret(
          3,
          `${at(16)} ? ${labels[0]} : ${at(14)} ? ${labels[1]} : ${at(12)} ? ${labels[2]} : ${at(10)} ? ${labels[3]} : ${labels[4]}`,
        ),
      );
      break;
    case 'switch':
      mention.push([1, 'switch (true) {']);
      for (let i = 0; i < 4; i += 1) mention.push([2, `case ${at(marks[i]!)}:`], [3, `return ${labels[i]}`]);
      mention.push([2, 'default:'], [3, `return ${labels[4]}`], [1, '}']);
      break;
    case 'table': {
      mention.push([1, `const ${n.result} = [`]);
      for (let i = 0; i < 4; i += 1) {
        mention.push([
          2,
          h.tableObjects ? `{ min: ${marks[i]}, label: ${labels[i]} },` : `[${marks[i]}, ${labels[i]}],`,
        ]);
      }
      if (h.tableObjects) {
        mention.push([1, ']'], [1, `const ${n.value} = ${n.result}.find(${param('e')} => ${n.x} >= e.min)`]);
        mention.push([1, `return ${n.value} ? ${n.value}.label : ${labels[4]}`]);
      } else {
        mention.push([1, ']'], [1, `for (const [${n.threshold}, ${n.count}] of ${n.result}) {`]);
        mention.push(...ifThen(2, `${n.x} >= ${n.threshold}`, `return ${n.count}`), [1, '}']);
        mention.push([1, `return ${labels[4]}`]);
      }
      break;
    }
  }
  mention.push([0, '}']);

  const blocks = [average, maximum, passing, mention];
  const names = [n.average, n.maximum, n.passing, n.mention];
  if (h.summary !== 'none') {
    const values = [
      `${n.average}(${n.notes})`,
      `${n.maximum}(${n.notes})`,
      `${n.passing}(${n.notes})`,
      `${n.mention}(${n.average}(${n.notes}))`,
    ];
    const keys = ['moyenne', 'max', 'admis', 'mention'];
    const summary: Line[] = [[0, exported(header(n.summary, n.notes))]];
    if (h.summary === 'object') {
      summary.push([1, 'return {']);
      for (const k of h.summaryKeys) summary.push([2, `${keys[k]}: ${values[k]},`]);
      summary.push([1, '}']);
    } else if (h.summary === 'array') {
      summary.push([1, `return [${h.summaryKeys.map((k) => values[k]).join(', ')}]`]);
    } else {
      summary.push([1, `return \`${h.summaryKeys.map((k) => `${keys[k]}: \${${values[k]}}`).join(', ')}\``]);
    }
    summary.push([0, '}']);
    blocks.push(summary);
    names.push(n.summary);
  }
  const calls = [
    `console.log(${n.average}([12, 15, 8]))`,
    `console.log(${n.maximum}([3, 19, 7]))`,
    `console.log(${n.passing}([9, 10, 11], 10))`,
    `console.log(${n.mention}(13.5))`,
    `console.log(${n.mention}(${n.average}([])))`,
  ];
  const tail: Line[] = h.calls.map((c) => [0, calls[c]!]);

  const random = seeded(s.seed);
  const ordered = [
    ...s.order.filter((i) => i < blocks.length),
    ...blocks.map((_, i) => i).filter((i) => i >= 4),
  ];
  const lines: string[] = [];
  if (h.strict) lines.push(`${q('use strict')};`);
  if (s.comments > 0) lines.push(`// ${pick(random, COMMENTS)}`);
  for (const index of ordered) {
    const block = blocks[index]!;
    if (s.dead && index === ordered[0]) block.splice(1, 0, [1, `let ${n.result}_unused = ${n.notes}.length`]);
    for (const [depth, text] of block) {
      if (text === '') {
        lines.push('');
        continue;
      }
      if (s.comments > 1 && depth === 1 && random() < s.comments / 10) {
        lines.push(`${s.indent}// ${pick(random, COMMENTS)}`);
      }
      const ends =
        /[{([,:]$/.test(text) ||
        text.startsWith('//') ||
        /^(if|for|while|switch|function|export function)\b.*\{$/.test(text);
      const semi = s.semicolons && !ends && text !== '}' && !text.endsWith('{') ? ';' : '';
      lines.push(`${s.indent.repeat(depth)}${text}${semi}`);
      if (s.blankLines > 0 && depth === 1 && random() < s.blankLines / 8) lines.push('');
    }
    lines.push('');
  }
  for (const [, text] of tail) lines.push(`${text}${s.semicolons ? ';' : ''}`);
  if (h.exports === 'list') lines.push(`export { ${names.join(', ')} };`);
  if (h.exports === 'cjs') lines.push(`module.exports = { ${names.join(', ')} };`);
  return lines.join('\n') + '\n';
}

export type Disguise = 'rename' | 'reorder' | 'comments' | 'quotes' | 'reformat' | 'dead' | 'mix';
export const DISGUISES: readonly Disguise[] = [
  'rename',
  'reorder',
  'comments',
  'quotes',
  'reformat',
  'dead',
  'mix',
];

/** A copy of the solution (h, s) under one disguise. */
export function disguise(random: Random, s: Surface, kind: Disguise): Surface {
  const fresh = drawSurface(random);
  const copy: Surface = { ...s, seed: fresh.seed };
  const apply = (k: Disguise): void => {
    if (k === 'rename') copy.names = fresh.names;
    if (k === 'reorder') copy.order = s.order.toReversed();
    if (k === 'comments') copy.comments = 3 - Math.min(s.comments, 2);
    if (k === 'quotes') copy.quote = s.quote === "'" ? '"' : "'";
    if (k === 'reformat') {
      copy.indent = s.indent === '\t' ? '  ' : '\t';
      copy.blankLines = 2 - Math.min(s.blankLines, 2);
      copy.semicolons = !s.semicolons;
    }
    if (k === 'dead') copy.dead = true;
  };
  if (kind === 'mix') for (const k of DISGUISES) if (k !== 'mix' && random() < 0.6) apply(k);
  if (kind === 'mix') apply('rename');
  else apply(kind);
  return copy;
}

export interface Submission {
  id: string;
  owner: string;
  code: string;
  /** The id of the submission this one copies, for planted copies. */
  copyOf?: string;
  disguise?: Disguise;
}

/** `count` submissions, `copies` of them planted disguised copies of distinct independent ones. */
export function generate(seed: number, count: number, copies: number): Submission[] {
  const random = seeded(seed);
  const originals: Array<{ habits: Habits; surface: Surface }> = [];
  const submissions: Submission[] = [];
  for (let i = 0; i < count - copies; i += 1) {
    const habits = drawHabits(random);
    const surface = drawSurface(random);
    originals.push({ habits, surface });
    submissions.push({ id: `s${i}`, owner: `learner-${i}`, code: render(habits, surface) });
  }
  const sources = shuffle(random, [...originals.keys()]).slice(0, copies);
  sources.forEach((source, i) => {
    const { habits, surface } = originals[source]!;
    const kind = DISGUISES[i % DISGUISES.length]!;
    submissions.push({
      id: `c${i}`,
      owner: `copier-${i}`,
      code: render(habits, disguise(random, surface, kind)),
      copyOf: `s${source}`,
      disguise: kind,
    });
  });
  return submissions;
}
