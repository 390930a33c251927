import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible as expectAccessibleTo, expectNoHorizontalScroll, signIn } from './helpers.ts';
import { openExercise } from './student-helpers.ts';

// The demo author edits a code exercise of `ia-fondamentaux` (`plus-proche-voisin`, which no other spec
// opens), breaks its reference solution, validates, fixes it, previews it as a student with a Run,
// submits and publishes the new version; demo student 5 (used by no other spec) then reads the change.

const MODULE = 'ia-fondamentaux';
const EXERCISE = 'plus-proche-voisin';
const AUTHOR = 'auteur@tremplin.test';

interface StudioModule {
  draft?: {
    content: {
      exercises: { slug: string; prompt: string; spec: { starter: string; solution: string } }[];
    };
  };
}

async function draftExercise(page: Page) {
  const response = await page.request.get(`/api/studio/modules/${MODULE}`);
  expect(response.status()).toBe(200);
  const module = (await response.json()) as StudioModule;
  const exercise = module.draft?.content.exercises.find((e) => e.slug === EXERCISE);
  if (!exercise) throw new Error(`no draft of ${EXERCISE}`);
  return exercise;
}

/** Replaces the whole text of a Monaco editor of the studio (one edit, as a paste). */
async function replaceInMonaco(page: Page, field: string, text: string) {
  const editor = page.getByTestId(field).getByTestId('code-editor');
  await expect(editor).toHaveAttribute('data-editor', 'monaco');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-status')).toHaveText(/^Enregistré à \d{2}:\d{2}$/);
}

test.describe('authors’ studio', () => {
  test('@desktop an author edits an exercise, fixes a failing validation, previews it, publishes; a student sees the change', async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000); // two validations in the sandbox, a preview Run, a publication

    await signIn(page, AUTHOR);
    await expect(page).toHaveURL(/\/auteur$/);
    const card = page.locator(`[data-testid="studio-module"][data-slug="${MODULE}"]`);
    await expect(card.getByTestId('studio-module-status')).toHaveText('Publié');
    await card.getByTestId('studio-module-link').click();
    await expect(page.getByTestId('module-studio')).toBeVisible();

    // The published module has no draft: open one (copied from the published version).
    if (await page.getByTestId('open-draft').isVisible()) await page.getByTestId('open-draft').click();
    await expect(page.getByTestId('draft-version-status')).toHaveAttribute('data-status', 'draft');

    await page.getByTestId('section-exercises').click();
    await page.locator(`[data-testid="exercise-item"][data-slug="${EXERCISE}"]`).click();
    const editor = page.getByTestId('exercise-editor');
    await expect(editor).toHaveAttribute('data-kind', 'code');
    const original = await draftExercise(page);

    // The prompt: Markdown with its live, sanitised preview.
    const marker = `Nouvelle précision ${Date.now()}`;
    const prompt = page.getByTestId('exercise-prompt-input');
    await prompt.fill(`${original.prompt}\n\n**${marker}** <img src=x onerror="window.__xss=1">`);
    const preview = page.getByTestId('exercise-prompt-input-preview');
    await expect(preview.locator('strong', { hasText: marker })).toBeVisible();
    await expect(preview.locator('[onerror]')).toHaveCount(0);
    await prompt.fill(`${original.prompt}\n\n**${marker}**`);
    await expectSaved(page);

    // A reference solution that fails its tests (the starter): Validate shows the problem by its field.
    await replaceInMonaco(page, 'code-solution', original.spec.starter);
    await expectSaved(page);
    await page.getByTestId('validate-button').click();
    const report = page.getByTestId('validation-report');
    await expect(report).toBeVisible({ timeout: 60_000 });
    const problem = report.getByTestId('validation-problem').filter({ hasText: /./ }).first();
    await expect(problem).toBeVisible();
    const path = await problem.getAttribute('data-path');
    expect(path).toMatch(/^exercises\[\d+\]/);
    await problem.getByRole('button').click();
    const beside = editor.getByTestId('field-problems').first();
    await expect(beside).toBeVisible();
    await expect(beside).toContainText((await problem.getByRole('button').innerText()).slice(0, 20));
    await expect(page.locator(`[data-testid="exercise-item"][data-slug="${EXERCISE}"] .badge`)).toBeVisible();

    // Fixed (pasted in the simple editor: Monaco re-indents typed lines): the module validates.
    const solution = page.getByTestId('code-solution');
    await solution.getByRole('button', { name: 'Éditeur simple' }).click();
    await expect(solution.getByTestId('code-editor')).toHaveAttribute('data-editor', 'plain');
    await solution.getByTestId('code-editor').fill(original.spec.solution);
    await expectSaved(page);
    expect((await draftExercise(page)).spec.solution).toBe(original.spec.solution);
    await page.getByTestId('validate-button').click();
    await expect(report.locator('h2')).toHaveText(/Aucun problème/, { timeout: 60_000 });
    await expect(editor.getByTestId('field-problems')).toHaveCount(0);

    // Preview as a student: the student's page, with the new prompt, and Run on the draft's visible tests.
    await page.getByTestId('preview-button').click();
    const student = page.getByTestId('student-preview');
    await expect(student.getByTestId('exercise-page')).toBeVisible();
    await expect(student.getByTestId('exercise-prompt')).toContainText(marker);
    await expect(student.getByTestId('submit-button')).toHaveCount(0);
    await student.getByTestId('run-button').click();
    const run = student.getByTestId('run-results');
    await expect(run).toHaveAttribute('data-status', 'fail', { timeout: 60_000 });
    await expect(run.getByTestId('test-outcome').first()).toBeVisible();
    await page.getByTestId('preview-close').click();

    // Review, then publication with a change note (required).
    await page.getByTestId('section-versions').click();
    await page.getByTestId('submit-review').click();
    await expect(page.getByTestId('draft-version-status')).toHaveAttribute('data-status', 'in_review');
    await page.getByTestId('publish-button').click();
    await expect(page.getByTestId('publish-note')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('publish-note').fill(`Consigne précisée (${marker}).`);
    await page.getByTestId('publish-button').click();
    const newest = page.getByTestId('version-item').first();
    await expect(newest).toHaveAttribute('data-status', 'published', { timeout: 60_000 });
    await expect(newest.getByTestId('version-note')).toContainText(marker);
    await expect(page.getByTestId('open-draft')).toBeVisible();

    // The history: what changed between the two newest versions, the prompt as a line diff.
    await page.getByTestId('diff-form').getByRole('button').click();
    const diff = page.getByTestId('version-diff');
    await expect(diff.getByTestId('diff-change').filter({ hasText: 'prompt' }).first()).toContainText(marker);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    // A student sees the new version.
    const context = await browser.newContext();
    const learner = await context.newPage();
    await signIn(learner, demo.student(5));
    await expect(learner).toHaveURL(/\/etudiant$/);
    await openExercise(learner, MODULE, EXERCISE);
    await expect(learner.getByTestId('exercise-prompt')).toContainText(marker);
    await context.close();
  });

  test('@desktop two authors on one draft: the later save is refused, named, and their version reloaded', async ({
    page,
    browser,
  }) => {
    const openStudio = async (target: Page) => {
      await target.goto('/auteur/modules/anglais-technique');
      await expect(target.getByTestId('module-studio')).toBeVisible();
      await expect(
        target.getByTestId('draft-version-status').or(target.getByTestId('open-draft')),
      ).toBeVisible();
      if (await target.getByTestId('open-draft').isVisible()) await target.getByTestId('open-draft').click();
      await expect(target.getByTestId('module-title')).toBeVisible();
    };
    await signIn(page, AUTHOR);
    await expect(page).toHaveURL(/\/auteur$/);
    await openStudio(page);
    const original = await page.getByTestId('module-title').inputValue();

    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, AUTHOR);
    await expect(other).toHaveURL(/\/auteur$/);
    await openStudio(other);

    await page.getByTestId('module-title').fill(`${original} (A)`);
    await expectSaved(page);
    await other.getByTestId('module-title').fill(`${original} (B)`);
    const conflict = other.getByTestId('save-conflict');
    await expect(conflict).toContainText('Ayélé Johnson');
    await expect(other.getByTestId('save-status')).toHaveAttribute('data-state', 'conflict');
    await conflict.getByTestId('reload-theirs').click();
    await expect(other.getByTestId('module-title')).toHaveValue(`${original} (A)`);
    await other.getByTestId('module-title').fill(original);
    await expectSaved(other);
    await context.close();
  });

  test('@desktop a version exported as a zip imports back as a draft, with its report', async ({ page }) => {
    await signIn(page, AUTHOR);
    await expect(page).toHaveURL(/\/auteur$/);
    const exported = await page.request.get(`/api/studio/modules/${MODULE}/versions/1/export.zip`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('application/zip');
    await page.getByLabel('Fichier .zip').setInputFiles({
      name: `${MODULE}.zip`,
      mimeType: 'application/zip',
      buffer: await exported.body(),
    });
    await page.getByTestId('import-form').getByRole('button', { name: 'Importer' }).click();
    const report = page.getByTestId('import-report');
    await expect(report).toContainText(MODULE, { timeout: 60_000 });
    await report.getByRole('link').click();
    await expect(page.getByTestId('draft-version-status')).toHaveAttribute('data-status', 'draft');
  });

  test('the studio fits a phone and is closed to students', async ({ page, browser }) => {
    await signIn(page, AUTHOR);
    await expect(page).toHaveURL(/\/auteur$/);
    await expect(page.getByTestId('studio-module')).not.toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await page
      .locator(`[data-testid="studio-module"][data-slug="${MODULE}"]`)
      .getByTestId('studio-module-link')
      .click();
    await expect(page.getByTestId('module-studio')).toBeVisible();
    await page.getByTestId('section-versions').click();
    await expect(page.getByTestId('version-item').first()).toBeVisible();
    await expectNoHorizontalScroll(page);

    const context = await browser.newContext();
    const learner = await context.newPage();
    await signIn(learner, demo.student(5));
    await expect(learner).toHaveURL(/\/etudiant$/);
    await learner.goto('/auteur');
    await expect(learner.getByTestId('not-allowed')).toBeVisible();
    expect((await learner.request.get('/api/studio/modules')).status()).toBe(403);
    await context.close();
  });

  test('@desktop the studio’s pages pass axe’s WCAG 2.1 A and AA checks', async ({ page }) => {
    test.setTimeout(150_000); // eight pages, each a whole axe run over a long editor
    const expectAccessible = (where: string) => expectAccessibleTo(page, where);
    await signIn(page, AUTHOR);
    await expect(page.getByTestId('studio-module')).not.toHaveCount(0);
    await expectAccessible('/auteur');

    await page.goto('/auteur/modules/anglais-technique');
    await expect(page.getByTestId('draft-version-status').or(page.getByTestId('open-draft'))).toBeVisible();
    if (await page.getByTestId('open-draft').isVisible()) await page.getByTestId('open-draft').click();
    await expect(page.getByTestId('module-title')).toBeVisible();
    await expectAccessible('module');
    await page.getByTestId('section-lessons').click();
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectAccessible('lessons');
    for (const slug of [
      'choisir-le-message',
      'completer-la-documentation',
      'ecrire-un-commit',
      'vocabulaire-git',
    ]) {
      await page.getByTestId('section-exercises').click();
      await page.locator(`[data-testid="exercise-item"][data-slug="${slug}"]`).click();
      await expect(page.locator(`[data-testid="exercise-item"][data-slug="${slug}"]`)).toHaveAttribute(
        'aria-current',
        'true',
      );
      await expectAccessible(`exercise ${slug}`);
    }
    await page.getByTestId('section-versions').click();
    await expect(page.getByTestId('version-item').first()).toBeVisible();
    await expectAccessible('versions');
  });
});
