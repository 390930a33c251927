// Publishing a module folder from files, and exporting a stored version back to one: what
// `pnpm content publish` and `pnpm content export` do, as functions (tested without a process).
import {
  ContentError,
  contentHash,
  exportModule,
  loadModule,
  validateCodeExercise,
  type ModuleDefinition,
  type Problem,
} from '@tremplin/content';
import type { GraderPool, LimitCeiling } from '@tremplin/grader';
import type { Db } from './client.ts';
import { findLatestPublished, findModuleBySlug, findVersion, publishModule } from './queries/studio.ts';

/** Every code exercise of a definition graded in the sandbox: its problems (empty when all pass). */
export async function sandboxProblems(
  def: ModuleDefinition,
  pool: GraderPool,
  options: { ceiling?: LimitCeiling; locale?: 'fr' | 'en' } = {},
): Promise<Problem[]> {
  const checks = def.exercises.map(async (ex, i) =>
    ex.spec.kind === 'code'
      ? (await validateCodeExercise(ex.spec, pool, { ...options, path: `exercises[${i}].spec` })).problems
      : [],
  );
  return (await Promise.all(checks)).flat();
}

export interface PublishedFolder {
  slug: string;
  version: number;
  contentHash: string;
  /** The latest published version already held this content: nothing new was stored. */
  unchanged: boolean;
}

/**
 * Loads a module folder, validates it (sandbox included) and publishes it as the module's next
 * version, with its content, hashes and an event. Throws a ContentError listing every problem.
 */
export async function publishFolder(
  db: Db,
  dir: string,
  options: { pool: GraderPool; note?: string; actorId?: string | null; ceiling?: LimitCeiling; now?: Date },
): Promise<PublishedFolder> {
  const def = await loadModule(dir);
  const problems = await sandboxProblems(
    def,
    options.pool,
    options.ceiling ? { ceiling: options.ceiling } : {},
  );
  if (problems.length > 0) throw new ContentError(`Invalid module in ${dir}`, problems);
  const hash = contentHash(def);
  const module = await findModuleBySlug(db, def.slug);
  const latest = module ? await findLatestPublished(db, module.id) : undefined;
  if (latest && latest.contentHash === hash)
    return { slug: def.slug, version: latest.version, contentHash: hash, unchanged: true };
  const published = await publishModule(db, def, {
    note: options.note?.trim() || 'Publié depuis les fichiers (pnpm content publish).',
    actorId: options.actorId ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
  return { slug: def.slug, version: published.version, contentHash: published.contentHash, unchanged: false };
}

/**
 * Writes a stored version (the newest published one by default) into `dir` in the module folder
 * format; answers the version and the files written.
 */
export async function exportVersion(
  db: Db,
  slug: string,
  dir: string,
  version?: number,
): Promise<{ version: number; files: string[] }> {
  const module = await findModuleBySlug(db, slug);
  if (!module) throw new Error(`no module "${slug}"`);
  const row =
    version === undefined
      ? await findLatestPublished(db, module.id)
      : await findVersion(db, module.id, version);
  if (!row)
    throw new Error(
      version === undefined
        ? `module "${slug}" has no published version`
        : `module "${slug}" has no version ${version}`,
    );
  if (!row.content)
    throw new Error(`version ${row.version} of "${slug}" was stored before versions kept their content`);
  return { version: row.version, files: await exportModule(row.content as ModuleDefinition, dir) };
}
