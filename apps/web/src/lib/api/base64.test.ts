import { describe, expect, it } from 'vitest';
import { base64 } from './base64.ts';

describe('base64', () => {
  it('encodes every byte value as Node does, across the slices it builds', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 3).map((_, i) => (i * 7) % 256);
    const encoded = base64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
    expect(base64(new Uint8Array())).toBe('');
  });
});
