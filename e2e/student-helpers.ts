import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { signIn, studentFor } from './helpers.ts';

/**
 * Helpers for the student journeys. Expected answers are read from the demo content
 * (packages/content/modules), the same files the API seeds from, so the tests follow content edits.
 */

interface ContentModule {
  slug: string;
  title: string;
  en: { title: string };
  lessons: { slug: string; title: string }[];
  exercises: { slug: string; title: string; kind: string; spec: Record<string, unknown> }[];
}

export function contentModule(slug: string): ContentModule {
  const file = fileURLToPath(new URL(`../packages/content/modules/${slug}/module.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as ContentModule;
}

export function contentExercise<T = Record<string, unknown>>(moduleSlug: string, exerciseSlug: string) {
  const exercise = contentModule(moduleSlug).exercises.find((e) => e.slug === exerciseSlug);
  if (!exercise) throw new Error(`no exercise ${exerciseSlug} in ${moduleSlug}`);
  return exercise as Omit<ContentModule['exercises'][number], 'spec'> & { spec: T };
}

/**
 * Signs in as the demo student reserved for this spec file and project, waits for their home, and
 * makes sure the interface is in French (an earlier test may have saved English to the account).
 */
export async function signInStudent(
  page: Page,
  testInfo: TestInfo,
  desktop: number,
  phone: number,
): Promise<void> {
  await signIn(page, studentFor(testInfo, desktop, phone));
  await expect(page).toHaveURL(/\/etudiant$/);
  await page.getByTestId('lang-fr').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('student-modules')).toBeVisible();
}

/** Drags with a finger (Chromium touch events), for the phone project. */
export async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export const isPhone = (testInfo: TestInfo) => testInfo.project.name === 'phone';

/**
 * The second click of a double click, alone (a click whose count is 2): what a submit button gets
 * when the first click's submission was graded before the second click came.
 */
export async function secondClickOfDouble(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('the target is not shown');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
}

/** The id of an exercise of a module, asked to the API with the page's session. */
export async function exerciseId(page: Page, moduleSlug: string, exerciseSlug: string): Promise<string> {
  const response = await page.request.get(`/api/modules/${moduleSlug}`);
  expect(response.status()).toBe(200);
  const module = (await response.json()) as { exercises: { id: string; slug: string }[] };
  const exercise = module.exercises.find((e) => e.slug === exerciseSlug);
  if (!exercise) throw new Error(`exercise ${exerciseSlug} not in ${moduleSlug}`);
  return exercise.id;
}

/** Opens an exercise page and waits until it is ready. */
export async function openExercise(
  page: Page,
  moduleSlug: string,
  exerciseSlug: string,
  query = '',
): Promise<string> {
  const id = await exerciseId(page, moduleSlug, exerciseSlug);
  await page.goto(`/etudiant/exercices/${id}${query}`);
  await expect(page.getByTestId('exercise-page')).toBeVisible();
  return id;
}

/** Replaces the editor's whole text: Monaco on a computer, the plain editor on a phone. */
export async function typeCode(page: Page, phone: boolean, code: string): Promise<void> {
  const editor = page.getByTestId('code-editor');
  if (phone) {
    await expect(editor).toHaveAttribute('data-editor', 'plain');
    await editor.fill(code);
    return;
  }
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}
