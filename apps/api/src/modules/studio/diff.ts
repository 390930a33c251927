// What changed between two module definitions, as a reader wants it: one entry per path that differs,
// lessons and exercises named by slug (moving an exercise is not changing it) and list items by id,
// and a line diff for every changed text of several lines (a lesson, a prompt, tests).
import type { DiffChange, DiffLine } from '@tremplin/contracts';
import { diffLines } from 'diff';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key naming each item of a list: `slug` (lessons, exercises), `id` (options, gaps, cards), else none. */
function keyOf(items: Json[]): 'slug' | 'id' | undefined {
  for (const key of ['slug', 'id'] as const) {
    const keys = items.map((item) => (isObject(item) ? item[key] : undefined));
    if (items.length > 0 && keys.every((k) => typeof k === 'string') && new Set(keys).size === keys.length)
      return key;
  }
  return undefined;
}

function lines(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) out.push({ kind, text: line });
  }
  return out;
}

function walk(path: string, before: Json, after: Json, out: DiffChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const [kb, ka] = [keyOf(before), keyOf(after)];
    const key = kb && ka ? (kb === ka ? kb : undefined) : (kb ?? ka);
    if (key) {
      const named = (items: Json[]) =>
        new Map(items.map((item) => [(item as Record<string, string>)[key]!, item]));
      const [b, a] = [named(before), named(after)];
      const names = [...new Set([...b.keys(), ...a.keys()])];
      for (const name of names) walk(`${path}[${name}]`, b.get(name), a.get(name), out);
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) walk(`${path}[${i}]`, before[i], after[i], out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(path ? `${path}.${key}` : key, before[key], after[key], out);
    return;
  }
  if (before === after) return;
  const change: DiffChange = { path, kind: 'changed', before, after };
  if (
    typeof before === 'string' &&
    typeof after === 'string' &&
    (before.includes('\n') || after.includes('\n'))
  )
    change.lines = lines(before, after);
  out.push(change);
}

/** The changes from one definition to another (empty when they are the same content). */
export function diffDefinitions(before: Json, after: Json): DiffChange[] {
  const out: DiffChange[] = [];
  walk('', before, after, out);
  return out;
}
