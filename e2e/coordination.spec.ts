import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, openProgressGrid, signIn, studentFor } from './helpers.ts';

// The coordination sees every group and opens its dashboards read-only.

test.describe('coordination', () => {
  test('opens any group’s live cockpit and progress grid, read-only', async ({ page }) => {
    await signIn(page, 'coordination@tremplin.test');
    await expect(page).toHaveURL(/\/coordination$/);
    // Every group of the programme, the tutors' training group included.
    for (const name of ['Groupe Lomé 1', 'Groupe Kara 1', 'Formateurs Lomé-Kara'])
      await expect(page.getByTestId('group-item').filter({ hasText: name })).toHaveCount(1);

    const kara = page.getByTestId('group-item').filter({ hasText: 'Groupe Kara 1' });
    await kara.getByTestId('group-dashboard-link').click();
    await expect(page.getByTestId('cockpit-heading')).toHaveText('Groupe Kara 1');
    await expect(page.getByTestId('read-only')).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'online');
    await expect(page.getByTestId('learner-tile').first()).toBeVisible();
    // Watching only: nothing to send, take or resolve.
    await expect(page.getByTestId('message-send')).toHaveCount(0);
    await expect(page.getByTestId('help-take')).toHaveCount(0);
    await expectNoHorizontalScroll(page);

    await page.goBack();
    await openProgressGrid(page, 'Groupe Lomé 1');
    await expect(page.getByTestId('progress-row')).toHaveCount(17);
    await expectNoHorizontalScroll(page);

    // A learner's page: their history and the tutor's notes, without the tutor's forms.
    await page.getByTestId('progress-row').first().getByRole('link').first().click();
    await expect(page.getByTestId('learner-page')).toBeVisible();
    await expect(page.getByTestId('learner-tile')).toBeVisible();
    await expect(page.getByTestId('read-only')).toBeVisible();
    await expect(page.getByTestId('note-body')).toHaveCount(0);
    await expect(page.getByTestId('message-send')).toHaveCount(0);
  });

  test('looks up the failed sign-ins of an account, with the keyboard alone', async ({ page }, testInfo) => {
    const student = studentFor(testInfo, 28, 29);
    const failed = await page.request.post('/api/auth/login', {
      data: { email: student, password: 'pas-le-bon-mot-de-passe' },
    });
    expect(failed.status()).toBe(401);

    await signIn(page, 'coordination@tremplin.test');
    await expect(page).toHaveURL(/\/coordination$/);
    const lookup = page.getByTestId('sign-in-failures');
    await lookup.getByLabel('Adresse e-mail du compte').fill(student);
    await page.keyboard.press('Enter');
    const row = lookup.getByTestId('sign-in-failure');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1 échec');
    await expect(row).toContainText('dès maintenant');
    await expectNoHorizontalScroll(page);

    await lookup.getByLabel('Adresse e-mail du compte').fill('coordination@tremplin.test');
    await page.keyboard.press('Enter');
    await expect(lookup.getByTestId('sign-in-failures-none')).toBeVisible();
  });
});
