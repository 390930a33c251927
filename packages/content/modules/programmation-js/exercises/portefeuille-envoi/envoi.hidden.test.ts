import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { envoyerAvecReprise, type Transfert } from './envoi';

const transfert: Transfert = { vers: '+228 70 11 22 33', montant: 2500 };

function echec(erreur: Error): Promise<string> {
  const promesse = Promise.reject(erreur);
  promesse.catch(() => {});
  return promesse;
}

function serveur(pannes: number) {
  const appels: number[] = [];
  const envoyer = () => {
    appels.push(Date.now());
    if (appels.length <= pannes) return echec(new Error(`panne ${appels.length}`));
    return Promise.resolve('TX-OK');
  };
  return { envoyer, appels };
}

function suivre<T>(promesse: Promise<T>) {
  const etat: { fini: boolean; valeur?: T; erreur?: unknown } = { fini: false };
  promesse.then(
    (valeur) => Object.assign(etat, { fini: true, valeur }),
    (erreur: unknown) => Object.assign(etat, { fini: true, erreur }),
  );
  return etat;
}

describe('envoyerAvecReprise (cas cachés)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('la pause double à chaque échec', async () => {
    const { envoyer, appels } = serveur(3);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert, 5, 1000));
    await jest.advanceTimersByTimeAsync(60000);
    expect(etat.valeur).toBe('TX-OK');
    expect(appels).toEqual([0, 1000, 3000, 7000]);
  });

  test('une seule tentative : pas de reprise, ni de minuteur en attente', async () => {
    const { envoyer, appels } = serveur(1);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert, 1));
    await jest.advanceTimersByTimeAsync(0);
    expect((etat.erreur as Error).message).toBe('panne 1');
    expect(appels).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("moins d'une tentative : RangeError, sans appeler le serveur", async () => {
    const { envoyer, appels } = serveur(0);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert, 0));
    await jest.advanceTimersByTimeAsync(0);
    expect(etat.erreur).toBeInstanceOf(RangeError);
    expect(appels).toHaveLength(0);
  });
});
