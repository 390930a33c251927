import { expect, test } from '@playwright/test';
import { demo, expectAccessible, expectNoHorizontalScroll, openProgressGrid, signIn } from './helpers.ts';
import { signInStudent } from './student-helpers.ts';

// The header on every page: on a phone, its less frequent tools (data saving, signing out) are
// behind « Menu » so that a page starts on its first screen; a wider screen shows them in the bar.
// Demo students 11 (desktop) and 12 (phone), only read.

test.describe('the header', () => {
  test('a phone keeps data saving and signing out behind « Menu », and a page starts on its first screen', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);
    const toggle = page.getByTestId('header-menu-toggle');
    const signOut = page.getByRole('button', { name: 'Se déconnecter' });
    const saver = page.getByRole('switch', { name: 'Économie de données' });
    // The language and the notifications stay one touch away on every screen.
    await expect(page.getByTestId('lang-switch')).toBeVisible();
    await expect(page.getByRole('button', { name: /Notifications/ })).toBeVisible();

    if (testInfo.project.name !== 'phone') {
      await expect(toggle).toBeHidden();
      await expect(signOut).toBeVisible();
      await expect(saver).toBeVisible();
      return;
    }

    await expect(toggle).toHaveAccessibleName('Menu');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(signOut).toBeHidden();
    await expect(saver).toBeHidden();
    // The student's three places fit one row.
    for (const id of ['nav-student-home', 'nav-student-vocabulary', 'nav-student-progress']) {
      await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
    }

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(signOut).toBeVisible();
    await expect(saver).toBeVisible();
    await expectAccessible(page, 'the header with its menu open');
    await expectNoHorizontalScroll(page);
    // Escape from inside the menu closes it and gives the focus back to « Menu ».
    await saver.focus();
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(signOut).toBeHidden();
    await expect(toggle).toBeFocused();

    // Open, then a link followed: the next page starts with the menu closed.
    await toggle.click();
    await expect(signOut).toBeVisible();
    await page.getByTestId('nav-student-progress').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ma progression' })).toBeVisible();
    await expect(signOut).toBeHidden();

    // A module's page: its title is on the first screen of a 740-pixel-high phone.
    await page.getByTestId('nav-student-home').click();
    await page.getByTestId('module-card').first().getByTestId('module-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport({ ratio: 1 });
  });

  test('a tutor who is also a learner sees the student’s places in the student’s space only, the current one marked', async ({
    page,
  }) => {
    await signIn(page, demo.tutor1);
    await expect(page).toHaveURL(/\/tuteur$/);
    await expect(page.getByTestId('role-nav')).toBeVisible();
    await expect(page.getByTestId('nav-tutor')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('student-nav')).toHaveCount(0);
    // Their learner's sync status has nothing to tell here: it waits for the student's space.
    await expect(page.getByTestId('sync-status')).toHaveCount(0);
    // A page inside the tutor's space marks the space.
    await openProgressGrid(page, 'Groupe Lomé 1');
    await expect(page.getByTestId('nav-tutor')).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('nav-student')).not.toHaveAttribute('aria-current');

    await page.getByTestId('nav-student').click();
    await expect(page).toHaveURL(/\/etudiant$/);
    await expect(page.getByTestId('student-nav')).toBeVisible();
    await expect(page.getByTestId('sync-status')).toBeVisible();
    await expect(page.getByTestId('nav-student-progress')).toHaveText('Progression');
    await expect(page.getByTestId('nav-student-home')).toHaveAttribute('aria-current', 'page');
    // A module's page is under « Modules ».
    await page.getByTestId('module-card').first().getByTestId('module-link').click();
    await expect(page.getByTestId('module-page')).toBeVisible();
    await expect(page.getByTestId('nav-student-home')).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('nav-student-progress')).not.toHaveAttribute('aria-current');
  });
});
