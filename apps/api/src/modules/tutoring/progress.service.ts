import type { GroupModuleList, ProgressGrid } from '@tremplin/contracts';
import {
  findGroupModuleDeadline,
  findLiveGroup,
  findPublishedModule,
  listGroupModules,
  listModuleExercises,
  listProgressCells,
  toCsv,
  type Db,
} from '@tremplin/db';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertReadGroup } from './tutoring-access.ts';

/** The progress grid of a group: learners against a module's exercises, by best score. */
export class ProgressService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async modules(actor: Actor, groupId: string): Promise<GroupModuleList> {
    assertReadGroup(actor, groupId);
    if (!(await findLiveGroup(this.#db, groupId))) throw notFound();
    const modules = await listGroupModules(this.#db, groupId);
    return { modules: modules.map((m) => ({ ...m, dueAt: m.dueAt?.toISOString() ?? null })) };
  }

  async grid(actor: Actor, groupId: string, moduleSlug: string): Promise<ProgressGrid> {
    assertReadGroup(actor, groupId);
    const [group, module, dueAt] = await Promise.all([
      findLiveGroup(this.#db, groupId),
      findPublishedModule(this.#db, moduleSlug),
      findGroupModuleDeadline(this.#db, groupId, moduleSlug),
    ]);
    if (!group || !module) throw notFound();
    const [exercises, cells] = await Promise.all([
      listModuleExercises(this.#db, module.versionId),
      listProgressCells(
        this.#db,
        module.moduleId,
        group.learners.map((l) => l.id),
        dueAt,
      ),
    ]);
    const cellOf = new Map(cells.map((c) => [`${c.userId}:${c.exerciseSlug}`, c]));
    return {
      module: {
        slug: module.slug,
        title: module.title,
        version: module.version,
        dueAt: dueAt?.toISOString() ?? null,
      },
      exercises,
      learners: group.learners.map((learner) => ({
        id: learner.id,
        displayName: learner.displayName,
        cells: exercises.map((exercise) => {
          const cell = cellOf.get(`${learner.id}:${exercise.slug}`);
          return {
            exerciseId: exercise.id,
            bestScore: cell?.bestScore ?? null,
            attempts: cell?.attempts ?? 0,
            submissionId: cell?.submissionId ?? null,
            late: cell?.late ?? false,
          };
        }),
      })),
    };
  }

  /**
   * The grid as CSV (one row per learner, one column per exercise: best score out of max; with a
   * deadline, how many exercises were late).
   */
  async csv(actor: Actor, groupId: string, moduleSlug: string): Promise<{ filename: string; body: string }> {
    const grid = await this.grid(actor, groupId, moduleSlug);
    // With a deadline, a last column counts each learner's exercises whose work came after it.
    const withDeadline = grid.module.dueAt !== null;
    const header = [
      'learner',
      ...grid.exercises.map((e) => `${e.title} (/${e.maxScore})`),
      'total',
      ...(withDeadline ? ['late'] : []),
    ];
    const rows = grid.learners.map((learner) => {
      const total = learner.cells.reduce((sum, cell) => sum + (cell.bestScore ?? 0), 0);
      return [
        learner.displayName,
        ...learner.cells.map((c) => (c.bestScore === null ? '' : String(c.bestScore))),
        String(total),
        ...(withDeadline ? [String(learner.cells.filter((c) => c.late).length)] : []),
      ];
    });
    return { filename: `progression-${grid.module.slug}.csv`, body: toCsv(header, rows) };
  }
}
