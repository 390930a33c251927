import { expect, test } from '@playwright/test';
import { openHeaderMenu, serviceWorkerInControl } from './helpers.ts';
import { contentModule, signInStudent } from './student-helpers.ts';

// The service worker is this spec's subject: it runs here (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Demo students 7 (desktop) and 8 (phone). The installable app: its manifest, its service worker,
// and a module downloaded for offline use, then read with the network cut.
const programming = contentModule('programmation-js');

test.describe('offline', () => {
  test('the app is installable: a French manifest with its icons, and an active service worker', async ({
    page,
  }) => {
    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers()['cache-control']).toBe('no-cache');
    const body = (await manifest.json()) as { icons: Array<{ src: string; purpose: string }> };
    expect(body).toMatchObject({ name: 'Tremplin', lang: 'fr', start_url: '/', display: 'standalone' });
    expect(body.icons.map((icon) => icon.purpose)).toContain('maskable');
    for (const icon of body.icons) {
      const image = await page.request.get(icon.src);
      expect(image.headers()['content-type']).toBe('image/png');
    }

    await page.goto('/connexion');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', /manifest\.webmanifest$/);
    // Activated, it takes the page it was installed from.
    await serviceWorkerInControl(page);
  });

  test('a page still loading when the first worker activates is taken too', async ({ page, context }) => {
    await page.goto('/connexion');
    // The next page's navigation is held until the worker installed by the first one is active: the
    // worker's claim then passes it by, as it passes by any page not yet running.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/connexion?suite', async (route) => {
      await held;
      await route.continue();
    });
    const navigation = page.goto('/connexion?suite');
    await expect
      .poll(async () => {
        const [worker] = context.serviceWorkers();
        type Scope = { registration: { active: { state: string } | null } };
        return worker?.evaluate(() => (globalThis as unknown as Scope).registration.active?.state);
      })
      .toBe('activated');
    release();
    await navigation;
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
    // The page asks, and the active worker takes it.
    await serviceWorkerInControl(page);
  });

  test('a module downloaded (its size shown first) opens offline, lessons never opened included', async ({
    page,
    context,
  }, testInfo) => {
    test.slow(); // the worker precaches the app, then the module's answers are fetched one by one
    await signInStudent(page, testInfo, 7, 8);
    // The first visit installs the worker, which then takes the page.
    await serviceWorkerInControl(page);

    // The data saver, on for this device: remembered across the reload below.
    await openHeaderMenu(page);
    const saver = page.getByRole('switch', { name: 'Économie de données' });
    await saver.click();
    await expect(saver).toHaveAttribute('aria-checked', 'true');

    const card = page.getByTestId('module-card').filter({ hasText: programming.title });
    await card.getByTestId('module-link').click();
    await expect(page.getByRole('heading', { level: 1, name: programming.title })).toBeVisible();

    await page.getByRole('button', { name: 'Télécharger pour hors ligne' }).click();
    await expect(page.getByTestId('offline-size')).toHaveText(
      /Taille à télécharger\u202f: [\d,]+\u00a0?\s?(o|Ko|Mo)\s+\(\d+ leçons et exercices\)/,
    );
    await page.getByTestId('offline-confirm').click();
    await expect(page.getByTestId('offline-available')).toHaveText(/Disponible hors ligne/);

    // The network goes: the page reloads from the service worker, the module is still marked.
    await context.setOffline(true);
    // Cut for the page and for the worker's own fetches: a read never stored fails.
    const reachable = await page.evaluate(
      (urls) =>
        Promise.all(
          urls.map((url) =>
            fetch(url).then(
              () => true,
              () => false,
            ),
          ),
        ),
      ['/api/health', '/api/exercises/00000000-0000-4000-8000-000000000000'],
    );
    expect(reachable).toEqual([false, false]);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: programming.title })).toBeVisible();
    await expect(page.getByTestId('offline-available')).toBeVisible();
    await openHeaderMenu(page);
    await expect(saver).toHaveAttribute('aria-checked', 'true');

    // Every lesson opens, though none was opened online: the download stored them.
    const lessons = page.getByTestId('module-lesson');
    await expect(lessons).toHaveCount(programming.lessons.length);
    const last = programming.lessons.at(-1)!;
    await lessons.last().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: last.title })).toBeVisible();
    await expect(page.getByTestId('lesson-body')).not.toBeEmpty();

    // And back home, through the app's own navigation.
    await page.getByTestId('brand').click();
    await expect(page.getByTestId('module-card').filter({ hasText: programming.title })).toBeVisible();

    await context.setOffline(false);
  });
});
