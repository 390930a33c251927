import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { avecDelai, DelaiDepasse } from './delai';

/** Une promesse résolue avec valeur au bout de ms millisecondes (sur l'horloge simulée). */
const reponseApres = <T>(ms: number, valeur: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(valeur), ms));

/** Suit une promesse dès maintenant : son état se lit ensuite sans l'attendre. */
function suivre<T>(promesse: Promise<T>) {
  const etat: { fini: boolean; valeur?: T; erreur?: unknown } = { fini: false };
  promesse.then(
    (valeur) => Object.assign(etat, { fini: true, valeur }),
    (erreur: unknown) => Object.assign(etat, { fini: true, erreur }),
  );
  return etat;
}

describe('avecDelai', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('une réponse à temps donne sa valeur', async () => {
    const etat = suivre(avecDelai(reponseApres(1000, 25000), 3000));
    await jest.advanceTimersByTimeAsync(1000);
    expect(etat).toEqual({ fini: true, valeur: 25000 });
  });

  test('sans réponse, rejetée avec DelaiDepasse au bout du délai, pas avant', async () => {
    const etat = suivre(avecDelai(new Promise<number>(() => {}), 3000));
    await jest.advanceTimersByTimeAsync(2999);
    expect(etat.fini).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(etat.erreur).toBeInstanceOf(DelaiDepasse);
  });

  test("le message et le nom de l'erreur", () => {
    const erreur = new DelaiDepasse(3000);
    expect(erreur).toBeInstanceOf(Error);
    expect(erreur.name).toBe('DelaiDepasse');
    expect(erreur.message).toBe('Pas de réponse après 3000 ms');
  });
});
