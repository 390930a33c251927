export function compterSi<T>(elements: T[], condition: (element: T) => boolean): number {
  let total = 0;
  for (const element of elements) {
    // À corriger : ce test compte les éléments pour lesquels condition renvoie false.
    if (!condition(element)) {
      total += 1;
    }
  }
  return total;
}
