export function somme(nombres) {
  let total = 0;
  for (const nombre of nombres) {
    total = total + nombre;
  }
  return total;
}
