import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { attendre } from './attendre';

/** Suit l'état d'une promesse sans l'attendre. */
function suivre(promesse) {
  const etat = { resolue: false, valeur: undefined };
  promesse.then((valeur) => {
    etat.resolue = true;
    etat.valeur = valeur;
  });
  return etat;
}

describe('attendre', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('renvoie une promesse', () => {
    expect(attendre(1000, 'ok')).toBeInstanceOf(Promise);
  });

  test("n'est pas résolue avant le délai", async () => {
    const etat = suivre(attendre(2000, 'Transfert reçu'));
    await jest.advanceTimersByTimeAsync(1999);
    expect(etat.resolue).toBe(false);
  });

  test('est résolue avec la valeur au bout du délai', async () => {
    const etat = suivre(attendre(2000, 'Transfert reçu'));
    await jest.advanceTimersByTimeAsync(2000);
    expect(etat).toEqual({ resolue: true, valeur: 'Transfert reçu' });
  });
});
