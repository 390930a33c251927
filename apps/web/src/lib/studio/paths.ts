/**
 * Validation problems name a field of the module definition by a path such as
 * `exercises[2].spec.options[0].id`. The studio shows each problem beside the field it is about, and
 * "go to the field" opens the right lesson or exercise and focuses the element. A path that names
 * something without a field of its own (`exercises[2].spec`, a sandbox failure) lands on the nearest
 * enclosing field the editor shows.
 */

export type PathSegment = string | number;

/** `exercises[2].spec.options[0].id` → `['exercises', 2, 'spec', 'options', 0, 'id']`. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
  }
  return segments;
}

/** The canonical spelling of a path: indexes in brackets, names after dots (`a[0].b`). */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

/** The id of the element that edits the field at `path` (ids keep to letters, digits, `-` and `_`). */
export function fieldId(path: string): string {
  return (
    'field-' +
    parsePath(path)
      .map((s) => String(s).replace(/[^A-Za-z0-9_]/g, '_'))
      .join('-')
  );
}

/** The path and its enclosing paths, most precise first: `a[0].b` → `a[0].b`, `a[0]`, `a`. */
export function enclosingPaths(path: string): string[] {
  const segments = parsePath(path);
  const out: string[] = [];
  for (let n = segments.length; n > 0; n--) out.push(formatPath(segments.slice(0, n)));
  return out;
}

/**
 * The field a problem is shown beside: the most precise of its path and enclosing paths that the editor
 * shows (`shown`), or null when none is on screen.
 */
export function anchorOf(path: string, shown: ReadonlySet<string>): string | null {
  for (const candidate of enclosingPaths(path)) if (shown.has(candidate)) return candidate;
  return null;
}

/** Which part of the editor holds the field: the module's metadata, a lesson or an exercise. */
export type EditorTarget =
  { section: 'module' } | { section: 'lesson'; index: number } | { section: 'exercise'; index: number };

export function targetOf(path: string): EditorTarget {
  const [first, second] = parsePath(path);
  if (first === 'lessons' && typeof second === 'number') return { section: 'lesson', index: second };
  if (first === 'exercises' && typeof second === 'number') return { section: 'exercise', index: second };
  return { section: 'module' };
}

/** Normalises a path as the API may spell it (`exercises.2.spec`, `/exercises/2/spec`) into ours. */
export function normalisePath(path: string): string {
  return formatPath(parsePath(path.replace(/^\//, '').replaceAll('/', '.')));
}
