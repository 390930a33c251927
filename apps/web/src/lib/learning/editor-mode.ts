/**
 * Which code editor a page gets. Monaco is a large download: phones (< 600 px wide) get the plain
 * editor and never download it; `?editeur=simple` forces the plain editor anywhere (slow link, old
 * PC), `?editeur=avance` forces Monaco.
 */

export const EDITOR_PARAM = 'editeur';
export const SIMPLE_EDITOR = 'simple';
export const ADVANCED_EDITOR = 'avance';
export const NARROW_SCREEN_QUERY = '(max-width: 599.98px)';

export type EditorMode = 'monaco' | 'plain';

export function chooseEditor(param: string | null, isNarrow: boolean): EditorMode {
  if (param === SIMPLE_EDITOR) return 'plain';
  if (param === ADVANCED_EDITOR) return 'monaco';
  return isNarrow ? 'plain' : 'monaco';
}
