import type { Plugin } from 'vite';

/** The virtual module the service worker imports: `export const lazyFiles: string[]`. */
export const LAZY_FILES_MODULE = 'virtual:tremplin-lazy-files';
const RESOLVED = `\0${LAZY_FILES_MODULE}`;

/** The dynamic import that loads the code editor (apps/web/src/lib/components/code/monaco.ts). */
const LAZY_ENTRY = /\/src\/lib\/components\/code\/monaco\.ts$/;

interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/**
 * The files of the client build that the service worker does NOT precache: Monaco (its chunks, its
 * workers, its font and stylesheets), several megabytes that phones never load (they get the plain
 * editor). They are the files reachable only through Monaco's dynamic import; the service worker
 * caches them on first use. Everything reachable otherwise (every page, the offline Run's worker) is
 * the shell. The list is computed from the client bundle and handed to the service worker's build,
 * which SvelteKit runs after the client's.
 */
export function lazyFilesPlugin(): Plugin {
  let lazy: string[] = [];
  return {
    name: 'tremplin-lazy-files',
    resolveId: (id) => (id === LAZY_FILES_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export const lazyFiles = ${JSON.stringify(lazy)};` : undefined),
    generateBundle(_options, bundle) {
      if (this.environment.name !== 'client') return;
      const outputs = Object.values(bundle);
      const chunks = outputs.filter((o) => o.type === 'chunk') as unknown as ChunkInfo[];
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const gate = chunks.find((c) => c.facadeModuleId && LAZY_ENTRY.test(c.facadeModuleId));
      if (!gate) return;

      // The shell: what the entries (the app, its pages) reach without going through the editor's
      // import. Monaco's own dynamic imports (its language modes) are reached only through it.
      const shell = new Set<string>();
      const visit = (name: string) => {
        if (name === gate.fileName || shell.has(name)) return;
        shell.add(name);
        const chunk = byName.get(name);
        for (const next of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) visit(next);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);

      const lazyChunks = chunks.filter((c) => !shell.has(c.fileName));
      const shellChunks = chunks.filter((c) => shell.has(c.fileName));
      const assetsOf = (list: ChunkInfo[]) =>
        new Set(
          list.flatMap((c) => [
            ...(c.viteMetadata?.importedCss ?? []),
            ...(c.viteMetadata?.importedAssets ?? []),
            // Workers are emitted files named in the code that starts them.
            ...outputs
              .filter((o) => o.type === 'asset' && o.fileName.includes('/workers/'))
              .map((o) => o.fileName)
              .filter((file) => c.code.includes(file.slice(file.lastIndexOf('/') + 1))),
          ]),
        );
      const shellAssets = assetsOf(shellChunks);
      lazy = [
        ...lazyChunks.map((c) => c.fileName),
        ...[...assetsOf(lazyChunks)].filter((file) => !shellAssets.has(file)),
      ].sort();
    },
  };
}
