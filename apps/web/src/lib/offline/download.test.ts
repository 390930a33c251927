import { describe, expect, it } from 'vitest';
import { STORAGE_MARGIN_BYTES, formatBytes, offlineMarkUrl, storageShortfall } from './download.ts';

describe('sizes', () => {
  it('reads like a phone shows them, in the interface language', () => {
    expect(formatBytes('fr', 850)).toBe('850 o');
    expect(formatBytes('fr', 12_345)).toBe('12 Ko');
    expect(formatBytes('fr', 1_234_567)).toBe('1,2 Mo');
    expect(formatBytes('fr', 2_000_000_000)).toBe('2 Go');
    expect(formatBytes('en', 1_234_567)).toBe('1.2 MB');
    expect(formatBytes('en', 999)).toBe('999 B');
  });
});

describe('storage', () => {
  it('warns when the download would leave less than the margin free, with the free space', () => {
    const quota = 100e6;
    expect(storageShortfall({ quota, usage: 10e6 }, 1e6)).toBeNull();
    expect(storageShortfall({ quota, usage: quota - STORAGE_MARGIN_BYTES }, 1e6)).toBe(STORAGE_MARGIN_BYTES);
    expect(storageShortfall({ quota, usage: quota + 1 }, 1)).toBe(0);
  });

  it('does not warn when the browser cannot tell', () => {
    expect(storageShortfall(null, 1e9)).toBeNull();
    expect(storageShortfall({}, 1e9)).toBeNull();
  });
});

it('marks a module at an address the API never answers with data', () => {
  expect(offlineMarkUrl('https://tremplin.example', 'anglais-tech')).toBe(
    'https://tremplin.example/api/modules/anglais-tech/offline',
  );
});
