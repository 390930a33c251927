import { expect, test } from '@playwright/test';
import { demo, expectNoHorizontalScroll, signIn } from './helpers.ts';

// The tutor's progress grid and learner page (tuteur1, Groupe Lomé 1).

test.describe('tutor pages', () => {
  test('progress grid, then a learner page with history and notes', async ({ page }, testInfo) => {
    await signIn(page, demo.tutor1);
    await expect(page).toHaveURL(/\/tuteur$/);
    const group = page.getByTestId('group-item').filter({ hasText: 'Groupe Lomé 1' });
    await group.getByRole('link', { name: 'Grille de progression' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Grille de progression' })).toBeVisible();
    await expect(page.getByTestId('progress-row')).toHaveCount(17);
    await expect(page.getByTestId('progress-csv')).toHaveAttribute(
      'href',
      /\/progress\.csv\?module=[a-z0-9-]+$/,
    );
    await expect(page.getByRole('region').getByRole('table')).toBeVisible();
    await expectNoHorizontalScroll(page);

    await page.getByTestId('progress-row').first().getByRole('link').first().click();
    await expect(page.getByTestId('learner-page')).toBeVisible();
    await expect(page.getByTestId('learner-tile')).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'online');

    const note = `Suivi ${testInfo.project.name}`;
    await page.getByTestId('note-body').fill(note);
    await page.getByTestId('note-save').click();
    await expect(page.getByTestId('note-status')).toHaveText('Note enregistrée.');
    await page.reload();
    await expect(page.getByTestId('note-body')).toHaveValue(note);
    await expectNoHorizontalScroll(page);
  });
});
