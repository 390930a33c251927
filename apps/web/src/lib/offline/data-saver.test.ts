import { describe, expect, it } from 'vitest';
import { IMAGE_LIMIT_BYTES, dataUriBytes, holdsImage, initialDataSaver } from './data-saver.ts';

describe('the data saver', () => {
  it("follows the student's choice, else the browser's save-data preference", () => {
    expect(initialDataSaver('on', false)).toBe(true);
    expect(initialDataSaver('off', true)).toBe(false);
    expect(initialDataSaver(null, true)).toBe(true);
    expect(initialDataSaver(null, undefined)).toBe(false);
  });

  it('knows the size of a data: image, not of a file', () => {
    expect(dataUriBytes('data:image/png;base64,iVBORw0KGgo=')).toBe(8);
    expect(dataUriBytes('data:image/svg+xml,%3Csvg%3E%3C/svg%3E')).toBe(11);
    expect(dataUriBytes('/images/schema.png')).toBeNull();
  });

  it('holds an image of unknown size or above the limit, shows a small one', () => {
    expect(holdsImage('/images/schema.png')).toEqual({ hold: true, bytes: null });
    expect(holdsImage('data:image/png;base64,iVBORw0KGgo=')).toEqual({ hold: false, bytes: 8 });
    const big = `data:image/png;base64,${'A'.repeat(Math.ceil((IMAGE_LIMIT_BYTES * 4) / 3) + 8)}`;
    expect(holdsImage(big).hold).toBe(true);
  });
});
