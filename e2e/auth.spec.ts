import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  currentUser,
  demo,
  expectNoHorizontalScroll,
  openHeaderMenu,
  signIn,
  studentFor,
} from './helpers.ts';

test.describe('sign-in (French UI)', () => {
  test('a student signs in and reaches their home with their name and group', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await expectNoHorizontalScroll(page);

    await signIn(page, demo.student(1));

    await expect(page).toHaveURL(/\/etudiant$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Espace étudiant' })).toBeVisible();
    const me = await currentUser(page);
    await expect(page.getByTestId('welcome')).toContainText(me.displayName);
    await expect(page.getByTestId('student-group')).toContainText('Groupe Lomé 1');
    await expectNoHorizontalScroll(page);
  });

  test('a tutor signs in and sees their group', async ({ page }) => {
    await signIn(page, demo.tutor1);

    await expect(page).toHaveURL(/\/tuteur$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Espace tuteur' })).toBeVisible();
    const me = await currentUser(page);
    await expect(page.getByTestId('welcome')).toContainText(me.displayName);
    const groups = page.getByTestId('group-item');
    await expect(groups.filter({ hasText: 'Groupe Lomé 1' })).toHaveCount(1);
    await expect(groups.filter({ hasText: 'Groupe Kara 1' })).toHaveCount(0);
    await expect(groups.first()).toContainText('17 apprenants');
    await expectNoHorizontalScroll(page);
  });

  test('a « Démonstration » banner says the demo accounts are public, signed out and signed in', async ({
    page,
  }) => {
    await page.goto('/connexion');
    const banner = page.getByTestId('demo-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Démonstration');
    await expect(banner).toContainText('sont publics');

    await signIn(page, demo.student(2));
    await expect(page).toHaveURL(/\/etudiant$/);
    await expect(banner).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test("a wrong password shows the API's French message", async ({ page }, testInfo) => {
    await page.goto('/connexion');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await signIn(page, studentFor(testInfo, 30, 31), 'pas-le-bon-mot-de-passe');
    const response = await answer;

    expect(response.status()).toBe(401);
    expect(response.request().headers()['accept-language']).toBe('fr');
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('TREMPLIN_ERR_INVALID_CREDENTIALS');

    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(body.message);
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
  });

  test('empty fields are reported in French without calling the API', async ({ page }) => {
    await page.goto('/connexion');
    let calls = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/auth/login')) calls++;
    });
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('Saisissez votre adresse e-mail.')).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toBeFocused();
    await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toBe(0);
  });

  test('the form works with the keyboard only', async ({ page }) => {
    await page.goto('/connexion');
    const email = page.getByLabel('Adresse e-mail');
    // Tab from the top of the page until the e-mail field has focus (language buttons come first).
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await email.evaluate((el) => el === el.ownerDocument.activeElement)) break;
    }
    await expect(email).toBeFocused();
    await page.keyboard.type(demo.student(2));
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/etudiant$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Espace étudiant' })).toBeVisible();
  });

  test('the address of the platform itself opens the login page, then the home of the role', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/connexion/);
    await signIn(page, demo.tutor2);
    await expect(page).toHaveURL(/\/tuteur$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/tuteur$/);
  });

  test('a signed-out visitor is sent to the login page, then back where they were going', async ({
    page,
  }) => {
    await page.goto('/tuteur');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Ftuteur$/);

    await signIn(page, demo.tutor2);
    await expect(page).toHaveURL(/\/tuteur$/);
    await expect(page.getByTestId('group-item').filter({ hasText: 'Groupe Kara 1' })).toHaveCount(1);
  });

  test('a student cannot enter the tutor space', async ({ page }) => {
    await signIn(page, demo.student(3));
    await expect(page).toHaveURL(/\/etudiant$/);

    await page.goto('/tuteur');
    await expect(page.getByRole('heading', { level: 1, name: 'Accès non autorisé' })).toBeVisible();
    await expect(page.getByTestId('group-list')).toHaveCount(0);
    await page.getByRole('link', { name: 'Retour à mon espace' }).click();
    await expect(page).toHaveURL(/\/etudiant$/);
  });

  test('signing out returns to the login page and ends the session', async ({ page }) => {
    await signIn(page, demo.student(4));
    await expect(page).toHaveURL(/\/etudiant$/);

    await openHeaderMenu(page);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.goto('/etudiant');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fetudiant$/);
  });
});

test.describe('language', () => {
  test('switching to English changes the form at once and is remembered', async ({ page }) => {
    await page.goto('/connexion');
    await expect(page.getByLabel('Adresse e-mail')).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toHaveCount(0);

    await page.reload();
    await expect(page.getByLabel('Email address')).toBeVisible();

    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByLabel('Adresse e-mail')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('a language chosen before signing in is kept and saved to the account', async ({ page }, testInfo) => {
    const email = studentFor(testInfo, 32, 33);
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/etudiant$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Student space' })).toBeVisible();
    await expect.poll(async () => (await currentUser(page)).locale).toBe('en');

    // Another device (no stored choice, French browser): the account's language wins after sign-in.
    await openHeaderMenu(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByLabel('Adresse e-mail')).toBeVisible();
    await signIn(page, email);
    await expect(page.getByRole('heading', { level: 1, name: 'Student space' })).toBeVisible();

    // Back to French, saved too.
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Espace étudiant' })).toBeVisible();
    await expect.poll(async () => (await currentUser(page)).locale).toBe('fr');
  });

  test.describe('with an English browser', () => {
    test.use({ locale: 'en-GB' });

    test('the login page starts in English', async ({ page }) => {
      await page.goto('/connexion');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByLabel('Email address')).toBeVisible();
    });
  });
});
