import { expect, test } from '@playwright/test';
import { serviceWorkerInControl } from './helpers.ts';
import { openExercise, signInStudent, typeCode } from './student-helpers.ts';

// The service worker is this spec's subject: it runs here (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Demo student 21 (the security spec, later, only opens a code exercise with it). Desktop only: the
// phone project runs the same code path with another editor.

const WRONG = 'export function somme(nombres) { return nombres.length; }';
const LOOPS = 'export function somme(nombres) { while (true) {} }';
const RIGHT =
  'export function somme(nombres) { let total = 0; for (const n of nombres) { total += n; } return total; }';

test.describe('offline Run', () => {
  test('@desktop runs the visible tests on the device when the network fails, stops a loop, then back to the server', async ({
    page,
    context,
  }, testInfo) => {
    test.slow(); // Monaco, a time limit that must run out, a server run
    const workers: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/offline-run.worker-')) workers.push(request.url());
    });
    await signInStudent(page, testInfo, 21, 21);
    const id = await openExercise(page, 'programmation-js', 'somme');
    // Neither the home page nor the exercise page loads the device's runner: only an offline Run does.
    expect(workers).toEqual([]);
    const runs: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/runs') || request.url().includes('/submissions')) runs.push(request.url());
    });
    const onDevice = page.getByTestId('run-on-device');
    const results = page.getByTestId('run-results');

    // As for a returning student, the service worker controls the page, so the Run's request takes the
    // same path on every run of this test, never one while the worker takes the page over. The route is
    // the context's, which also sees what a service worker sends.
    await serviceWorkerInControl(page);

    // The Run request fails for the network: the visible tests run in the browser, with the same results.
    const runsRoute = `**/api/exercises/${id}/runs`;
    await context.route(runsRoute, (route) => route.abort('internetdisconnected'));
    await typeCode(page, false, WRONG);
    await page.getByTestId('run-button').click();
    await expect(onDevice).toHaveText('Tests visibles exécutés sur cet appareil');
    await expect(results).toHaveAttribute('data-status', 'fail');
    await expect(results.getByTestId('test-outcome')).toHaveCount(3);
    await expect(results.locator('[data-testid="test-outcome"][data-status="fail"]').first()).toContainText(
      'additionne',
    );
    await expect(results.getByTestId('test-message').first()).toContainText('6');
    expect(workers).toHaveLength(1);
    await context.unroute(runsRoute);

    // Offline: no request at all; an infinite loop is stopped by the time limit, the page stays usable.
    await context.setOffline(true);
    const sent = runs.length;
    await typeCode(page, false, LOOPS);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('run-button')).toHaveAttribute('aria-busy', 'true');
    // The page answers while the worker loops (a loop on the page's thread would never let this click
    // through): it opens the visible tests' code.
    await page.getByTestId('visible-tests').locator('summary').click();
    await expect(page.getByTestId('visible-tests')).toHaveAttribute('open', '');
    await expect(results).toHaveAttribute('data-status', 'error', { timeout: 15_000 });
    await expect(results.getByTestId('tests-message')).toHaveText(
      'Temps limite dépassé : ce test a utilisé plus de 2000 ms de calcul (boucle infinie ?). (test « somme additionne trois nombres »)',
    );
    await expect(onDevice).toBeVisible();
    // A fresh worker runs the next one.
    await typeCode(page, false, RIGHT);
    await page.getByTestId('run-button').click();
    await expect(results).toHaveAttribute('data-status', 'pass');
    await expect(results.getByTestId('tests-summary')).toContainText('3 tests réussis sur 3');
    expect(runs.length).toBe(sent);

    // Back online: the server runs it again, and the label goes.
    await context.setOffline(false);
    await page.getByTestId('run-button').click();
    await expect(onDevice).toHaveCount(0);
    await expect(results).toHaveAttribute('data-status', 'pass');
    expect(runs.length).toBe(sent + 1);
  });
});
