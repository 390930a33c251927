import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { attendre } from './attendre';

describe('attendre (cas cachés)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('un délai nul ou négatif : résolue dès le premier tour', async () => {
    const promesse = Promise.all([attendre(0, 'a'), attendre(-50, 'b')]);
    await jest.advanceTimersByTimeAsync(1);
    await expect(promesse).resolves.toEqual(['a', 'b']);
  });

  test('deux attentes se terminent chacune à son heure', async () => {
    const ordre = [];
    attendre(3000, 'lent').then((v) => ordre.push(v));
    attendre(1000, 'rapide').then((v) => ordre.push(v));
    await jest.advanceTimersByTimeAsync(1000);
    expect(ordre).toEqual(['rapide']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(ordre).toEqual(['rapide', 'lent']);
  });

  test('garde la valeur telle quelle, même un objet', async () => {
    const recu = { montant: 5000, de: '+228 90 12 34 56' };
    const promesse = attendre(500, recu);
    await jest.advanceTimersByTimeAsync(500);
    await expect(promesse).resolves.toBe(recu);
  });
});
