import { expect, test, type APIRequestContext, type Browser, type TestInfo } from '@playwright/test';
import {
  apiAs,
  demo,
  expectAccessible,
  expectNoHorizontalScroll,
  expectTouchSizedFields,
  openHeaderMenu,
  signIn,
} from './helpers.ts';

/**
 * The demo grader takes the similarity flag between two demo students of Kara on
 * `serie-de-victoires`, compares both codes with their matching regions, changes the score with a
 * comment; the tutor sees it live, and the learner sees the new score, the comment and a notification.
 * Desktop and phone share the server's database: each project has its own pair of students, and no
 * test asserts an absolute count.
 */

const GRADER = 'correcteur@tremplin.test';
const EXERCISE = 'serie-de-victoires';

interface Flagged {
  flagId: string;
  learnerEmail: string;
  learnerName: string;
  learnerId: string;
}

async function whoAmI(request: APIRequestContext): Promise<{ id: string; displayName: string }> {
  return (await (await request.get('/api/me')).json()) as { id: string; displayName: string };
}

/**
 * The similarity flag of this project's pair: the demo queues their submissions at its first start
 * (a learner's own code and a disguised copy of it) and the grading worker flags the copy.
 */
async function flagToReview(browser: Browser, testInfo: TestInfo): Promise<Flagged> {
  const phone = testInfo.project.name === 'phone';
  const pair = await Promise.all(
    (phone ? [27, 28] : [25, 26]).map(async (n) => {
      const session = await apiAs(browser, demo.student(n));
      const me = await whoAmI(session.request);
      await session.close();
      return { email: demo.student(n), name: me.displayName, id: me.id };
    }),
  );
  const grader = await apiAs(browser, GRADER);
  try {
    let found: { id: string; learner: { id: string } } | undefined;
    await expect
      .poll(
        async () => {
          const queue = await grader.request.get(
            `/api/reviews?source=similarity&exercise=${EXERCISE}&limit=200`,
          );
          const { items } = (await queue.json()) as { items: { id: string; learner: { id: string } }[] };
          found = items.find((item) => pair.some((l) => l.id === item.learner.id));
          return found !== undefined;
        },
        { timeout: 60_000, message: 'the demo pair is graded and flagged' },
      )
      .toBe(true);
    const learner = pair.find((l) => l.id === found!.learner.id)!;
    return {
      flagId: found!.id,
      learnerEmail: learner.email,
      learnerName: learner.name,
      learnerId: learner.id,
    };
  } finally {
    await grader.close();
  }
}

test('the grader overrides a flagged score with a comment, and the learner sees it and is notified', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const flag = await flagToReview(browser, testInfo);
  const comment = `Relecture ${testInfo.project.name} : la série repart de zéro après une défaite, ${Date.now()}.`;

  // The learner's tutor watches their page: the decision shows there live.
  const tutorContext = await browser.newContext();
  const tutor = await tutorContext.newPage();
  await signIn(tutor, demo.tutor2);
  await expect(tutor).toHaveURL(/\/tuteur$/);
  await tutor.goto(`/tuteur/apprenants/${flag.learnerId}`);
  await expect(tutor.getByTestId('learner-submission').first()).toBeVisible();
  await expect(tutor.getByTestId('live-status')).toHaveAttribute('data-status', 'online');

  // The queue, filtered by reason.
  await signIn(page, GRADER);
  await expect(page).toHaveURL(/\/correcteur$/);
  const queue = page.getByTestId('review-queue');
  await expect(queue.getByTestId('review-counts')).toBeVisible();
  await expectTouchSizedFields(page);
  await queue.getByTestId('review-filter-source').selectOption('similarity');
  await queue.getByTestId('review-filter-apply').click();
  const item = queue.locator(`[data-testid="review-item"][data-flag-id="${flag.flagId}"]`);
  await expect(item).toBeVisible();
  await expect(queue.getByTestId('review-item').first()).toHaveAttribute('data-source', 'similarity');
  await expect(item).toContainText(flag.learnerName);
  await expectAccessible(page, 'review queue');
  await expectNoHorizontalScroll(page);

  // Claim: the review page opens, the claim is mine.
  await item.getByTestId('review-claim').click();
  await expect(page).toHaveURL(new RegExp(`/correcteur/${flag.flagId}$`));
  await expect(page.getByTestId('review-claim-status')).toHaveAttribute('data-mine', 'true');
  await expect(page.getByTestId('review-claim-status')).toContainText('Vous traitez ce signalement jusqu’à');
  await expect(page.getByTestId('code-left')).toContainText('plusLongueSerie');
  // Both codes side by side (stacked on a phone), the matching regions highlighted on both.
  await expect(page.getByTestId('code-right')).toContainText('plusLongueSerie');
  await expect(page.getByTestId('code-left').getByTestId('region-line').first()).toBeVisible();
  await expect(page.getByTestId('code-right').getByTestId('region-line').first()).toBeVisible();
  await expect(page.getByTestId('history-right')).toBeVisible();
  await expect(page.getByTestId('review-tests')).toBeVisible();
  await expectAccessible(page, 'review page');
  await expectNoHorizontalScroll(page);

  // Override: without a comment it is refused in French; with one it is recorded.
  const form = page.getByTestId('decision-form');
  await form.getByTestId('decision-overridden').check();
  await form.getByTestId('decision-percent').fill('85');
  await form.getByTestId('decision-submit').click();
  await expect(form.getByTestId('decision-error')).toHaveText(
    'Un commentaire est obligatoire pour cette décision.',
  );
  await form.getByTestId('decision-comment').fill(comment);
  await form.getByTestId('decision-submit').click();
  await expect(page).toHaveURL(/\/correcteur$/);
  await expect(page.getByTestId('review-done')).toContainText('Note modifiée');

  await expect(
    tutor.getByTestId('learner-submission').getByTestId('review-outcome').filter({ hasText: comment }),
  ).toBeVisible();
  await tutorContext.close();

  // The learner: the new score and the comment in the history, and a notification.
  await openHeaderMenu(page);
  await page.getByTestId('logout-button').click();
  await expect(page).toHaveURL(/\/connexion/);
  await signIn(page, flag.learnerEmail);
  await expect(page).toHaveURL(/\/etudiant$/);
  const unread = page.getByTestId('grade-notifications-unread');
  await expect(unread).toBeVisible();
  await page.getByTestId('grade-notifications-toggle').click();
  const notification = page.getByTestId('grade-notification').filter({ hasText: comment }).first();
  await expect(notification).toBeVisible();
  await notification.getByRole('link').click();
  await expect(page).toHaveURL(/\/etudiant\/exercices\//);
  const outcome = page
    .getByTestId('submission-history')
    .getByTestId('review-outcome')
    .filter({ hasText: comment });
  await expect(outcome).toBeVisible();
  await expect(outcome).toHaveAttribute('data-decision', 'overridden');
  await expect(outcome.getByTestId('review-outcome-score')).toContainText('→');
  // Checked with the plain editor: Monaco's own line numbers are not ours to fix.
  await page.goto(`${new URL(page.url()).pathname}?editeur=simple`);
  await expect(page.getByTestId('review-outcome').filter({ hasText: comment })).toBeVisible();
  await expectAccessible(page, 'learner exercise page with a review');
  await expectNoHorizontalScroll(page);
});
