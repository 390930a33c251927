import { expect, test, type Browser, type Page, type TestInfo, type WebSocketRoute } from '@playwright/test';
import { expectNoHorizontalScroll, openCockpit } from './helpers.ts';
import { isPhone, openExercise, signInStudent } from './student-helpers.ts';

// Two people at once: the tutor (tuteur1) in one browser context, a student of Groupe Lomé 1 in another
// (etudiant12 on the desktop project, etudiant15 on the phone one). Everything the tutor sees arrives
// over /ws: no reload anywhere.

const WRONG = 'export function somme(nombres) { return nombres.length; }';
const RIGHT =
  'export function somme(nombres) { let total = 0; for (const n of nombres) { total += n; } return total; }';

/** A second context with the project's settings (viewport, language, time zone). */
async function tutorPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { baseURL, viewport, locale, timezoneId, deviceScaleFactor, isMobile, hasTouch } =
    testInfo.project.use;
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale,
    timezoneId,
    deviceScaleFactor,
    isMobile,
    hasTouch,
  });
  return context.newPage();
}

async function run(page: Page, code: string, status: 'pass' | 'fail') {
  const editor = page.getByTestId('code-editor');
  await expect(editor).toHaveAttribute('data-editor', 'plain');
  await editor.fill(code);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-status', status);
}

test.describe('tutor live dashboard', () => {
  // Two browsers, two sign-ins and code runs in the sandbox: more than the default 30 s on a loaded machine.
  test.slow();

  test('the grid, the help queue and messages follow the student live', async ({
    page,
    browser,
  }, testInfo) => {
    // The student.
    await signInStudent(page, testInfo, 12, 15);
    const meResponse = await page.request.get('/api/me');
    const me = (await meResponse.json()) as { id: string; displayName: string };

    // The tutor opens the group cockpit from their groups.
    const tutor = await tutorPage(browser, testInfo);
    await openCockpit(tutor);
    const tile = tutor.locator(`[data-testid="learner-tile"][data-learner-id="${me.id}"]`);
    await expect(tile).toBeVisible();
    await expect(tutor.getByTestId('learner-tile')).toHaveCount(17);

    // (a) The student runs code: the tile shows the tests passed, without a reload.
    await openExercise(page, 'programmation-js', 'somme', '?editeur=simple');
    await expect(tile).toHaveAttribute('data-presence', 'online');
    await run(page, WRONG, 'fail');
    await expect(tile.getByTestId('tile-tests')).toHaveText('1/3 tests réussis');
    await run(page, RIGHT, 'pass');
    await expect(tile.getByTestId('tile-tests')).toHaveText('3/3 tests réussis');
    await expect(tile.getByTestId('tile-tests')).toHaveAttribute('data-status', 'pass');
    await expect(tile.getByTestId('tile-exercise')).toContainText('somme');

    // (b) The student asks for help: a raised hand on the tile and in the queue.
    await page.getByTestId('help-button').click();
    await page.getByTestId('help-message').fill('Je ne comprends pas la boucle.');
    await page.getByTestId('help-send').click();
    await expect(page.getByTestId('help-confirmation')).toBeVisible();
    await page.getByTestId('help-close').click();

    await expect(tile).toHaveAttribute('data-hand', 'open');
    await expect(tile.getByTestId('tile-hand')).toContainText('Main levée depuis');
    const request = tutor.locator(`[data-testid="help-item"][data-learner-id="${me.id}"]`);
    await expect(request).toHaveCount(1);
    await expect(request).toContainText('Je ne comprends pas la boucle.');

    // The tutor takes it: the student is told their tutor is coming; then resolves it: the hand clears.
    await request.getByTestId('help-take').click();
    await expect(tile).toHaveAttribute('data-hand', 'taken');
    await expect(page.getByTestId('tutor-coming')).toBeVisible();
    await request.getByTestId('help-resolve').click();
    await expect(tile).toHaveAttribute('data-hand', 'none');
    await expect(request).toHaveCount(0);
    await expect(page.getByTestId('tutor-coming')).toHaveCount(0);

    // (c) A message to this learner appears in the student's notification area.
    const body = `Bravo ${me.displayName}, passe à l’exercice suivant.`;
    await tutor.getByTestId('message-recipient').selectOption(me.id);
    await tutor.getByTestId('message-body').fill(body);
    await tutor.getByTestId('message-send').click();
    await expect(tutor.getByTestId('message-sent')).toHaveText('Message envoyé.');

    await expect(page.getByTestId('notifications-unread')).toBeVisible();
    await page.getByTestId('notifications-toggle').click();
    await expect(page.getByTestId('notification-item').filter({ hasText: body })).toHaveCount(1);
    await expect(page.getByTestId('notifications-unread')).toHaveCount(0);

    await expectNoHorizontalScroll(tutor);
    if (isPhone(testInfo)) await expectNoHorizontalScroll(page);
    await tutor.context().close();
  });

  test('the cockpit says it is offline, reconnects by itself and catches up with what it missed', async ({
    page,
    browser,
  }, testInfo) => {
    await signInStudent(page, testInfo, 16, 17);
    const me = (await (await page.request.get('/api/me')).json()) as { id: string };

    // Every socket of the tutor's page goes through this route (with its opening messages in the
    // query, `/ws?messages=…`): the test can cut the network.
    const tutor = await tutorPage(browser, testInfo);
    const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
    let down = false;
    const urls: string[] = [];
    await tutor.routeWebSocket(/\/ws(\?|$)/, (socket) => {
      urls.push(socket.url());
      if (down) {
        void socket.close({ code: 1012, reason: 'network down' });
        return;
      }
      open.add({ page: socket, server: socket.connectToServer() });
    });
    await openCockpit(tutor);
    const tile = tutor.locator(`[data-testid="learner-tile"][data-learner-id="${me.id}"]`);

    await openExercise(page, 'programmation-js', 'somme', '?editeur=simple');
    await run(page, RIGHT, 'pass');
    await expect(tile.getByTestId('tile-tests')).toHaveText('3/3 tests réussis');

    // The connection drops: the tutor is told, and nothing arrives while it is down.
    down = true;
    for (const socket of open) {
      await socket.server.close({ code: 1001, reason: 'dropped' });
      await socket.page.close({ code: 1012, reason: 'dropped' });
    }
    open.clear();
    await expect(tutor.getByTestId('live-status')).toHaveAttribute('data-status', /offline|connecting/);
    await expect(tutor.getByTestId('live-status')).toContainText(/Hors ligne|Connexion en cours/);
    await run(page, WRONG, 'fail');
    await expect(tile.getByTestId('tile-tests')).toHaveText('3/3 tests réussis');

    // The network is back: the page reconnects by itself, with no reload, and shows the missed run.
    down = false;
    await expect(tutor.getByTestId('live-status')).toHaveAttribute('data-status', 'online', {
      timeout: 30_000,
    });
    await expect(tile.getByTestId('tile-tests')).toHaveText('1/3 tests réussis');
    await expect(tile.getByTestId('tile-tests')).toHaveAttribute('data-status', 'fail');
    // It came back resuming its grid from the seq it held, asked for with the upgrade itself.
    const opening = JSON.parse(new URL(urls.at(-1)!).searchParams.get('messages') ?? '[]') as Array<{
      type: string;
      channel?: string;
      resume?: { epoch: string; seq: number };
    }>;
    expect(opening).toContainEqual(
      expect.objectContaining({
        type: 'subscribe',
        channel: expect.stringMatching(/^group:/),
        resume: expect.anything(),
      }),
    );
    await tutor.context().close();
  });
});
