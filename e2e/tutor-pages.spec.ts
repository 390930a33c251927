import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import {
  DEMO_PASSWORD,
  apiAs,
  demo,
  expectAccessible,
  expectNoHorizontalScroll,
  openProgressGrid,
  signIn,
  studentFor,
} from './helpers.ts';
import { contentExercise, contentModule } from './student-helpers.ts';

// The tutor's progress grid and learner page (tuteur1, Groupe Lomé 1).

type Option = { id: string; text: string; correct: boolean; feedback?: string };

test.describe('tutor pages', () => {
  test('progress grid, then a learner page with history and notes', async ({ page }, testInfo) => {
    await signIn(page, demo.tutor1);
    await expect(page).toHaveURL(/\/tuteur$/);
    await openProgressGrid(page, 'Groupe Lomé 1');
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

    // On a slow link the kept note arrives late: what the tutor types is never replaced by it.
    await page.route('**/api/learners/*/notes', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return route.fallback();
    });
    const kept = page.waitForResponse(
      (response) => response.url().endsWith('/notes') && response.request().method() === 'GET',
    );
    await page.reload();
    const edited = `${note}, puis complétée`;
    await page.getByTestId('note-body').fill(edited);
    await kept;
    await expect(page.getByTestId('note-body')).toHaveValue(edited);
    await page.getByTestId('note-save').click();
    await expect(page.getByTestId('note-status')).toHaveText('Note enregistrée.');
    await page.unroute('**/api/learners/*/notes');
    await page.reload();
    await expect(page.getByTestId('note-body')).toHaveValue(edited);
  });

  test('a learner page tells the time line in words and reads an English answer', async ({
    page,
    request,
  }, testInfo) => {
    // The learner (demo student 5 on the desktop project, 6 on the phone one), through the API: reads
    // a lesson, then answers the single-choice exercise with a wrong option.
    const module = contentModule('anglais-technique');
    const { spec } = contentExercise<{ options: Option[] }>('anglais-technique', 'choisir-le-message');
    const wrong = spec.options.find((o) => !o.correct && o.feedback)!;
    const signedIn = await request.post('/api/auth/login', {
      data: { email: studentFor(testInfo, 5, 6), password: DEMO_PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    const learnerId = ((await (await request.get('/api/me')).json()) as { id: string }).id;
    const detail = (await (await request.get('/api/modules/anglais-technique')).json()) as {
      lessons: { id: string; title: string }[];
      exercises: { id: string; slug: string }[];
    };
    const lesson = detail.lessons.find((l) => l.title === module.lessons[0]!.title)!;
    expect((await request.post(`/api/lessons/${lesson.id}/read`)).status()).toBe(204);
    const exercise = detail.exercises.find((e) => e.slug === 'choisir-le-message')!;
    const submitted = await request.post(`/api/exercises/${exercise.id}/submissions`, {
      data: { idempotencyKey: randomUUID(), answer: { kind: 'choice', selected: [wrong.id] } },
    });
    expect(submitted.status()).toBe(202);
    const submissionId = ((await submitted.json()) as { id: string }).id;
    const status = async () => {
      const response = await request.get(`/api/submissions/${submissionId}`);
      return ((await response.json()) as { status: string }).status;
    };
    await expect.poll(status).toBe('graded');

    // The tutor opens the learner's page.
    await signIn(page, demo.tutor1);
    await expect(page).toHaveURL(/\/tuteur$/);
    await page.goto(`/tuteur/apprenants/${learnerId}`);
    await expect(page.getByTestId('learner-page')).toBeVisible();

    const timeline = page.getByTestId('learner-timeline');
    const read = timeline.locator('[data-kind="lesson.read"]');
    await expect(read).toHaveCount(1);
    await expect(read).toContainText('A lu une leçon');
    await expect(read).toContainText(lesson.title);
    const submission = timeline.locator('[data-kind="submission"]');
    await expect(submission).toHaveCount(1);
    await expect(submission).toContainText('A soumis l’exercice');
    await expect(submission).toContainText('Le bon message de commit');

    // Its link opens the submission in the history: the answer in words, beside its grading.
    await submission.getByRole('link', { name: 'Voir la soumission' }).click();
    const entry = page.locator(`#submission-${submissionId}`);
    await expect(entry.locator('details')).toHaveAttribute('open', '');
    await expect(entry.getByTestId('answer-readout')).toContainText(wrong.text);
    await expect(entry.getByTestId('submission-prompt')).toContainText('Quel message de commit');
    const feedback = entry.getByTestId('answer-feedback');
    await expect(feedback).toHaveAttribute('data-status', 'fail');
    await expect(feedback.getByTestId('answer-status')).toHaveText('Réponse incorrecte.');
    await expect(feedback).toContainText(wrong.feedback!);
    await expect(entry).not.toContainText('"selected"');
    await expectNoHorizontalScroll(page);
  });

  test('work done after the group’s deadline is marked late for the tutor, and the learner is told', async ({
    page,
    browser,
  }, testInfo) => {
    // The coordination sets Groupe Kara 1 a deadline for technical English, yesterday; a learner of
    // the group (demo student 25 on the desktop project, 26 on the phone one) then answers an
    // exercise of it, through the API.
    const coordination = await apiAs(browser, 'coordination@tremplin.test');
    const email = studentFor(testInfo, 25, 26);
    const learner = await apiAs(browser, email);
    const structure = (await (await coordination.request.get('/api/programme/structure')).json()) as {
      groups: { id: string; name: string }[];
      modules: { id: string; slug: string }[];
    };
    const kara = structure.groups.find((g) => g.name === 'Groupe Kara 1')!;
    const english = structure.modules.find((m) => m.slug === 'anglais-technique')!;
    const deadline = (dueAt: string | null) =>
      coordination.request.put(`/api/programme/groups/${kara.id}/modules/${english.id}`, { data: { dueAt } });
    expect((await deadline(new Date(Date.now() - 86_400_000).toISOString())).status()).toBe(200);
    try {
      const { displayName } = (await (await learner.request.get('/api/me')).json()) as {
        displayName: string;
      };
      const detail = (await (await learner.request.get('/api/modules/anglais-technique')).json()) as {
        exercises: { id: string; slug: string }[];
      };
      const exercise = detail.exercises.find((e) => e.slug === 'choisir-le-message')!;
      const { spec } = contentExercise<{ options: Option[] }>('anglais-technique', 'choisir-le-message');
      const submitted = await learner.request.post(`/api/exercises/${exercise.id}/submissions`, {
        data: {
          idempotencyKey: randomUUID(),
          answer: { kind: 'choice', selected: [spec.options.find((o) => o.correct)!.id] },
        },
      });
      expect(submitted.status()).toBe(202);

      // The tutor's grid: the learner's cell says late, and the legend says why.
      await signIn(page, demo.tutor2);
      await expect(page).toHaveURL(/\/tuteur$/);
      await openProgressGrid(page, 'Groupe Kara 1');
      await page.getByTestId('progress-module').selectOption('anglais-technique');
      await expect(page.getByRole('table').locator('caption')).toHaveText(/Anglais technique/);
      const row = page.getByTestId('progress-row').filter({ hasText: displayName });
      await expect(row.getByTestId('progress-late')).toHaveText('en retard');
      await expect(row.getByTestId('progress-late')).toHaveCount(1);
      await expect(page.getByTestId('progress-late-legend')).toContainText('après l’échéance du groupe');
      await expectAccessible(page, 'the progress grid with late work');
      // So does the group's gradebook.
      await page.goto(`/tuteur/groupes/${kara.id}/carnet`);
      await page.getByTestId('gradebook-module').selectOption('anglais-technique');
      const bookRow = page.getByTestId('gradebook-row').filter({ hasText: displayName });
      await expect(bookRow.getByTestId('gradebook-late')).toHaveText('en retard');
      await expect(page.getByTestId('gradebook-late-legend')).toContainText('après l’échéance du groupe');
      await page.goBack();
      // The learner's page says it of the submission too.
      await row.getByRole('link', { name: displayName }).click();
      await expect(page.getByTestId('learner-submission').first()).toContainText('Le bon message de commit');
      await expect(page.getByTestId('learner-submission-late')).toHaveText('en retard');

      // The learner's card says the deadline has passed, and that the work still counts.
      await page.context().clearCookies();
      await signIn(page, email);
      await expect(page).toHaveURL(/\/etudiant$/);
      const card = page.getByTestId('module-card').filter({ hasText: 'Anglais technique' });
      await expect(card.getByTestId('module-due')).toContainText('Échéance dépassée le');
      await expect(card.getByTestId('module-due')).toContainText('vous pouvez encore terminer');
      // And so does the module's page.
      await card.getByTestId('module-link').click();
      await expect(page.getByTestId('module-page').getByTestId('module-due')).toContainText(
        'Échéance dépassée le',
      );
      // And the exercise's history, of the submission made after it.
      await page.goto(`/etudiant/exercices/${exercise.id}`);
      await expect(page.getByTestId('history-item')).toHaveCount(1);
      await expect(page.getByTestId('history-item').getByTestId('history-late')).toHaveText('en retard');
      await expectAccessible(page, 'the history with late work');
    } finally {
      expect((await deadline(null)).status()).toBe(200);
      await coordination.close();
      await learner.close();
    }
  });
});
