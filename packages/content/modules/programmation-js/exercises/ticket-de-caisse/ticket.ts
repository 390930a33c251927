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
  // À compléter : une ligne par article, le nombre d'articles et le total arrondi au centime.
  return { lignes: [], articles: articles.length, total: 0 };
}
