import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { envoyerAvecReprise, type Transfert } from './envoi';

const transfert: Transfert = { vers: '+228 90 12 34 56', montant: 15000 };

/** Une promesse rejetée, déjà marquée comme traitée : elle reste rejetée pour qui l'attend. */
function echec(erreur: Error): Promise<string> {
  const promesse = Promise.reject(erreur);
  promesse.catch(() => {});
  return promesse;
}

/** Un serveur simulé qui échoue `pannes` fois, puis répond ; il note l'heure de chaque appel. */
function serveur(pannes: number) {
  const appels: number[] = [];
  const envoyer = (t: Transfert) => {
    appels.push(Date.now());
    if (appels.length <= pannes) return echec(new Error(`Réseau indisponible (${appels.length})`));
    return Promise.resolve(`TX-${t.montant}-${appels.length}`);
  };
  return { envoyer, appels };
}

/** Suit une promesse dès maintenant : son état se lit ensuite sans l'attendre. */
function suivre<T>(promesse: Promise<T>) {
  const etat: { fini: boolean; valeur?: T; erreur?: unknown } = { fini: false };
  promesse.then(
    (valeur) => Object.assign(etat, { fini: true, valeur }),
    (erreur: unknown) => Object.assign(etat, { fini: true, erreur }),
  );
  return etat;
}

describe('envoyerAvecReprise', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('réussit du premier coup, sans attendre', async () => {
    const { envoyer, appels } = serveur(0);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert));
    await jest.advanceTimersByTimeAsync(0);
    expect(etat).toEqual({ fini: true, valeur: 'TX-15000-1' });
    expect(appels).toEqual([0]);
  });

  test('après une panne, réessaie au bout de 2 secondes', async () => {
    const { envoyer, appels } = serveur(1);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert));
    await jest.advanceTimersByTimeAsync(1999);
    expect(appels).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(etat.valeur).toBe('TX-15000-2');
    expect(appels).toEqual([0, 2000]);
  });

  test("abandonne après 3 tentatives, avec l'erreur du dernier appel", async () => {
    const { envoyer, appels } = serveur(10);
    const etat = suivre(envoyerAvecReprise(envoyer, transfert));
    await jest.advanceTimersByTimeAsync(60000);
    expect((etat.erreur as Error).message).toBe('Réseau indisponible (3)');
    expect(appels).toEqual([0, 2000, 6000]);
  });
});
