import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers.ts';
import { signInStudent } from './student-helpers.ts';

// Demo students 17 (desktop) and 18 (phone).

test.describe('vocabulary review', () => {
  test('one card at a time with the keyboard: Space reveals, 1–4 rate, until done for today', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 17, 18);
    const due = page.getByTestId('vocabulary-due');
    await expect(due).toContainText(/\d+ cartes? à réviser aujourd’hui/);
    await page.getByTestId('home-vocabulary-link').click();
    await expect(page).toHaveURL(/\/etudiant\/vocabulaire$/);

    const queue = (await (await page.request.get('/api/vocabulary/queue')).json()) as { cards: unknown[] };
    const total = queue.cards.length;
    expect(total).toBeGreaterThan(1);
    await expect(page.getByTestId('review-remaining')).toHaveText(`${total} cartes restantes`);
    await expectNoHorizontalScroll(page);

    // First card with the buttons: the gloss only appears once asked for.
    await expect(page.getByTestId('card-term')).toBeVisible();
    await expect(page.getByTestId('card-gloss')).toHaveCount(0);
    await page.getByTestId('reveal-button').click();
    await expect(page.getByTestId('card-gloss')).toBeVisible();
    const firstKey = await page.getByTestId('flashcard').getAttribute('data-card');
    await page.getByTestId('rate-good').click();
    await expect(page.getByTestId('flashcard')).not.toHaveAttribute('data-card', firstKey!);
    await expect(page.getByTestId('review-remaining')).toHaveText(`${total - 1} cartes restantes`);

    // The rest with the keyboard only; the first "again" card comes back before the end.
    for (let i = 0; i < 60; i++) {
      if (await page.getByTestId('review-done').isVisible()) break;
      const card = page.getByTestId('flashcard');
      const key = await card.getAttribute('data-card');
      await expect(page.getByTestId('card-gloss')).toHaveCount(0);
      await page.keyboard.press('Space');
      await expect(page.getByTestId('card-gloss')).toBeVisible();
      await page.keyboard.press(i === 0 ? '1' : '3');
      await expect(card.or(page.getByTestId('review-done'))).not.toHaveAttribute('data-card', key!);
    }
    await expect(page.getByRole('heading', { name: 'Terminé pour aujourd’hui' })).toBeVisible();
    await expect(page.getByTestId('review-done')).toContainText('Revenez demain');

    // Home says so too.
    await page.getByTestId('nav-student-home').click();
    await expect(page.getByTestId('vocabulary-due')).toHaveText(/Aucune carte|\d+ cartes? à réviser/);
  });

  test('in English', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 17, 18);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('nav-student-vocabulary').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vocabulary review' })).toBeVisible();
    await expect(page.getByTestId('review-done').or(page.getByTestId('reveal-button'))).toBeVisible();
    await expect(
      page
        .getByRole('heading', { name: 'Done for today' })
        .or(page.getByRole('button', { name: 'Show the translation' })),
    ).toBeVisible();
  });
});
