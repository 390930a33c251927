import { getContext, setContext, untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { ContentProblem } from '#lib/api/studio.ts';
import { anchorOf, normalisePath } from './paths.ts';

/**
 * The problems of the last validation, and the fields on screen: each field registers its path while it
 * is shown, and each problem is shown beside the most precise field of its path that is on screen
 * (see paths.ts). Shared by the editor's components through the context.
 */
export class ProblemBoard {
  problems = $state.raw<ContentProblem[]>([]);
  /** Paths shown, with how many fields show each (a path can be shown twice, e.g. list and detail). */
  readonly #shown = new SvelteMap<string, number>();
  // A plain snapshot for anchorOf(), recomputed when the shown paths change.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- derived, never mutated
  readonly #paths = $derived(new Set(this.#shown.keys()));

  set(problems: readonly ContentProblem[]): void {
    this.problems = problems.map((p) => ({ ...p, path: normalisePath(p.path) }));
  }

  /** A field shows `path`; the returned function says it is gone. */
  register(path: string): () => void {
    // Untracked: a field's effect registers it, and must not re-run because the map changed.
    untrack(() => this.#shown.set(path, (this.#shown.get(path) ?? 0) + 1));
    return () =>
      untrack(() => {
        const count = (this.#shown.get(path) ?? 1) - 1;
        if (count <= 0) this.#shown.delete(path);
        else this.#shown.set(path, count);
      });
  }

  /** The problems shown beside the field at `path`. */
  at(path: string): ContentProblem[] {
    const shown = this.#paths;
    return this.problems.filter((problem) => anchorOf(problem.path, shown) === path);
  }

  /** How many problems are about a lesson or exercise (its path and everything under it). */
  countUnder(path: string): number {
    return this.problems.filter(
      (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
    ).length;
  }

  /** The field a problem is shown beside, once it is on screen. */
  anchor(path: string): string | null {
    return anchorOf(path, this.#paths);
  }
}

const KEY = Symbol('studio-problems');

export function provideProblems(board: ProblemBoard): void {
  setContext(KEY, board);
}

export function problemsBoard(): ProblemBoard {
  return getContext<ProblemBoard>(KEY);
}
