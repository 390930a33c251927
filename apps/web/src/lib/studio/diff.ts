/**
 * What changed between two versions of a module, readable by an author: each change with its path and
 * kind (added, removed, changed); a text shown as a line diff (the lines removed and added, with a
 * little unchanged context), any other value as its JSON.
 */

export interface VersionChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** The API's line diff of a changed text, when it gives one. */
  lines?: readonly { kind: 'added' | 'removed' | 'same'; text: string }[];
}

export type DiffLine =
  | { type: 'same' | 'added' | 'removed'; text: string; before?: number; after?: number }
  | { type: 'skip'; count: number };

/**
 * The lines of `after` compared with `before` (longest common subsequence). Numbers are 1-based line
 * numbers in each text. Texts of modules are small (a lesson, a test file); the table is O(n·m).
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Common head and tail first: most edits touch a few lines of a long text.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ type: 'same', text: a[k]!, before: k + 1, after: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      out.push({ type: 'same', text: midA[i]!, before: head + i + 1, after: head + j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ type: 'added', text: midB[j]!, after: head + j + 1 });
      j++;
    } else {
      out.push({ type: 'removed', text: midA[i]!, before: head + i + 1 });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({
      type: 'same',
      text: a[a.length - tail + k]!,
      before: a.length - tail + k + 1,
      after: b.length - tail + k + 1,
    });
  }
  return out;
}

/** Keeps `context` unchanged lines around each change; longer unchanged runs become one `skip`. */
export function withContext(lines: readonly DiffLine[], context = 2): DiffLine[] {
  const changed = lines.map((line) => line.type === 'added' || line.type === 'removed');
  const keep = lines.map((_, index) => {
    for (let d = -context; d <= context; d++) if (changed[index + d]) return true;
    return false;
  });
  const out: DiffLine[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped > 0) out.push({ type: 'skip', count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped++;
  });
  if (skipped > 0) out.push({ type: 'skip', count: skipped });
  return out;
}

export type ChangeView =
  { type: 'lines'; lines: DiffLine[] } | { type: 'values'; before: string | null; after: string | null };

/** A value as the author reads it: a text as itself, anything else as indented JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

/** How to show one change: texts (and values shown on several lines) as a line diff, short values side by side. */
export function changeView(change: VersionChange): ChangeView {
  const before = change.kind === 'added' ? null : showValue(change.before);
  const after = change.kind === 'removed' ? null : showValue(change.after);
  const multiline = (text: string | null) => text !== null && text.includes('\n');
  if (change.kind === 'changed' && change.lines && change.lines.length > 0) {
    return {
      type: 'lines',
      lines: withContext(change.lines.map((line) => ({ type: line.kind, text: line.text }))),
    };
  }
  if (change.kind === 'changed' && (multiline(before) || multiline(after))) {
    return { type: 'lines', lines: withContext(lineDiff(before ?? '', after ?? '')) };
  }
  return { type: 'values', before, after };
}

/** Counts by kind, for the summary line above the list. */
export function changeCounts(changes: readonly VersionChange[]): Record<VersionChange['kind'], number> {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const change of changes) counts[change.kind]++;
  return counts;
}
