// Paths of the files a module.json references: relative, inside the module folder, nothing else.
import path from 'node:path';

/** The absolute path of a module file, or null when the reference could escape the module folder. */
export function resolveInside(dir: string, relative: string): string | null {
  if (path.isAbsolute(relative) || relative.includes('\\') || relative.includes('\0')) return null;
  if (relative.split('/').some((part) => part === '..' || part === '')) return null;
  const root = path.resolve(dir);
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) ? full : null;
}
