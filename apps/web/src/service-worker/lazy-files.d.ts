// Written by apps/web/vite-lazy-files.ts at build time: the files fetched on first use, not precached.
declare module 'virtual:tremplin-lazy-files' {
  export const lazyFiles: string[];
}
