import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers.ts';
import { contentModule, openExercise, signInStudent } from './student-helpers.ts';

// Demo students 19 (desktop) and 20 (phone).

test.describe('help and progress', () => {
  test('"Ask for help" on an exercise notifies the tutor', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 19, 20);
    const id = await openExercise(page, 'ia-fondamentaux', 'calculer-exactitude');
    const sent = page.waitForResponse(
      (r) => r.url().endsWith(`/api/exercises/${id}/help-requests`) && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Demander de l’aide' }).click();
    const dialog = page.getByTestId('help-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Votre message (facultatif)').fill('Je ne comprends pas la division.');
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    expect((await sent).status()).toBe(201);
    await expect(dialog.getByTestId('help-confirmation')).toHaveText('Votre tuteur a été prévenu.');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Demander de l’aide' })).toBeFocused();

    // In English, without a message.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Ask for help' }).click();
    await page.getByTestId('help-dialog').getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('help-confirmation')).toHaveText('Your tutor has been notified.');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-dialog')).toBeHidden();
  });

  test('progress: modules, activity chart and every exercise, after some work', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 19, 20);
    // Some activity: one answer to a choice exercise.
    await openExercise(page, 'programmation-js', 'const-ou-let');
    await page.getByTestId('choice-option').first().check();
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('answer-feedback')).toBeVisible();

    await page.getByTestId('nav-student-progress').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ma progression' })).toBeVisible();
    await expect(page.getByTestId('progress-module')).toHaveCount(3);
    const exercises = ['programmation-js', 'ia-fondamentaux', 'anglais-technique'].flatMap(
      (slug) => contentModule(slug).exercises,
    );
    await expect(page.getByTestId('progress-exercise')).toHaveCount(exercises.length);
    const row = page.getByTestId('progress-exercise').filter({ hasText: 'const ou let' });
    await expect(row.getByTestId('progress-attempts')).toHaveText('1');
    await expect(row.getByTestId('progress-best')).not.toHaveText('—');

    // The chart: 8 weekly bars, this week's activity counted, summarised in text.
    await expect(page.getByTestId('activity-bar')).toHaveCount(8);
    await expect(page.getByTestId('activity-bar').last()).not.toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('activity-summary')).toContainText('en 8 semaines');
    await expect(page.getByRole('img', { name: /Activité par semaine/ })).toBeVisible();

    // The table scrolls inside its box on a phone; the page itself does not.
    await expectNoHorizontalScroll(page);

    // Recent feedback on the home page.
    await page.getByTestId('nav-student-home').click();
    await expect(page.getByTestId('recent-item').filter({ hasText: 'const ou let' })).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('home-progress-link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'My progress' })).toBeVisible();
    await expect(page.getByTestId('activity-summary')).toContainText('in 8 weeks');
  });
});
