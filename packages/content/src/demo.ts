// The demo modules shipped with the package (seeded into a new installation).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from './load.ts';
import type { ModuleDefinition } from './schema.ts';

/** The folder holding one sub-folder per demo module. */
export const DEMO_MODULES_DIR = fileURLToPath(new URL('../modules/', import.meta.url));

const DISCIPLINE_ORDER = ['programming', 'ai', 'english', 'tutoring'];

/** Loads every demo module, programming first, then AI, then English. */
export async function loadDemoModules(): Promise<ModuleDefinition[]> {
  const entries = await readdir(DEMO_MODULES_DIR, { withFileTypes: true });
  const modules = await Promise.all(
    entries.filter((e) => e.isDirectory()).map((e) => loadModule(path.join(DEMO_MODULES_DIR, e.name))),
  );
  return modules.sort(
    (a, b) =>
      DISCIPLINE_ORDER.indexOf(a.discipline) - DISCIPLINE_ORDER.indexOf(b.discipline) ||
      a.slug.localeCompare(b.slug),
  );
}
