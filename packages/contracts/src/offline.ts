// A module kept on the device for offline use: what the browser stores when the student downloads it.
import { Type, type Static } from 'typebox';

export const OfflineFile = Type.Object({
  /** A same-origin API address to fetch and keep (no query string). */
  url: Type.String(),
  /** The size of its answer as the API sends it for this learner and language (JSON, uncompressed). */
  bytes: Type.Integer({ minimum: 0 }),
});
export type OfflineFile = Static<typeof OfflineFile>;

/** The answers a module's pages read: the module itself, each lesson and each exercise. */
export const OfflineCopy = Type.Object({
  slug: Type.String(),
  files: Type.Array(OfflineFile),
  totalBytes: Type.Integer({ minimum: 0 }),
});
export type OfflineCopy = Static<typeof OfflineCopy>;
