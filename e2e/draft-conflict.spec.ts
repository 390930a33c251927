import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';
import { openExercise, typeCode } from './student-helpers.ts';

// The service worker is this spec's subject: it runs here (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Demo student 34, on two devices (two browser contexts): a draft typed offline on one while the
// other saved is never overwritten; the student sees both versions and chooses.
const STUDENT = 'etudiant34@tremplin.test';
// Texts of this run only: a rerun starts from the draft the previous one kept.
const RUN = Date.now();
const OFFLINE_TEXT = `export function somme(nombres) { return 0; } // tablette ${RUN}`;
const ONLINE_TEXT = `export function somme(nombres) { return 1; } // ordinateur du labo ${RUN}`;

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, STUDENT);
  await expect(page).toHaveURL(/\/etudiant$/);
  return page;
}

test.describe('a draft edited on two devices', () => {
  test('@desktop shows both versions when the offline one comes back; the chosen one is kept', async ({
    browser,
  }) => {
    test.slow(); // two devices, Monaco in each
    const tablet = await device(browser);
    const lab = await device(browser);
    const id = await openExercise(tablet, 'programmation-js', 'somme');
    await openExercise(lab, 'programmation-js', 'somme');

    // The tablet loses the link; its draft is kept on the device.
    await tablet.context().setOffline(true);
    await typeCode(tablet, false, OFFLINE_TEXT);
    await expect(tablet.getByTestId('draft-status')).toHaveText(
      'Enregistré sur cet appareil (envoyé au retour du réseau)',
    );
    // Meanwhile the lab computer saves another text.
    await typeCode(lab, false, ONLINE_TEXT);
    await expect(lab.getByTestId('draft-status')).toHaveText('Enregistré');

    // The link returns: nothing is overwritten, both versions are shown with their origin.
    await tablet.context().setOffline(false);
    const conflict = tablet.getByTestId('draft-conflict');
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId('draft-version-local')).toContainText('Sur cet appareil');
    await expect(conflict.getByTestId('draft-version-local')).toContainText(`tablette ${RUN}`);
    await expect(conflict.getByTestId('draft-version-server')).toContainText(
      'Enregistré depuis un autre appareil',
    );
    await expect(conflict.getByTestId('draft-version-server')).toContainText(`ordinateur du labo ${RUN}`);
    const kept = (await (await tablet.request.get(`/api/exercises/${id}`)).json()) as {
      draft: { code: string };
    };
    expect(kept.draft.code).toBe(ONLINE_TEXT);

    // The student keeps the tablet's version: it is what the server keeps, and the other device sees it.
    await conflict.getByTestId('draft-keep-local').click();
    await expect(conflict).toHaveCount(0);
    await expect(tablet.getByTestId('draft-status')).toHaveText('Enregistré');
    await expect
      .poll(async () => {
        const exercise = (await (await tablet.request.get(`/api/exercises/${id}`)).json()) as {
          draft: { code: string };
        };
        return exercise.draft.code;
      })
      .toBe(OFFLINE_TEXT);
    await lab.reload();
    await expect(lab.getByTestId('code-editor').locator('.view-lines')).toContainText(`tablette ${RUN}`);
    await expect(lab.getByTestId('draft-conflict')).toHaveCount(0);
  });
});
