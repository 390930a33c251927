import type { MatchRegion } from '@tremplin/contracts';

/** Colours of matching regions, cycled: the same index on both sides marks a pair. */
export const REGION_COLOURS = 6;

export interface CodeLine {
  number: number;
  text: string;
  /** Index of the matching region this line belongs to (the first one if several), or null. */
  region: number | null;
}

/**
 * Splits code into numbered lines and marks each with the region (of `side`) that covers it, so that a
 * region of the left submission and its partner on the right share an index, a colour and an anchor.
 */
export function codeLines(code: string, regions: readonly MatchRegion[], side: 'left' | 'right'): CodeLine[] {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((text, index) => {
    const number = index + 1;
    const found = regions.findIndex(
      (region) => region[side].startLine <= number && number <= region[side].endLine,
    );
    return { number, text, region: found === -1 ? null : found };
  });
}

/** The `id` of a region's first line on one side (the other side links to it). */
export function regionAnchor(prefix: string, side: 'left' | 'right', region: number): string {
  return `${prefix}-${side}-region-${region + 1}`;
}
