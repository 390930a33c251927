import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'tremplin-demo';

export const demo = {
  student: (n: number) => `etudiant${n}@tremplin.test`,
  tutor1: 'tuteur1@tremplin.test',
  tutor2: 'tuteur2@tremplin.test',
};

/**
 * Both projects (desktop, phone) run against the same server and database: tests that change an
 * account (failed attempts, saved language) use a different student per project.
 */
export function studentFor(testInfo: TestInfo, desktop: number, phone: number): string {
  return demo.student(testInfo.project.name === 'phone' ? phone : desktop);
}

/** Signs in through the French login form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/connexion')) await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Waits until the service worker, activated, controls the page (as for a returning visitor). */
export async function serviceWorkerInControl(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
      timeout: 30_000,
    });
  } catch (error) {
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        registration: registration !== undefined,
        installing: registration?.installing?.state ?? null,
        waiting: registration?.waiting?.state ?? null,
        active: registration?.active?.state ?? null,
        controller: navigator.serviceWorker.controller?.state ?? null,
        readyState: document.readyState,
      };
    });
    throw new Error(`the service worker never controlled the page: ${JSON.stringify(state)}`, {
      cause: error,
    });
  }
}

/**
 * Opens the header's menu where it has one (a phone: data saving and signing out are behind it;
 * wider screens show them in the bar).
 */
export async function openHeaderMenu(page: Page): Promise<void> {
  const toggle = page.getByTestId('header-menu-toggle');
  await expect(page.getByTestId('app-header')).toBeVisible();
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  await expect(page.getByTestId('logout-button')).toBeVisible();
}

/** From the list of groups (the tutor's home, the coordination's), a group's progress grid. */
export async function openProgressGrid(page: Page, group: string): Promise<void> {
  await page
    .getByTestId('group-item')
    .filter({ hasText: group })
    .getByRole('link', { name: 'Grille de progression' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grille de progression' })).toBeVisible();
}

/**
 * Every visible field to type into or choose from is at least 44 pixels high (a finger's target,
 * WCAG 2.5.5), whatever its type or lack of one. Radios, checkboxes, ranges and files are left out.
 */
export async function expectTouchSizedFields(page: Page): Promise<void> {
  const small = await page
    .locator(
      'input:not([type=radio]):not([type=checkbox]):not([type=range]):not([type=file]):not([type=hidden]), select',
    )
    .evaluateAll((fields) =>
      fields
        .filter((f) => f.getClientRects().length > 0 && !f.closest('.cloze'))
        .filter((f) => f.getBoundingClientRect().height < 43.5)
        .map(
          (f) =>
            `${f.tagName.toLowerCase()}#${f.id || '?'} ${f.getBoundingClientRect().height.toFixed(0)} px`,
        ),
    );
  expect(small).toEqual([]);
}

/** The signed-in user as the API sees them (shares the page's cookies). */
export async function currentUser(
  page: Page,
): Promise<{ displayName: string; locale: string; roles: string[] }> {
  const response = await page.request.get('/api/me');
  expect(response.status()).toBe(200);
  return response.json();
}

/** Nothing wider than the viewport: no sideways scrolling on a 360 px phone. */
/** The page as it stands passes axe's WCAG 2.1 A and AA rules; `where` names it in the failure. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = violations.map(
    (v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth))
    .toBeLessThanOrEqual(0);
}

/** Signs a tutor in and opens the cockpit of one of their groups, live. */
export async function openCockpit(tutor: Page, email = demo.tutor1, group = 'Groupe Lomé 1'): Promise<void> {
  await signIn(tutor, email);
  await expect(tutor).toHaveURL(/\/tuteur$/);
  await tutor.getByTestId('group-item').filter({ hasText: group }).getByRole('link').first().click();
  await expect(tutor.getByTestId('cockpit-heading')).toHaveText(group);
  await expect(tutor.getByTestId('live-status')).toHaveAttribute('data-status', 'online');
}

/** The API as a demo account, in a browser context of its own (close it when done). */
export async function apiAs(
  browser: Browser,
  email: string,
): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const response = await context.request.post('/api/auth/login', {
    data: { email, password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in of ${email}`).toBe(200);
  return { request: context.request, close: () => context.close() };
}
