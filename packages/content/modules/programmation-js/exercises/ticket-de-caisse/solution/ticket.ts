export interface Article {
  nom: string;
  prix: number;
  quantite: number;
}

export interface Ticket {
  lignes: string[];
  articles: number;
  total: number;
}

export function ticket(articles: Article[]): Ticket {
  let total = 0;
  let nombre = 0;
  const lignes = articles.map(({ nom, prix, quantite }) => {
    total += prix * quantite;
    nombre += quantite;
    return `${quantite} × ${nom} : ${(prix * quantite).toFixed(2)} €`;
  });
  return { lignes, articles: nombre, total: Math.round(total * 100) / 100 };
}
