/** `test.each` / `describe.each`: table rows and Jest's name interpolation (%s, %d, %p, $key, %#...). */
import { format } from './format.ts';
import {
  ArrayIsArray,
  JSONStringify,
  NumberCtor,
  NumberIsNaN,
  MathFloor,
  StringCtor,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  append,
} from './primordials.ts';

export interface EachCase {
  name: string;
  args: unknown[];
}

function isIdentChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36
  );
}

function pretty(v: unknown): string {
  return typeof v === 'string' ? v : format(v);
}

/** Replaces printf placeholders with the row's values, Jest style. */
function printf(title: string, args: unknown[], index: number): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < title.length; i++) {
    const c = title[i]!;
    if (c !== '%' || i + 1 >= title.length) {
      out += c;
      continue;
    }
    const f = title[i + 1]!;
    i++;
    if (f === '%') out += '%';
    else if (f === '#') out += '' + index;
    else if (f === '$') out += '' + (index + 1);
    else if (next >= args.length) out += '%' + f;
    else {
      const v = args[next++];
      if (f === 's') out += typeof v === 'string' ? v : format(v);
      else if (f === 'd' || f === 'i') {
        const n = typeof v === 'bigint' ? v : NumberCtor(v);
        out +=
          typeof n === 'bigint'
            ? StringCtor(n) + 'n'
            : NumberIsNaN(n)
              ? 'NaN'
              : '' + (f === 'i' ? MathFloor(n) : n);
      } else if (f === 'f') out += '' + NumberCtor(v);
      else if (f === 'j') out += JSONStringify(v) ?? 'undefined';
      else if (f === 'p' || f === 'o' || f === 'O') out += format(v);
      else out += '%' + f + pretty(v);
    }
  }
  return out;
}

/** Interpolates $key and $key.path with the properties of an object row. */
function dollar(title: string, row: unknown): string {
  let out = '';
  for (let i = 0; i < title.length; i++) {
    const c = title[i]!;
    if (c !== '$' || i + 1 >= title.length || !isIdentChar(StringPrototypeCharCodeAt(title, i + 1))) {
      out += c;
      continue;
    }
    let j = i + 1;
    while (j < title.length && (isIdentChar(StringPrototypeCharCodeAt(title, j)) || title[j] === '.')) j++;
    if (title[j - 1] === '.') j--;
    const path = StringPrototypeSlice(title, i + 1, j);
    let v: unknown = row;
    let key = '';
    for (let k = 0; k <= path.length; k++) {
      if (k === path.length || path[k] === '.') {
        v = v !== null && v !== undefined ? (v as Record<string, unknown>)[key] : undefined;
        key = '';
      } else key += path[k];
    }
    out += typeof v === 'string' ? v : format(v);
    i = j - 1;
  }
  return out;
}

/** Expands `each` tables (array rows, single values, objects, or a tagged template) into named cases. */
export function expandEach(table: unknown, values: unknown[], title: string): EachCase[] {
  const cases: EachCase[] = [];
  if (ArrayIsArray(table) && ArrayIsArray((table as unknown as { raw?: unknown }).raw)) {
    // Tagged template: the first line holds the column names separated by "|".
    const header = (table as string[])[0]!;
    const keys: string[] = [];
    let cur = '';
    for (let i = 0; i <= header.length; i++) {
      const c = i < header.length ? header[i]! : '|';
      if (c === '|' || c === '\n' || c === ' ' || c === '\t') {
        if (cur !== '') append(keys, cur);
        cur = '';
      } else cur += c;
    }
    if (keys.length > 0) {
      for (let r = 0; r + keys.length <= values.length; r += keys.length) {
        const row = { __proto__: null } as unknown as Record<string, unknown>;
        for (let k = 0; k < keys.length; k++) row[keys[k]!] = values[r + k];
        const args: unknown[] = [];
        append(args, row);
        append(cases, { name: dollar(title, row), args } as EachCase);
      }
    }
    return cases;
  }
  if (!ArrayIsArray(table)) return cases;
  const rows = table as unknown[];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let args: unknown[];
    if (ArrayIsArray(row)) {
      args = [];
      for (let k = 0; k < row.length; k++) append(args, row[k]);
    } else {
      args = [];
      append(args, row);
    }
    const isObjectRow = typeof row === 'object' && row !== null && !ArrayIsArray(row);
    const name = isObjectRow && !hasPercent(title) ? dollar(title, row) : printf(title, args, i);
    append(cases, { name, args } as EachCase);
  }
  return cases;
}

function hasPercent(title: string): boolean {
  for (let i = 0; i < title.length - 1; i++) {
    if (title[i] === '%' && title[i + 1] !== '%') return true;
  }
  return false;
}
