import { loadDemoModules, type ModuleDefinition } from '@tremplin/content';
import type { ModuleVersionInput } from '../queries/content.ts';

/** A module definition of the content package, as the database stores a version of it. */
export function toModuleVersionInput(module: ModuleDefinition): ModuleVersionInput {
  return {
    slug: module.slug,
    discipline: module.discipline,
    title: module.title,
    summary: module.summary,
    lessons: module.lessons.map((l) => ({ slug: l.slug, title: l.title, bodyMd: l.body })),
    exercises: module.exercises.map((e) => ({
      slug: e.slug,
      title: e.title,
      lessonSlug: e.lesson,
      kind: e.kind,
      promptMd: e.prompt,
      hint: e.hints[0],
      maxScore: e.maxScore,
      spec: e.spec,
    })),
  };
}

/** The demo modules (programming, AI, technical English), ready to store. */
export async function demoModuleInputs(): Promise<ModuleVersionInput[]> {
  return (await loadDemoModules()).map(toModuleVersionInput);
}
