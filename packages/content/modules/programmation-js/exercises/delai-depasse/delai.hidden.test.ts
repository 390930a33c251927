import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { avecDelai, DelaiDepasse } from './delai';

function suivre<T>(promesse: Promise<T>) {
  const etat: { fini: boolean; valeur?: T; erreur?: unknown } = { fini: false };
  promesse.then(
    (valeur) => Object.assign(etat, { fini: true, valeur }),
    (erreur: unknown) => Object.assign(etat, { fini: true, erreur }),
  );
  return etat;
}

describe('avecDelai (cas cachés)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('une erreur arrivée à temps est transmise telle quelle', async () => {
    const panne = new Error('Réseau indisponible');
    const refus = Promise.reject(panne);
    refus.catch(() => {}); // la promesse reste rejetée pour avecDelai
    const etat = suivre(avecDelai(refus, 3000));
    await jest.advanceTimersByTimeAsync(10);
    expect(etat.erreur).toBe(panne);
  });

  test("une réponse d'une milliseconde trop tardive ne compte plus", async () => {
    const lente = new Promise<string>((resolve) => setTimeout(() => resolve('trop tard'), 3001));
    const etat = suivre(avecDelai(lente, 3000));
    await jest.advanceTimersByTimeAsync(3001);
    expect(etat.erreur).toBeInstanceOf(DelaiDepasse);
    expect((etat.erreur as Error).message).toBe('Pas de réponse après 3000 ms');
  });

  test('le minuteur du délai est annulé quand la réponse arrive', async () => {
    const etat = suivre(avecDelai(Promise.resolve('ok'), 60000));
    await jest.advanceTimersByTimeAsync(0);
    expect(etat.valeur).toBe('ok');
    expect(jest.getTimerCount()).toBe(0);
  });
});
