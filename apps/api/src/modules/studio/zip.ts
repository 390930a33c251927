// A module definition to and from a zip of the module folder format. The content package writes and
// reads folders (exportModule, loadModule): the zip goes through a private temporary folder, removed
// afterwards. Unzipping checks every entry's path and the total size before writing anything.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportModule, loadModule, type ModuleDefinition } from '@tremplin/content';
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Unzipped, an archive may hold at most this much (a zip bomb stops here). */
export const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024;
export const MAX_ENTRIES = 2000;

/** Why an archive cannot be read, in words for the author (English; the route wraps it in a coded error). */
export class ArchiveError extends Error {}

async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tremplin-studio-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The zip of a definition in the folder format, under a folder named after the module. */
export async function zipModule(def: ModuleDefinition): Promise<Uint8Array> {
  return withTempDir(async (dir) => {
    const files = await exportModule(def, dir);
    const tree: Zippable = {};
    for (const relative of files.sort()) {
      tree[`${def.slug}/${relative}`] = [
        await readFile(path.join(dir, relative)),
        { mtime: new Date(2000, 0, 1) },
      ];
    }
    return zipSync(tree, { level: 6 });
  });
}

/** A safe relative path of an entry, or null (absolute, `..`, backslashes, NUL). */
function safePath(name: string): string | null {
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/')) return null;
  const parts = name.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  return parts.join('/');
}

export interface Unzipped {
  /** Files by path, with the common top folder (if the zip has one) removed. */
  files: Map<string, Uint8Array>;
  /** Entries left out (directories, system files, unsafe paths). */
  ignored: string[];
}

/** Reads a zip into memory, refusing unsafe paths' content and oversized archives. */
export function readZip(zip: Uint8Array): Unzipped {
  let total = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        count++;
        total += file.originalSize;
        if (count > MAX_ENTRIES) throw new ArchiveError(`more than ${MAX_ENTRIES} files`);
        if (total > MAX_UNZIPPED_BYTES)
          throw new ArchiveError(`more than ${MAX_UNZIPPED_BYTES} bytes unzipped`);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('not a readable zip archive');
  }
  const ignored: string[] = [];
  const kept = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    const safe = safePath(name);
    if (!safe || safe.startsWith('__MACOSX/') || safe.split('/').at(-1) === '.DS_Store') {
      ignored.push(name);
      continue;
    }
    kept.set(safe, data);
  }
  // A zip of a folder holds it under its name: strip a top folder that everything shares.
  const tops = new Set([...kept.keys()].map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  const [top] = tops;
  const files =
    tops.size === 1 && top
      ? new Map([...kept].map(([p, data]) => [p.slice(top.length + 1), data] as const))
      : kept;
  return { files, ignored };
}

/** Writes unzipped files into a private folder and runs `use` on it. */
export async function withFiles<T>(
  files: Map<string, Uint8Array>,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    for (const [relative, data] of files) {
      const full = path.join(dir, relative);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, data);
    }
    return use(dir);
  });
}

/** Loads the module folder an archive holds (throws the content package's ContentError when invalid). */
export async function loadZippedModule(files: Map<string, Uint8Array>): Promise<ModuleDefinition> {
  return withFiles(files, (dir) => loadModule(dir));
}
