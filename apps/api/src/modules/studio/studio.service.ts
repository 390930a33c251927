// The authors' studio: modules and their versions, the draft (autosaved with a revision check), its
// validation in the sandbox, the preview, review and publication, archiving, history, export, import.
import type {
  Answer,
  ContentProblem,
  CreateModuleBody,
  Locale,
  StudioDraft,
  StudioDraftSaved,
  StudioModule,
  StudioModuleSummary,
  StudioPreview,
  StudioRunResult,
  StudioVersion,
  StudioVersionContent,
  VersionDiff,
  VersionState,
  VersionStatus,
  ImportResult,
} from '@tremplin/contracts';
import { VERSION_STATUS_WORDS } from '@tremplin/contracts';
import {
  AnswerShapeError,
  ContentError,
  contentHash,
  ExerciseDefinition,
  gradeAnswer,
  toPublicSpec,
  importExercismFiles,
  localizeProblems,
  validateDefinition,
  validateModule,
  type ExercismImport,
  type FullSpec,
  type Problem,
  type ModuleDefinition,
} from '@tremplin/content';
import {
  createModuleWithDraft,
  findLatestPublished,
  findModuleBySlug,
  findOpenVersion,
  findVersion,
  listModules,
  listVersionEvents,
  listVersions,
  openDraftVersion,
  publishVersion,
  saveDraftContent,
  transitionVersion,
  type Db,
  type ModuleRow,
  type VersionRow,
  type VersionWithEditor,
} from '@tremplin/db';
import type { GraderPool, LimitCeiling } from '@tremplin/grader';
import Compile from 'typebox/compile';
import { AppError, withDetails } from '../../errors.ts';
import type { RunGate } from '../../fair-use/run-gate.ts';
import { renderResult } from '../../grading/feedback.ts';
import { gradeCode } from '../../grading/grade-exercise.ts';
import type { Actor } from '../auth/auth.service.ts';
import { diffDefinitions } from './diff.ts';
import { draftShapeProblem, emptyDefinition } from './draft-shape.ts';
import { ArchiveError, loadZippedModule, readZip, zipModule } from './zip.ts';

export interface StudioDeps {
  db: Db;
  pool: GraderPool;
  /** The platform's ceiling of exercise limits (configuration). */
  ceiling: LimitCeiling;
  /** One sandbox run at a time per author, as for learners. */
  runGate: RunGate;
}

const WHEN: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Africa/Lome' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Africa/Lome' }),
};
const SOMEONE = { fr: 'un autre auteur', en: 'another author' };

const statusWords = (status: VersionStatus) => ({
  fr: VERSION_STATUS_WORDS.fr[status],
  en: VERSION_STATUS_WORDS.en[status],
});
const what = (fr: string, en: string) => ({ what: { fr, en } });

function wrongStatus(version: number, status: VersionStatus, expected: VersionStatus): AppError {
  return new AppError('TREMPLIN_ERR_WRONG_STATUS', {
    version,
    status: statusWords(status),
    expected: statusWords(expected),
  });
}

function toVersion(v: VersionRow): StudioVersion {
  return {
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    contentHash: v.contentHash,
    changeNote: v.changeNote,
  };
}

const checkExercise = Compile(ExerciseDefinition);

/** Problems as the API answers them: without the message keys that only the content package reads. */
function answered(problems: Problem[]): ContentProblem[] {
  return problems.map(({ path, message, file, line }) => ({
    path,
    message,
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
  }));
}

/** Problems in the reader's language. */
const localized = (problems: Problem[], locale: Locale) => answered(localizeProblems(problems, locale));

/** An exercise's slug from its Exercism `.meta/config.json`: the solution file's base name. */
function exerciseSlugOf(config: string | undefined): string | undefined {
  try {
    const solution = (JSON.parse(config ?? '') as { files?: { solution?: string[] } }).files?.solution?.[0];
    return solution
      ?.split('/')
      .at(-1)
      ?.replace(/\.[jt]s$/, '');
  } catch {
    return undefined;
  }
}

const isOpen = (v: VersionRow) => v.status === 'draft' || v.status === 'in_review';

/** A draft exercise by slug, with its index (its shape is checked by the caller). */
function findExercise(
  def: unknown,
  slug: string,
): { exercise: ExerciseDefinition; index: number } | undefined {
  const exercises = (def as { exercises?: unknown }).exercises;
  if (!Array.isArray(exercises)) return undefined;
  const index = exercises.findIndex((e) => (e as { slug?: unknown })?.slug === slug);
  if (index < 0) return undefined;
  return { exercise: exercises[index] as ExerciseDefinition, index };
}

export class StudioService {
  readonly #d: StudioDeps;

  constructor(deps: StudioDeps) {
    this.#d = deps;
  }

  // ---------- Reading ----------

  async list(): Promise<StudioModuleSummary[]> {
    const { db } = this.#d;
    const modules = await listModules(db);
    const versions = await listVersions(
      db,
      modules.map((m) => m.id),
    );
    return modules.map((m) => {
      const own = versions.filter((v) => v.moduleId === m.id);
      const newest = own[0];
      const open = own.find(isOpen);
      return {
        slug: m.slug,
        discipline: m.disciplineId,
        title: newest?.title ?? m.slug,
        status: newest?.status ?? 'draft',
        versions: own.map(toVersion),
        ...(open
          ? {
              draft: {
                version: open.version,
                revision: open.revision,
                updatedAt: open.updatedAt.toISOString(),
                updatedBy: open.updatedByName,
              },
            }
          : {}),
      };
    });
  }

  async get(slug: string): Promise<StudioModule> {
    const { db } = this.#d;
    const module = await this.#module(slug);
    const [versions, events] = await Promise.all([
      listVersions(db, [module.id]),
      listVersionEvents(db, module.id),
    ]);
    const open = versions.find(isOpen);
    return {
      slug: module.slug,
      discipline: module.disciplineId,
      title: versions[0]?.title ?? module.slug,
      versions: versions.map(toVersion),
      events: events.map((e) => ({
        version: e.version,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName: e.actorName,
        at: e.at.toISOString(),
        note: e.note,
      })),
      ...(open ? { draft: this.#draft(open) } : {}),
    };
  }

  async version(slug: string, version: number): Promise<StudioVersionContent> {
    const v = await this.#version(await this.#module(slug), version);
    return { ...toVersion(v), revision: v.revision, content: v.content };
  }

  async diff(slug: string, from: number, to: number): Promise<VersionDiff> {
    const module = await this.#module(slug);
    const [a, b] = await Promise.all([this.#version(module, from), this.#version(module, to)]);
    return { from, to, changes: diffDefinitions(a.content, b.content) };
  }

  async exportZip(
    slug: string,
    version: number,
    locale: Locale,
  ): Promise<{ filename: string; zip: Uint8Array }> {
    const v = await this.#version(await this.#module(slug), version);
    const def = this.#validDefinition(v.content, locale);
    return { filename: `${slug}-v${version}.zip`, zip: await zipModule(def) };
  }

  // ---------- Writing ----------

  async create(actor: Actor, body: CreateModuleBody): Promise<StudioModule> {
    const content = emptyDefinition(body);
    const created = await createModuleWithDraft(this.#d.db, {
      slug: body.slug,
      discipline: body.discipline,
      content,
      actorId: actor.user.id,
    });
    if (!created) throw new AppError('TREMPLIN_ERR_MODULE_EXISTS', { slug: body.slug });
    return this.get(body.slug);
  }

  /** A new draft, copied from the newest published version (or the newest of all when none is). */
  async openDraft(actor: Actor, slug: string): Promise<StudioModule> {
    const { db } = this.#d;
    const module = await this.#module(slug);
    const open = await findOpenVersion(db, module.id);
    if (open) throw this.#draftExists(open);
    const base = (await findLatestPublished(db, module.id)) ?? (await listVersions(db, [module.id]))[0];
    if (!base?.content)
      throw new AppError('TREMPLIN_ERR_CONTENT_NOT_FOUND', what('version publiée', 'published version'));
    const created = await openDraftVersion(db, module.id, {
      content: base.content as ModuleDefinition,
      actorId: actor.user.id,
    });
    if (!created) {
      const raced = await findOpenVersion(db, module.id);
      throw raced ? this.#draftExists(raced) : new AppError('TREMPLIN_ERR_CONFLICT');
    }
    return this.get(slug);
  }

  async save(actor: Actor, slug: string, revision: number, content: unknown): Promise<StudioDraftSaved> {
    const { db } = this.#d;
    const module = await this.#module(slug);
    const problem = draftShapeProblem(content, slug);
    if (problem) throw new AppError('TREMPLIN_ERR_DRAFT_SHAPE', { detail: problem });
    const open = await this.#open(module);
    if (open.status !== 'draft') throw wrongStatus(open.version, open.status, 'draft');
    const saved = await saveDraftContent(db, open.id, { revision, content, actorId: actor.user.id });
    if (saved) return { revision: saved.revision, updatedAt: saved.updatedAt.toISOString() };
    // Someone saved since: say who and when (read again: the row moved on).
    const now = (await findOpenVersion(db, module.id)) ?? open;
    if (now.status !== 'draft') throw wrongStatus(now.version, now.status, 'draft');
    throw new AppError('TREMPLIN_ERR_STALE_DRAFT', {
      name: now.updatedByName ?? SOMEONE,
      at: { fr: WHEN.fr.format(now.updatedAt), en: WHEN.en.format(now.updatedAt) },
    });
  }

  async validate(slug: string, locale: Locale): Promise<ContentProblem[]> {
    const open = await this.#open(await this.#module(slug));
    return this.#problems(open.content, locale);
  }

  async preview(slug: string, exerciseSlug: string, actor: Actor, locale: Locale): Promise<StudioPreview> {
    const { exercise, spec } = await this.#draftExercise(slug, exerciseSlug, locale);
    return {
      slug: exercise.slug,
      title: exercise.title,
      kind: exercise.kind,
      promptMd: exercise.prompt,
      hints: exercise.hints,
      maxScore: exercise.maxScore,
      spec: toPublicSpec(spec, { seed: `${exercise.slug}:${actor.user.id}`, playsUsed: 0 }),
    };
  }

  async run(
    actor: Actor,
    slug: string,
    exerciseSlug: string,
    body: { code?: string | undefined; answer?: Answer | undefined },
    locale: Locale,
  ): Promise<StudioRunResult> {
    const { spec } = await this.#draftExercise(slug, exerciseSlug, locale);
    const names = {
      fr: { code: 'du code', answer: 'une réponse' },
      en: { code: 'code', answer: 'an answer' },
    }[locale];
    if (spec.kind === 'code') {
      if (body.code === undefined)
        throw new AppError('TREMPLIN_ERR_WRONG_EXERCISE_KIND', {
          expected: names.code,
          received: names.answer,
        });
      const release = await this.#d.runGate.admit(actor.user.id);
      const { result } = await gradeCode(this.#d.pool, spec, body.code, { includeHidden: false }).finally(
        release,
      );
      return { result: renderResult(result, locale) };
    }
    if (body.answer === undefined || spec.kind === 'vocabulary')
      throw new AppError('TREMPLIN_ERR_WRONG_EXERCISE_KIND', {
        expected: names.answer,
        received: names.code,
      });
    try {
      const { result } = gradeAnswer(spec, body.answer, { locale });
      return { result: renderResult(result, locale) };
    } catch (error) {
      if (error instanceof AnswerShapeError)
        throw new AppError('TREMPLIN_ERR_ANSWER_SHAPE', { detail: error.message });
      throw error;
    }
  }

  async submit(actor: Actor, slug: string, note: string | undefined): Promise<VersionState> {
    return this.#step(actor, slug, 'draft', 'in_review', note);
  }

  async sendBack(actor: Actor, slug: string, note: string | undefined): Promise<VersionState> {
    return this.#step(actor, slug, 'in_review', 'draft', note);
  }

  async publish(actor: Actor, slug: string, note: string | undefined, locale: Locale): Promise<VersionState> {
    const { db } = this.#d;
    const module = await this.#module(slug);
    const open = await findOpenVersion(db, module.id);
    if (!open)
      throw new AppError('TREMPLIN_ERR_NOTHING_TO_PUBLISH', {
        reason: { fr: 'aucune version en relecture', en: 'no version in review' },
      });
    if (open.status !== 'in_review') throw wrongStatus(open.version, open.status, 'in_review');
    if (!note?.trim()) throw new AppError('TREMPLIN_ERR_CHANGE_NOTE_REQUIRED');
    const def = this.#validDefinition(open.content, locale);
    const problems = await this.#problems(def, locale);
    if (problems.length > 0)
      throw withDetails(new AppError('TREMPLIN_ERR_INVALID_DRAFT', { count: problems.length }), { problems });
    const latest = await findLatestPublished(db, module.id);
    if (latest?.contentHash === contentHash(def))
      throw new AppError('TREMPLIN_ERR_NOTHING_TO_PUBLISH', {
        reason: {
          fr: `le contenu est identique à la version publiée ${latest.version}`,
          en: `the content is the same as published version ${latest.version}`,
        },
      });
    const published = await publishVersion(db, open.id, 'in_review', {
      content: def,
      note: note.trim(),
      actorId: actor.user.id,
    });
    if (!published) throw new AppError('TREMPLIN_ERR_CONFLICT');
    return { version: published.version, status: published.status, contentHash: published.contentHash };
  }

  async archive(
    actor: Actor,
    slug: string,
    version: number,
    note: string | undefined,
  ): Promise<VersionState> {
    const v = await this.#version(await this.#module(slug), version);
    if (v.status !== 'published') throw wrongStatus(v.version, v.status, 'published');
    const row = await transitionVersion(this.#d.db, v.id, 'published', 'archived', {
      note: note?.trim() || null,
      actorId: actor.user.id,
    });
    if (!row) throw new AppError('TREMPLIN_ERR_CONFLICT');
    return { version: row.version, status: row.status, contentHash: row.contentHash };
  }

  /**
   * A zip of a module folder becomes a draft: a new module's v1, or the content of the module's
   * open draft (replaced, its revision moved on) or of a new draft. An Exercism exercise folder becomes
   * a new exercise of the draft of module `into`.
   */
  async importZip(actor: Actor, zip: Uint8Array, locale: Locale, into?: string): Promise<ImportResult> {
    const { db } = this.#d;
    let unzipped: ReturnType<typeof readZip>;
    try {
      unzipped = readZip(zip);
    } catch (error) {
      if (error instanceof ArchiveError)
        throw new AppError('TREMPLIN_ERR_IMPORT_INVALID', { detail: error.message });
      throw error;
    }
    const { files, ignored } = unzipped;
    if (!files.has('module.json')) {
      if (files.has('.meta/config.json') || files.has('.docs/instructions.md'))
        return this.#importExercise(actor, unzipped, locale, into);
      throw new AppError('TREMPLIN_ERR_IMPORT_INVALID', {
        detail: { fr: 'aucun module.json à la racine du dossier', en: 'no module.json at the folder’s root' },
      });
    }
    let def: ModuleDefinition;
    try {
      def = await loadZippedModule(files);
    } catch (error) {
      if (error instanceof ContentError)
        throw withDetails(new AppError('TREMPLIN_ERR_INVALID_DRAFT', { count: error.problems.length }), {
          problems: localized(error.problems, locale),
        });
      throw error;
    }
    const problems = await this.#problems(def, locale);
    const unmapped = [...ignored];
    const existing = await findModuleBySlug(db, def.slug);
    if (!existing) {
      const created = await createModuleWithDraft(db, {
        slug: def.slug,
        discipline: def.discipline,
        content: def,
        actorId: actor.user.id,
      });
      if (!created) throw new AppError('TREMPLIN_ERR_CONFLICT');
      return { slug: def.slug, version: 1, revision: 1, created: true, unmapped, problems };
    }
    if (existing.disciplineId !== def.discipline)
      unmapped.push(`discipline "${def.discipline}" (the module stays in "${existing.disciplineId}")`);
    const content = { ...def, discipline: existing.disciplineId };
    let open = await findOpenVersion(db, existing.id);
    if (open && open.status !== 'draft') throw wrongStatus(open.version, open.status, 'draft');
    if (!open) {
      const created = await openDraftVersion(db, existing.id, { content, actorId: actor.user.id });
      if (!created) throw new AppError('TREMPLIN_ERR_CONFLICT');
      return {
        slug: def.slug,
        version: created.version,
        revision: created.revision,
        created: false,
        unmapped,
        problems,
      };
    }
    const saved = await saveDraftContent(db, open.id, {
      revision: open.revision,
      content,
      actorId: actor.user.id,
    });
    if (!saved) throw new AppError('TREMPLIN_ERR_CONFLICT');
    open = { ...open, revision: saved.revision };
    return {
      slug: def.slug,
      version: open.version,
      revision: saved.revision,
      created: false,
      unmapped,
      problems,
    };
  }

  /** An Exercism exercise folder, added as a new exercise to the draft of module `into`. */
  async #importExercise(
    actor: Actor,
    { files, ignored, top }: ReturnType<typeof readZip>,
    locale: Locale,
    into: string | undefined,
  ): Promise<ImportResult> {
    const invalid = (fr: string, en: string) =>
      new AppError('TREMPLIN_ERR_IMPORT_INVALID', { detail: { fr, en } });
    if (into === undefined)
      throw invalid(
        'un exercice s’ajoute à un module : choisissez lequel',
        'an exercise is added to a module: choose which one',
      );
    const texts: Record<string, string> = {};
    for (const [name, data] of files) texts[name] = new TextDecoder().decode(data);
    const slug = top ?? exerciseSlugOf(texts['.meta/config.json']);
    if (slug === undefined)
      throw invalid(
        'zippez le dossier de l’exercice lui-même (son nom est l’identifiant de l’exercice)',
        'zip the exercise folder itself (its name is the exercise’s id)',
      );
    let imported: ExercismImport;
    try {
      imported = importExercismFiles(slug, texts);
    } catch (error) {
      throw invalid((error as Error).message, (error as Error).message);
    }
    const module = await this.#module(into);
    let open = await findOpenVersion(this.#d.db, module.id);
    if (open && open.status !== 'draft') throw wrongStatus(open.version, open.status, 'draft');
    if (!open) {
      const latest = await findLatestPublished(this.#d.db, module.id);
      if (!latest?.content) throw new AppError('TREMPLIN_ERR_NOTHING_TO_PUBLISH');
      const created = await openDraftVersion(this.#d.db, module.id, {
        content: latest.content as ModuleDefinition,
        actorId: actor.user.id,
      });
      if (!created) throw new AppError('TREMPLIN_ERR_CONFLICT');
      open = await findOpenVersion(this.#d.db, module.id);
      if (!open) throw new AppError('TREMPLIN_ERR_CONFLICT');
    }
    const content = open.content as ModuleDefinition;
    if (content.exercises.some((e) => e.slug === imported.slug))
      throw invalid(
        `le module a déjà un exercice « ${imported.slug} »`,
        `the module already has an exercise "${imported.slug}"`,
      );
    const next = { ...content, exercises: [...content.exercises, imported.definition] };
    const saved = await saveDraftContent(this.#d.db, open.id, {
      revision: open.revision,
      content: next,
      actorId: actor.user.id,
    });
    if (!saved) throw new AppError('TREMPLIN_ERR_CONFLICT');
    return {
      slug: into,
      version: open.version,
      revision: saved.revision,
      created: false,
      unmapped: [...ignored, ...imported.unmapped],
      problems: await this.#problems(next, locale),
    };
  }

  // ---------- Helpers ----------

  async #module(slug: string): Promise<ModuleRow> {
    const module = await findModuleBySlug(this.#d.db, slug);
    if (!module)
      throw new AppError('TREMPLIN_ERR_CONTENT_NOT_FOUND', what(`module « ${slug} »`, `module "${slug}"`));
    return module;
  }

  async #version(module: ModuleRow, version: number): Promise<VersionWithEditor> {
    const v = await findVersion(this.#d.db, module.id, version);
    if (!v)
      throw new AppError('TREMPLIN_ERR_CONTENT_NOT_FOUND', what(`version ${version}`, `version ${version}`));
    return v;
  }

  async #open(module: ModuleRow): Promise<VersionWithEditor> {
    const open = await findOpenVersion(this.#d.db, module.id);
    if (!open)
      throw new AppError(
        'TREMPLIN_ERR_CONTENT_NOT_FOUND',
        what(`brouillon du module « ${module.slug} »`, `draft of module "${module.slug}"`),
      );
    return open;
  }

  #draft(v: VersionWithEditor): StudioDraft {
    return {
      version: v.version,
      status: v.status === 'in_review' ? 'in_review' : 'draft',
      revision: v.revision,
      updatedAt: v.updatedAt.toISOString(),
      updatedByName: v.updatedByName,
      content: v.content,
    };
  }

  #draftExists(open: VersionRow): AppError {
    return new AppError('TREMPLIN_ERR_DRAFT_EXISTS', {
      version: open.version,
      status: statusWords(open.status),
    });
  }

  /** The definition when it passes the structural validation, else a 422 with its problems. */
  #validDefinition(content: unknown, locale: Locale): ModuleDefinition {
    const problems = validateModule(content);
    if (problems.length > 0)
      throw withDetails(new AppError('TREMPLIN_ERR_INVALID_DRAFT', { count: problems.length }), {
        problems: localized(problems, locale),
      });
    return content as ModuleDefinition;
  }

  /**
   * Every problem of a definition, as `pnpm content validate` finds them: its structure and rules, its
   * texts and links, and each code exercise in the sandbox (the reference passes, the starter and an
   * empty solution do not).
   */
  async #problems(content: unknown, locale: Locale): Promise<ContentProblem[]> {
    const problems = await validateDefinition(content, {
      lang: locale,
      pool: this.#d.pool,
      ceiling: this.#d.ceiling,
    });
    return answered(problems);
  }

  async #draftExercise(
    slug: string,
    exerciseSlug: string,
    locale: Locale,
  ): Promise<{ exercise: ExerciseDefinition; spec: FullSpec }> {
    const open = await this.#open(await this.#module(slug));
    const found = findExercise(open.content, exerciseSlug);
    if (!found)
      throw new AppError(
        'TREMPLIN_ERR_CONTENT_NOT_FOUND',
        what(`exercice « ${exerciseSlug} » du brouillon`, `exercise "${exerciseSlug}" of the draft`),
      );
    // Its shape only: a half-written exercise previews, validation tells the rest.
    if (!checkExercise.Check(found.exercise)) {
      const problems = validateModule({ ...(open.content as object), exercises: [found.exercise] }).filter(
        (p) => p.path.startsWith('exercises[0]'),
      );
      throw withDetails(new AppError('TREMPLIN_ERR_INVALID_DRAFT', { count: problems.length }), {
        problems: localized(
          problems.map((p) => ({ ...p, path: p.path.replace('exercises[0]', `exercises[${found.index}]`) })),
          locale,
        ),
      });
    }
    return { exercise: found.exercise, spec: found.exercise.spec };
  }

  async #step(
    actor: Actor,
    slug: string,
    from: 'draft' | 'in_review',
    to: 'draft' | 'in_review',
    note: string | undefined,
  ): Promise<VersionState> {
    const open = await this.#open(await this.#module(slug));
    if (open.status !== from) throw wrongStatus(open.version, open.status, from);
    const row = await transitionVersion(this.#d.db, open.id, from, to, {
      note: note?.trim() || null,
      actorId: actor.user.id,
    });
    if (!row) throw new AppError('TREMPLIN_ERR_CONFLICT');
    return { version: row.version, status: row.status, contentHash: row.contentHash };
  }
}
