import { expect, test, type Page } from '@playwright/test';
import { serviceWorkerInControl } from './helpers.ts';
import { contentExercise, isPhone, openExercise, signInStudent, typeCode } from './student-helpers.ts';

// The service worker is this spec's subject: it runs here (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Demo students 9 (desktop) and 10 (phone). Work made offline waits on the device (« En attente »)
// and is sent once the link returns: each submission once, graded, nothing lost.
const ENGLISH = 'anglais-technique';
// This run's own text: a rerun starts from the draft the previous one kept.
const RIGHT = `export function somme(nombres) { let total = 0; for (const n of nombres) { total += n; } return total; } // ${Date.now()}`;

type Option = { text: string; correct: boolean };
interface Listed {
  submissions: Array<{ id: string; status: string; score: number | null; madeOfflineAt?: string }>;
}

/** Checks the right options of a choice exercise (radio or checkboxes). */
async function answerChoice(page: Page, slug: string) {
  const { spec } = contentExercise<{ options: Option[]; multiple?: boolean }>(ENGLISH, slug);
  const role = spec.multiple ? 'checkbox' : 'radio';
  for (const option of spec.options.filter((o) => o.correct))
    await page.getByRole(role, { name: option.text }).check();
}

async function submissionsOf(page: Page, exerciseId: string): Promise<Listed['submissions']> {
  const response = await page.request.get(`/api/exercises/${exerciseId}/submissions`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as Listed).submissions;
}

async function expectWaiting(page: Page) {
  const status = page.getByTestId('submission-status');
  await expect(status).toContainText('En attente');
  await expect(status).toContainText('Elle sera envoyée au retour du réseau.');
}

test.describe('offline work', () => {
  test('@desktop answers, a draft and code made offline wait, then are sent once each and graded', async ({
    page,
    context,
  }, testInfo) => {
    test.slow(); // three pages, three gradings
    const phone = isPhone(testInfo);
    await signInStudent(page, testInfo, 9, 10);
    // The pages are opened while online (each tab of a lab computer); then the link goes.
    const english = [page, await context.newPage()];
    const code = await context.newPage();
    const ids = [
      await openExercise(english[0]!, ENGLISH, 'faux-amis'),
      await openExercise(english[1]!, ENGLISH, 'lire-un-readme'),
    ];
    const codeId = await openExercise(code, 'programmation-js', 'somme');
    const before = await Promise.all([...ids, codeId].map((id) => submissionsOf(page, id)));

    await context.setOffline(true);
    await expect(code.getByTestId('sync-status')).toHaveText(/Hors ligne/);
    await answerChoice(english[0]!, 'faux-amis');
    await english[0]!.getByTestId('submit-button').click();
    await expectWaiting(english[0]!);
    await answerChoice(english[1]!, 'lire-un-readme');
    await english[1]!.getByTestId('submit-button').click();
    await expectWaiting(english[1]!);

    await typeCode(code, phone, RIGHT);
    await expect(code.getByTestId('draft-status')).toHaveText(
      'Enregistré sur cet appareil (envoyé au retour du réseau)',
    );
    await code.getByTestId('submit-button').click();
    await expectWaiting(code);
    await expect(code.getByTestId('sync-waiting')).toHaveText('3 envois en attente');

    // The link returns: everything goes, in order, and each page shows its grade.
    await context.setOffline(false);
    for (const p of english) {
      await expect(p.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
      await expect(p.getByTestId('submission-score')).toBeVisible();
    }
    await expect(code.getByTestId('submission-tests')).toHaveAttribute('data-status', 'pass');
    await expect(code.getByTestId('draft-status')).toHaveText('Enregistré');
    await expect(code.getByTestId('sync-status')).toHaveText(/Dernière synchronisation/);
    await expect(code.getByTestId('sync-waiting')).toHaveCount(0);

    // Through the API: exactly one new submission per exercise, graded, made offline; the draft kept.
    const after = await Promise.all([...ids, codeId].map((id) => submissionsOf(page, id)));
    for (const [i, list] of after.entries()) {
      expect(list).toHaveLength(before[i]!.length + 1);
      expect(list[0]).toMatchObject({ status: 'graded' });
      expect(list[0]!.madeOfflineAt).toBeTruthy();
    }
    const exercise = (await (await page.request.get(`/api/exercises/${codeId}`)).json()) as {
      draft: { code: string };
    };
    expect(exercise.draft.code).toBe(RIGHT);
    // The history says when it was made.
    await expect(code.getByTestId('history-item').first().getByTestId('history-offline')).toContainText(
      'faite hors ligne à',
    );
  });

  test('a submission whose acknowledgement is lost is resent with the same key: one submission', async ({
    page,
    context,
  }, testInfo) => {
    await signInStudent(page, testInfo, 9, 10);
    const id = await openExercise(page, ENGLISH, 'documentation-vrai-ou-faux');
    const before = await submissionsOf(page, id);
    const keys: string[] = [];
    // As in the offline Run's spec: the worker in control first, the route the context's.
    await serviceWorkerInControl(page);
    await context.route(`**/api/exercises/${id}/submissions`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
      if (keys.length > 1) return route.continue();
      // The first send reaches the server, and its answer never comes back.
      await route.fetch();
      await route.abort('connectionreset');
    });
    await answerChoice(page, 'documentation-vrai-ou-faux');
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');

    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    const after = await submissionsOf(page, id);
    expect(after).toHaveLength(before.length + 1);
    await expect(page.getByTestId('history-item')).toHaveCount(before.length + 1);
  });
});
