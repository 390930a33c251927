/** Line diff (LCS) between the multi-line forms of an expected and a received value. */
import { ArrayPrototypeJoin, append, splitOn } from './primordials.ts';

const MAX_LINES = 400;
const CONTEXT = 3;

/** Returns "- expected" / "+ received" lines with a little context, or '' when too large to diff. */
export function lineDiff(expected: string, received: string): string {
  const a = splitOn(expected, '\n');
  const b = splitOn(received, '\n');
  if (a.length > MAX_LINES || b.length > MAX_LINES) return '';
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], stored flat.
  const lcs: number[] = [];
  const w = m + 1;
  for (let k = 0; k < (n + 1) * w; k++) append(lcs, 0);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : max2(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const rows: { mark: string; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      append(rows, { __proto__: null, mark: ' ', text: a[i]! } as { mark: string; text: string });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      append(rows, { __proto__: null, mark: '-', text: a[i]! } as { mark: string; text: string });
      i++;
    } else {
      append(rows, { __proto__: null, mark: '+', text: b[j]! } as { mark: string; text: string });
      j++;
    }
  }
  const out: string[] = [];
  let skipped = false;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (rows.length > 24 && row.mark === ' ' && !near(rows, k)) {
      if (!skipped) append(out, '  …');
      skipped = true;
      continue;
    }
    skipped = false;
    append(out, row.mark + ' ' + row.text);
  }
  return ArrayPrototypeJoin(out, '\n');
}

function near(rows: { mark: string }[], k: number): boolean {
  for (let d = -CONTEXT; d <= CONTEXT; d++) {
    const r = rows[k + d];
    if (r !== undefined && r.mark !== ' ') return true;
  }
  return false;
}

function max2(x: number, y: number): number {
  return x > y ? x : y;
}
