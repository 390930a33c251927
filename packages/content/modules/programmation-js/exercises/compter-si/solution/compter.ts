export function compterSi<T>(elements: T[], condition: (element: T) => boolean): number {
  let total = 0;
  for (const element of elements) {
    if (condition(element)) {
      total += 1;
    }
  }
  return total;
}
