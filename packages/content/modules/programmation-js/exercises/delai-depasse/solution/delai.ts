export class DelaiDepasse extends Error {
  constructor(ms: number) {
    super(`Pas de réponse après ${ms} ms`);
    this.name = 'DelaiDepasse';
  }
}

export function avecDelai<T>(promesse: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const minuteur = setTimeout(() => reject(new DelaiDepasse(ms)), ms);
    promesse.then(
      (valeur) => {
        clearTimeout(minuteur);
        resolve(valeur);
      },
      (erreur: unknown) => {
        clearTimeout(minuteur);
        reject(erreur);
      },
    );
  });
}
