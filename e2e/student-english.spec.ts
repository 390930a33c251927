import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers.ts';
import {
  contentExercise,
  isPhone,
  openExercise,
  secondClickOfDouble,
  signInStudent,
  touchDrag,
} from './student-helpers.ts';

// Demo students 15 (desktop) and 16 (phone), and 30 and 31 (whose only other
// use is a wrong password) for the result heard from the live feed.
// Expected answers come from the demo content.
const MODULE = 'anglais-technique';

type Option = { id: string; text: string; correct: boolean; feedback?: string };
type Gap = { id: string; answers: string[] };

/** Chooses the match of a left term (its option may say "already chosen" when another term has it). */
async function chooseMatch(page: Page, left: string, right: string) {
  const select = page.getByLabel(left, { exact: true });
  const escaped = right.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const value = await select
    .locator('option')
    .filter({ hasText: new RegExp(`^${escaped}( |$)`) })
    .getAttribute('value');
  await select.selectOption(value!);
}

async function submit(page: Page) {
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('answer-feedback')).toBeVisible();
}

test.describe('English exercises', () => {
  test('single choice: a wrong option gets its feedback, then the right one passes', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ options: Option[] }>(MODULE, 'choisir-le-message');
    const wrong = spec.options.find((o) => !o.correct && o.feedback)!;
    const right = spec.options.find((o) => o.correct)!;
    await openExercise(page, MODULE, 'choisir-le-message');
    await expect(page.getByTestId('choice-input')).toHaveAttribute('data-multiple', 'false');

    await page.getByRole('radio', { name: wrong.text }).check();
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('answer-feedback')).toContainText(wrong.feedback!);
    await expect(page.getByTestId('submission-score')).toContainText('Note\u202f: 0');
    // An answer is graded at once: the second click of a double click comes after its grade, and is
    // not a new attempt (two in the history below, not three).
    await secondClickOfDouble(page, page.getByTestId('submit-button'));

    await page.getByRole('radio', { name: right.text }).check();
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('answer-status')).toHaveText('Tout est juste, bravo\u202f!');
    await expect(page.getByTestId('history-item')).toHaveCount(2);
    await expectNoHorizontalScroll(page);
  });

  test('the result shows when the live feed announces the grade, with no poll come due', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 30, 31);
    const { spec } = contentExercise<{ options: Option[] }>(MODULE, 'choisir-le-message');
    const right = spec.options.find((o) => o.correct)!;
    await openExercise(page, MODULE, 'choisir-le-message');
    // The learner's feed is live.
    await expect(page.getByTestId('notifications-offline')).toBeHidden();
    // Time stands still from here: the page's first look at its submission, 300 ms after it, never
    // comes. Only the feed's announcement of the grade can show the result.
    // (A second ahead: the page's clock must not have passed it by the time it is paused. Nothing of
    // the submission is due yet.)
    await page.clock.install();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await page.getByRole('radio', { name: right.text }).check();
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('multiple choice: every right option checked', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ options: Option[] }>(MODULE, 'bons-messages-de-commit');
    await openExercise(page, MODULE, 'bons-messages-de-commit');
    await expect(page.getByTestId('choice-input')).toHaveAttribute('data-multiple', 'true');
    const right = spec.options.filter((o) => o.correct);
    // First only one of them: not complete.
    await page.getByRole('checkbox', { name: right[0]!.text }).check();
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).not.toHaveAttribute('data-status', 'pass');
    for (const option of right) await page.getByRole('checkbox', { name: option.text }).check();
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('cloze, in English: a typo is accepted with "watch the spelling", a wrong word shows the answer', async ({
    page,
  }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    await page.getByRole('button', { name: 'English' }).click();
    const { spec } = contentExercise<{ gaps: Gap[] }>(MODULE, 'completer-la-documentation');
    await openExercise(page, MODULE, 'completer-la-documentation');
    await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
    const gaps = page.getByTestId('cloze-gap');
    await expect(gaps).toHaveCount(spec.gaps.length);
    await expect(gaps.first()).toHaveAccessibleName('Blank 1');

    // Gap 1 with a typo (one letter missing), gap 2 wrong, the others right.
    const first = spec.gaps[0]!.answers[0]!;
    await gaps.nth(0).fill(first.slice(0, 2) + first.slice(3));
    await gaps.nth(1).fill('banana');
    for (let i = 2; i < spec.gaps.length; i++) await gaps.nth(i).fill(spec.gaps[i]!.answers[0]!);
    await page.getByRole('button', { name: 'Check my answer' }).click();

    const feedback = page.getByTestId('answer-feedback');
    await expect(feedback).toHaveAttribute('data-status', 'partial');
    const items = feedback.getByTestId('answer-item');
    await expect(items.filter({ hasText: 'Blank 1' })).toHaveAttribute('data-status', 'accepted-typo');
    await expect(items.filter({ hasText: 'Blank 1' })).toContainText('Accepted, watch the spelling');
    await expect(items.filter({ hasText: 'Blank 2' })).toHaveAttribute('data-status', 'wrong');
    await expect(items.filter({ hasText: 'Blank 2' })).toContainText(`Expected: ${spec.gaps[1]!.answers[0]}`);
    await expect(page.getByTestId('submission-score')).toContainText('Score:');
    await expectNoHorizontalScroll(page);

    // All right.
    await gaps.nth(0).fill(first);
    await gaps.nth(1).fill(spec.gaps[1]!.answers[0]!);
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('ordering words with the keyboard buttons only', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ items: { id: string; text: string }[] }>(MODULE, 'ordre-des-mots');
    await openExercise(page, MODULE, 'ordre-des-mots');
    const target = spec.items.map((item) => item.text);
    const rows = page.getByTestId('ordering-item');
    await expect(rows).toHaveCount(target.length);

    // Wrong first (as shown: the shuffled order is never the answer).
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).not.toHaveAttribute('data-status', 'pass');

    // Selection sort with "Monter" buttons, pressed with the keyboard.
    for (let i = 0; i < target.length; i++) {
      const texts = await rows.getByTestId('ordering-text').allTextContents();
      const from = texts.findIndex((text, index) => index >= i && text === target[i]);
      for (let k = from; k > i; k--) {
        const up = rows.nth(k).getByTestId('ordering-up');
        await up.focus();
        await page.keyboard.press('Enter');
      }
    }
    await expect(rows.getByTestId('ordering-text')).toHaveText(target);
    await expect(page.getByTestId('ordering-preview')).toContainText(target.join(' '));
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('ordering sentences: drag and drop, then buttons', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ items: { id: string; text: string }[] }>(
      MODULE,
      'etapes-pull-request',
    );
    await openExercise(page, MODULE, 'etapes-pull-request');
    const target = spec.items.map((item) => item.text);
    const rows = page.getByTestId('ordering-item');

    // Drag the step that must come first to the top, by its handle: a finger on a phone, the mouse on a computer.
    const texts = await rows.getByTestId('ordering-text').allTextContents();
    const from = texts.indexOf(target[0]!);
    if (from > 0) {
      await rows.nth(from).scrollIntoViewIfNeeded();
      const box = (await rows.nth(from).getByTestId('ordering-handle').boundingBox())!;
      const top = (await rows.first().boundingBox())!;
      const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const end = { x: start.x, y: top.y + 4 };
      if (isPhone(testInfo)) {
        await touchDrag(page, start, end);
      } else {
        await page.mouse.move(start.x, start.y);
        await page.mouse.down();
        await page.mouse.move(end.x, end.y, { steps: 8 });
        await page.mouse.up();
      }
      await expect(rows.first().getByTestId('ordering-text')).toHaveText(target[0]!);
    }
    for (let i = 1; i < target.length; i++) {
      const now = await rows.getByTestId('ordering-text').allTextContents();
      const index = now.indexOf(target[i]!);
      for (let k = index; k > i; k--) await rows.nth(k).getByTestId('ordering-up').click();
    }
    await expect(rows.getByTestId('ordering-text')).toHaveText(target);
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('matching: one wrong pair shows the expected match, then all right', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ pairs: { left: string; right: string }[] }>(
      MODULE,
      'termes-anglais-francais',
    );
    await openExercise(page, MODULE, 'termes-anglais-francais');
    const [a, b, ...rest] = spec.pairs;
    await chooseMatch(page, a!.left, b!.right);
    await chooseMatch(page, b!.left, a!.right);
    for (const pair of rest) await chooseMatch(page, pair.left, pair.right);
    await submit(page);
    const feedback = page.getByTestId('answer-feedback');
    await expect(feedback).toHaveAttribute('data-status', 'partial');
    await expect(feedback.locator('[data-testid="answer-item"][data-status="wrong"]')).toHaveCount(2);
    const rowA = page.getByTestId('matching-row').filter({ has: page.getByText(a!.left, { exact: true }) });
    await expect(rowA).toHaveAttribute('data-status', 'wrong');

    await chooseMatch(page, a!.left, a!.right);
    await chooseMatch(page, b!.left, b!.right);
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('dictation: played by the browser (never shown), counted, then typed and graded', async ({
    page,
  }, testInfo) => {
    // Record what the page asks the speech synthesis to say (headless Chromium may have no voice).
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string; rate: number }[] = [];
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      if (window.speechSynthesis) {
        window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
          spoken.push({ text: utterance.text, lang: utterance.lang, rate: utterance.rate });
        };
      }
    });
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ text: string; maxPlays: number; defaultRate: number }>(
      MODULE,
      'dictee-deploiement',
    );
    await openExercise(page, MODULE, 'dictee-deploiement');
    await expect(page.getByTestId('dictation-plays')).toHaveText(`${spec.maxPlays} écoutes restantes`);
    await expect(page.getByTestId('dictation-rate')).toHaveValue(String(spec.defaultRate));

    await page.getByTestId('dictation-rate').fill('0.7');
    await page.getByTestId('dictation-play').click();
    await expect(page.getByTestId('dictation-plays')).toHaveText(`${spec.maxPlays - 1} écoutes restantes`);
    const spoken = await page.evaluate(
      () => (window as unknown as { __spoken: { text: string; rate: number }[] }).__spoken,
    );
    expect(spoken).toEqual([{ text: spec.text, lang: 'en-US', rate: expect.closeTo(0.7, 5) }]);
    await expect(page.getByText(spec.text)).toHaveCount(0);

    // One word wrong, then right.
    const words = spec.text.split(' ');
    words[3] = 'elephant';
    await page.getByTestId('dictation-text').fill(words.join(' '));
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).not.toHaveAttribute('data-status', 'pass');
    await expect(
      page.getByTestId('answer-feedback').locator('[data-status="wrong"], [data-status="missing"]').first(),
    ).toBeVisible();

    await page.getByTestId('dictation-text').fill(spec.text);
    await submit(page);
    await expect(page.getByTestId('answer-feedback')).toHaveAttribute('data-status', 'pass');
  });

  test('writing: live word count, then feedback on the text', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    const { spec } = contentExercise<{ minWords: number; maxWords: number }>(MODULE, 'ecrire-un-commit');
    await openExercise(page, MODULE, 'ecrire-un-commit');
    await expect(page.getByTestId('writing-excerpt')).toBeVisible();
    const text = page.getByTestId('writing-text');
    await text.fill('Fix');
    await expect(page.getByTestId('word-count')).toHaveAttribute('data-status', 'tooShort');
    await expect(page.getByTestId('word-count')).toContainText('1 mot');
    await text.fill('Fix sign-up form crash when the password is empty');
    await expect(page.getByTestId('word-count')).toContainText('9 mots');
    await expect(page.getByTestId('word-count')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('word-count')).toContainText(
      `entre ${spec.minWords} et ${spec.maxWords} mots`,
    );
    await submit(page);
    await expect(page.getByTestId('answer-feedback').getByTestId('answer-item').first()).toBeVisible();
    await expect(page.getByTestId('submission-score')).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test('a vocabulary set links to the daily review', async ({ page }, testInfo) => {
    await signInStudent(page, testInfo, 15, 16);
    await openExercise(page, MODULE, 'vocabulaire-git');
    await page.getByTestId('vocabulary-review-link').click();
    await expect(page).toHaveURL(/\/etudiant\/vocabulaire$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Révision du vocabulaire' })).toBeVisible();
  });
});
