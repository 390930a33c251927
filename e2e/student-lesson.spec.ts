import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll } from './helpers.ts';
import { contentModule, signInStudent } from './student-helpers.ts';

// Demo students 11 (desktop) and 12 (phone).
const programming = contentModule('programmation-js');
const firstLesson = programming.lessons[0]!;

test.describe('lessons', () => {
  test('home → module → lesson: rendered safely, marked read at its end, then the next step', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);

    // Home: the enrolled modules with their progress and next exercise.
    const card = page.getByTestId('module-card').filter({ hasText: programming.title });
    await expect(card).toBeVisible();
    await expect(card.getByRole('progressbar')).toBeVisible();
    await expect(card.getByTestId('module-next-exercise')).toBeVisible();
    await expect(page.getByTestId('module-card')).toHaveCount(3);
    await expect(page.getByTestId('student-tutor')).not.toBeEmpty();
    await expectNoHorizontalScroll(page);

    // Module: lessons in order, not read yet.
    await card.getByTestId('module-link').click();
    await expect(page.getByRole('heading', { level: 1, name: programming.title })).toBeVisible();
    const lessons = page.getByTestId('module-lesson');
    await expect(lessons).toHaveCount(programming.lessons.length);
    await expect(lessons.first()).toContainText(firstLesson.title);
    await expect(lessons.first()).toHaveAttribute('data-read', 'false');
    await expect(page.getByTestId('module-exercise')).toHaveCount(programming.exercises.length);
    await expectNoHorizontalScroll(page);

    // Lesson: Markdown rendered (highlighted code, table), its own title not repeated.
    await lessons.first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: firstLesson.title })).toBeVisible();
    const body = page.getByTestId('lesson-body');
    await expect(body.locator('pre code.hljs .hljs-keyword').first()).toBeVisible();
    await expect(body.locator('table')).toBeVisible();
    await expect(body.getByRole('heading', { name: firstLesson.title })).toHaveCount(0);
    await expect(body.locator('script')).toHaveCount(0);
    await expectNoHorizontalScroll(page);

    // Reading to the end marks it read (on the server too).
    const lessonUrl = page.url();
    await page.getByTestId('lesson-end').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('lesson-status')).toHaveAttribute('data-read', 'true');
    await expect(page.getByTestId('lesson-status')).toContainText('Lue');
    const lessonId = lessonUrl.split('/').pop()!;
    const saved = (await (await page.request.get(`/api/lessons/${lessonId}`)).json()) as { read: boolean };
    expect(saved.read).toBe(true);

    // Its exercises are linked; "next" leads on.
    await expect(page.getByTestId('lesson-exercises').getByRole('link').first()).toBeVisible();
    const next = page.getByTestId('nav-next');
    const nextTitle = (await next.locator('.title').textContent())!.trim();
    await next.click();
    await expect(page.getByRole('heading', { level: 1, name: nextTitle })).toBeVisible();
    expect(page.url()).not.toBe(lessonUrl);

    // Back on the module page, the lesson is ticked.
    await page.getByTestId('breadcrumbs').getByRole('link', { name: programming.title }).click();
    await expect(page.getByTestId('module-lesson').first()).toHaveAttribute('data-read', 'true');
    await expect(page.getByTestId('module-lesson').first().getByTestId('lesson-read-mark')).toBeVisible();
  });

  test('the student pages switch to English, content included', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'My modules' })).toBeVisible();
    await expect(page.getByTestId('nav-student-progress')).toHaveText('Progress');

    // The module's English title, once the list is read again in English.
    const card = page.locator(`[data-testid="module-card"][data-slug="${programming.slug}"]`);
    await expect(card).toContainText(programming.en.title);
    await card.getByTestId('module-link').click();
    await expect(page.getByRole('heading', { level: 1, name: programming.en.title })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Lessons' })).toBeVisible();
    await page.getByTestId('module-lesson').first().getByRole('link').click();
    await expect(page.getByTestId('lesson-status')).toContainText(/Read|The lesson will be marked as read/);
    await expect(page.getByTestId('breadcrumbs')).toContainText('My modules');

    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByTestId('breadcrumbs')).toContainText('Mes modules');
  });

  test('@desktop home, module and lesson pass axe’s WCAG 2.1 A and AA checks', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);
    await expect(page.getByTestId('module-card')).toHaveCount(3);
    await expectAccessible(page, 'home');
    await page
      .locator(`[data-testid="module-card"][data-slug="${programming.slug}"]`)
      .getByTestId('module-link')
      .click();
    await expect(page.getByTestId('module-lesson')).toHaveCount(programming.lessons.length);
    await expectAccessible(page, 'module');
    await page.getByTestId('module-lesson').first().getByRole('link').click();
    await expect(page.getByTestId('lesson-status')).toBeVisible();
    await expectAccessible(page, 'lesson');
  });

  test('a technical term of the learner’s decks shows its French gloss when tapped', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);
    const english = contentModule('anglais-technique');
    await page
      .getByTestId('module-card')
      .filter({ hasText: english.title })
      .getByTestId('module-link')
      .click();
    const lesson = english.lessons.find((l) => l.slug === 'reading-error-messages')!;
    await page.getByTestId('module-lesson').filter({ hasText: lesson.title }).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();

    // « (_stack trace_) » in the lesson: a term of the IT vocabulary deck.
    const term = page.getByTestId('lesson-body').getByRole('button', { name: 'stack trace', exact: true });
    await expect(term).toHaveAttribute('aria-expanded', 'false');
    const gloss = page.locator(`#${await term.getAttribute('aria-controls')}`);
    await expect(gloss).toBeHidden();
    await term.click();
    await expect(term).toHaveAttribute('aria-expanded', 'true');
    await expect(gloss).toHaveText("pile d'appels, trace de la pile");
    await expectAccessible(page, 'a lesson with a gloss shown');
    await expectNoHorizontalScroll(page);
    // The keyboard hides it again.
    await term.focus();
    await page.keyboard.press('Enter');
    await expect(gloss).toBeHidden();
    // Words that are not in a deck stay plain text, code too.
    await expect(page.getByTestId('lesson-body').locator('code button')).toHaveCount(0);
  });

  test('a lesson or module that does not exist shows the error page', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 11, 12);
    await page.goto('/etudiant/modules/module-inexistant');
    await expect(page.getByTestId('error-page')).toBeVisible();
    await page.goto('/etudiant/lecons/00000000-0000-4000-8000-000000000000');
    await expect(page.getByTestId('error-page')).toBeVisible();
  });
});
