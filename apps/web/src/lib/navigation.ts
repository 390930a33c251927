/**
 * What a menu's link is to the page shown, for `aria-current`: `'page'` when it is that page,
 * `'true'` when the page is inside its section (a group's grid under the tutor's space), else
 * undefined. `exact`: a link whose sub-pages belong to other links of the menu.
 */
export function currentOf(pathname: string, href: string, exact = false): 'page' | 'true' | undefined {
  if (pathname === href) return 'page';
  return !exact && pathname.startsWith(`${href}/`) ? 'true' : undefined;
}
