// Content hashes: what a published version and each of its exercises are, as a short stable string. The
// database stores them; two definitions with the same hash are the same content, whatever the key order
// of the JSON they were read from.
import { createHash } from 'node:crypto';
import type { ExerciseDefinition, ModuleDefinition } from './schema.ts';

/**
 * The canonical JSON of a value: object keys sorted, keys whose value is undefined dropped (as
 * JSON.stringify does), no spaces. Arrays keep their order: it is meaningful (options, items, lessons).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** sha256 (hex) of the canonical JSON of a whole module definition: the hash of a published version. */
export function contentHash(def: ModuleDefinition): string {
  return sha256(canonicalJson(def));
}

/**
 * sha256 (hex) of what grading an exercise depends on: its kind and spec (tests, answer keys, limits).
 * A changed title, prompt or hint keeps the hash, so learners who solved it are not told it changed.
 */
export function exerciseHash(ex: Pick<ExerciseDefinition, 'kind' | 'spec'>): string {
  return sha256(canonicalJson({ kind: ex.kind, spec: ex.spec }));
}
