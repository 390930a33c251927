import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Every PDF starts with this header (ISO 32000: `%PDF-1.x` or `%PDF-2.0`). */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Whether the bytes are a PDF, read from the content: a renamed image or archive is not one. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.length > PDF_MAGIC.length && bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

/**
 * The candidates' documents on disk, under `<dataDir>/uploads`: outside the web build, served only
 * through the API's checks. Each file is named by a random key, never by what the candidate sent.
 */
export class DocumentStore {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = path.join(dataDir, 'uploads');
  }

  /** Writes the bytes under a new random key and answers it. */
  async put(bytes: Buffer): Promise<string> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(24).toString('hex');
    await writeFile(this.#path(key), bytes, { flag: 'wx', mode: 0o600 });
    return key;
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.#path(key));
  }

  async remove(key: string): Promise<void> {
    await unlink(this.#path(key)).catch(() => undefined);
  }

  #path(key: string): string {
    // Keys are made here (hex): anything else never reaches the disk.
    if (!/^[0-9a-f]{48}$/.test(key)) throw new Error('bad storage key');
    return path.join(this.#dir, key);
  }
}

/** A file name safe to show and to send back: no path, no control characters, ending in `.pdf`. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean =
    base
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim()
      .slice(0, 150) || 'document';
  return /\.pdf$/i.test(clean) ? clean : `${clean.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`;
}

/** `Content-Disposition: attachment`, with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[\\"]/g, '_') || 'document.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
