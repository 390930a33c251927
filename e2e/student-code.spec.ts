import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers.ts';
import { isPhone, openExercise, secondClickOfDouble, signInStudent, typeCode } from './student-helpers.ts';

// Demo students 13 (desktop) and 14 (phone).

// One line each: typed as a student would, Monaco's auto-closed brackets are typed over.
const WRONG = 'export function somme(nombres) { return nombres.length; }';
const RIGHT =
  'export function somme(nombres) { let total = 0; for (const n of nombres) { total += n; } return total; }';

async function editorText(page: Page, phone: boolean): Promise<string> {
  const editor = page.getByTestId('code-editor');
  if (phone) return editor.inputValue();
  return ((await editor.locator('.view-lines').innerText()) ?? '').replace(/\u00a0/g, ' ');
}

test.describe('code exercise', () => {
  test('fails then passes: run, submit, history, draft kept, reset to the starter', async ({
    page,
  }, testInfo) => {
    test.slow(); // a long journey: Monaco, two gradings, a reload
    const phone = isPhone(testInfo);
    const monacoRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/workers\/|codicon|\/assets\/(editor|tsMode)\./.test(request.url()))
        monacoRequests.push(request.url());
    });

    await signInStudent(page, testInfo, 13, 14);
    const id = await openExercise(page, 'programmation-js', 'somme');
    const before = (await (await page.request.get(`/api/exercises/${id}`)).json()) as { attempts: number };
    await expect(page.getByTestId('exercise-prompt')).toContainText('somme');
    await expect(page.getByTestId('code-editor')).toHaveAttribute('data-editor', phone ? 'plain' : 'monaco');

    // A wrong solution: the run shows each visible test, some failing.
    await typeCode(page, phone, WRONG);
    await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'saved');
    await expect(page.getByTestId('draft-status')).toHaveText('Enregistré');
    await page.getByTestId('run-button').click();
    const run = page.getByTestId('run-results');
    await expect(run).toHaveAttribute('data-status', 'fail');
    await expect(run.getByTestId('test-outcome')).toHaveCount(3);
    await expect(run.locator('[data-testid="test-outcome"][data-status="fail"]').first()).toContainText(
      'additionne',
    );
    await expect(run.getByTestId('test-message').first()).toContainText('6');

    // Submitted: graded with hidden tests too; a double click sends one submission only.
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/exercises/${id}/submissions`)) posts++;
    });
    await page.getByTestId('submit-button').dblclick();
    const graded = page.getByTestId('submission-tests');
    await expect(graded).toHaveAttribute('data-status', 'fail');
    await expect(graded.locator('[data-hidden="true"]').first()).toBeVisible();
    await expect(page.getByTestId('submission-score')).toContainText('/\u202f1');
    expect(posts).toBe(1);
    await expect(page.getByTestId('submit-button')).toBeEnabled();
    // A double click whose second click comes once the submission is graded: not a new attempt
    // (the count of attempts and of requests below says so).
    await secondClickOfDouble(page, page.getByTestId('submit-button'));

    // The right solution passes everything.
    await typeCode(page, phone, RIGHT);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('run-results')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('run-results').getByTestId('tests-summary')).toContainText(
      '3 tests réussis sur 3',
    );
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('submission-tests')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('submission-score')).toHaveText('Note\u202f: 1\u202f/\u202f1');
    await expect(page.getByTestId('best-score')).toContainText('1\u202f/\u202f1');
    await expect(page.getByTestId('attempts')).toHaveText(`${before.attempts + 2} tentatives`);
    expect(posts).toBe(2);

    // History: newest first, each with its code.
    const history = page.getByTestId('history-item');
    await expect(history).toHaveCount(before.attempts + 2);
    await history.first().locator('summary').click();
    await expect(history.first().getByTestId('history-code')).toContainText('total += n');
    await expectNoHorizontalScroll(page);

    // The draft survives a reload.
    await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', /saved|idle/);
    await page.reload();
    if (!phone) await expect(page.getByTestId('code-editor')).toHaveAttribute('data-ready', 'true');
    await expect.poll(() => editorText(page, phone)).toContain('total += n');

    // Reset to the starter code, after confirming.
    await page.getByTestId('reset-code').click();
    const dialog = page.getByTestId('reset-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('reset-cancel').click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => editorText(page, phone)).toContain('total += n');
    await page.getByTestId('reset-code').click();
    await page.getByTestId('reset-confirm').click();
    await expect.poll(() => editorText(page, phone)).toContain('À corriger');
    await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'saved');

    // Phones never download Monaco; computers do, workers included.
    if (phone) {
      expect(monacoRequests).toEqual([]);
      await expect(page.locator('.monaco-editor')).toHaveCount(0);
    } else {
      expect(monacoRequests.some((url) => url.includes('/workers/'))).toBe(true);
    }
  });

  test('the plain editor works anywhere with ?editeur=simple, and Tab indents', async ({
    page,
  }, testInfo) => {
    const monacoRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/workers\/|codicon/.test(request.url())) monacoRequests.push(request.url());
    });
    await signInStudent(page, testInfo, 13, 14);
    await openExercise(page, 'programmation-js', 'est-bissextile', '?editeur=simple');
    const editor = page.getByTestId('code-editor');
    await expect(editor).toHaveAttribute('data-editor', 'plain');
    await editor.fill('');
    await editor.press('Tab');
    await editor.pressSequentially('x');
    await expect(editor).toHaveValue('  x');
    await expect(editor).toBeFocused();
    // Escape then Tab leaves the field: the keyboard is never trapped.
    await editor.press('Escape');
    await page.keyboard.press('Tab');
    await expect(editor).not.toBeFocused();
    await page.getByTestId('run-button').click();
    await expect(
      page.getByTestId('run-panel').getByRole('alert').or(page.getByTestId('run-results')),
    ).toBeVisible();
    expect(monacoRequests).toEqual([]);
  });

  // Tagged @desktop: the phone project does not collect it, as phones get the plain editor.
  test('Monaco reports TypeScript errors, with its workers served by Tremplin @desktop', async ({
    page,
  }, testInfo) => {
    test.slow(); // the TypeScript worker starts from scratch
    await signInStudent(page, testInfo, 13, 14);
    await openExercise(page, 'programmation-js', 'compter-voyelles');
    await typeCode(page, false, "export function f(): number { return 'pas un nombre'; }");
    await expect(page.getByTestId('code-editor').locator('.squiggly-error').first()).toBeVisible({
      timeout: 20_000,
    });
  });
});
