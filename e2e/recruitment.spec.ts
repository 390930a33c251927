import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, expectTouchSizedFields, signIn } from './helpers.ts';

// The call for 900 tutors: a candidate signs up on the public page and applies with a PDF, sees their
// eligibility at once; the demo coordinator screens, scores and selects them; the candidate sees it.

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

test.describe('recruiting a tutor', () => {
  test('a candidate applies; the coordination scores and selects them; the candidate sees the outcome', async ({
    page,
    browser,
  }, testInfo) => {
    // Two people, five pages checked by axe: longer than one page's test.
    test.setTimeout(120_000);
    const stamp = `${testInfo.project.name}-${Date.now()}`;
    const name = `Sélom Candidat ${stamp}`;

    // The public page: the call, and the sign-up for a visitor.
    await page.goto('/candidature');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Devenir tuteur ou tutrice Tremplin' }),
    ).toBeVisible();
    await expect(page.getByTestId('call')).toContainText('900 tuteurs et tutrices 2027');
    await expect(page.getByTestId('call-deadline')).toContainText('30 juin 2027 à 23:59 (heure de Lomé)');
    await expectAccessible(page, 'candidature (visitor)');
    await expectNoHorizontalScroll(page);
    await expectTouchSizedFields(page);

    await page.getByLabel('Nom et prénom').fill(name);
    await page.getByLabel('Adresse e-mail').fill(`candidat-${stamp}@example.tg`);
    await page.getByLabel('Mot de passe').fill('une phrase de passe');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    // Signed in as a candidate: the application form, eligibility at once.
    await expect(page.getByTestId('application')).toBeVisible();
    await page.getByLabel('Université').selectOption({ label: 'Université de Lomé' });
    await page.getByLabel('Niveau d’études').selectOption({ label: 'Licence' });
    await page.getByLabel('Filière').selectOption({ label: 'Informatique' });
    await page.getByLabel('Numéro d’étudiant').fill('UL-2026-4242');
    await page
      .getByLabel('Motivation')
      .fill('Je programme depuis cinq ans et j’aide déjà mes camarades de licence chaque semaine au campus.');
    await page.getByRole('button', { name: 'Déposer ma candidature' }).click();
    await expect(page.getByTestId('eligibility')).toContainText(
      'Il faut être inscrit en master ou doctorat.',
    );
    await page.getByLabel('Niveau d’études').selectOption({ label: 'Master' });
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(page.getByTestId('eligibility')).toHaveText('Vous remplissez les conditions de l’appel.');

    // Documents: a PDF is taken, an image renamed .pdf is not (its content is read, not its name).
    await page
      .getByLabel('Document PDF')
      .setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Joindre le document' }).click();
    await expect(page.getByTestId('document')).toHaveCount(1);
    await expect(page.getByTestId('document')).toContainText('cv.pdf');
    await page
      .getByLabel('Document PDF')
      .setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: PNG });
    await page.getByRole('button', { name: 'Joindre le document' }).click();
    await expect(page.getByTestId('document-error')).toContainText('n’est pas un PDF');
    await expect(page.getByTestId('document')).toHaveCount(1);
    await expectAccessible(page, 'candidature (applied)');
    await expectNoHorizontalScroll(page);

    // The demo coordinator screens, scores and selects.
    const context = await browser.newContext({
      viewport: page.viewportSize() ?? { width: 1280, height: 800 },
    });
    const coordinator = await context.newPage();
    await signIn(coordinator, 'coordination@tremplin.test');
    await expect(coordinator).toHaveURL(/\/coordination$/);
    await coordinator.goto('/coordination/recrutement');
    await expect(coordinator.getByTestId('recruitment-counts')).toBeVisible();
    await coordinator.getByLabel('Nom, adresse ou numéro d’étudiant').fill(stamp);
    await coordinator.getByTestId('filter-submit').click();
    await expect(coordinator.getByTestId('recruitment-matching')).toHaveText('1 candidature correspond.');
    await expectAccessible(coordinator, 'coordination/recrutement');
    await expectNoHorizontalScroll(coordinator);
    await coordinator.getByTestId('application-row').getByRole('link', { name }).click();

    await expect(coordinator.getByTestId('application-detail')).toBeVisible();
    await expect(coordinator.getByTestId('detail-eligible')).toHaveText('Recevable');
    await expect(coordinator.getByTestId('detail-document')).toHaveText('cv.pdf');
    await coordinator.getByLabel('Maîtrise de la discipline (0–5)').fill('5');
    await coordinator.getByLabel('Sens pédagogique (0–5)').fill('4');
    await coordinator.getByLabel('Motivation et disponibilité (0–5)').fill('5');
    await coordinator.getByLabel('Aisance numérique (0–5)').fill('3');
    await coordinator.getByTestId('review-submit').click();
    await expect(coordinator.getByTestId('mean-score')).toHaveText('Moyenne\u202f: 17 sur 20 (1 évaluation)');
    await expectAccessible(coordinator, 'coordination/recrutement/[id]');
    await expectNoHorizontalScroll(coordinator);
    await coordinator.getByLabel('Message au candidat (facultatif)').fill('Bienvenue dans la formation.');
    await coordinator.getByTestId('decision-select').click();
    await expect(coordinator.getByTestId('detail-status')).toHaveText('Retenue');
    await expect(coordinator.getByTestId('detail-training-group')).toHaveText('Formateurs Lomé-Kara');

    // The call's form, filled from the call (nothing saved: the other project reads the same call).
    await coordinator.getByRole('link', { name: '← Toutes les candidatures' }).click();
    await coordinator.getByRole('link', { name: 'Modifier cet appel' }).click();
    await expect(coordinator.getByLabel('Titre')).toHaveValue(
      'Appel à candidatures : 900 tuteurs et tutrices 2027',
    );
    await expect(coordinator.getByLabel('Date limite (heure de Lomé)')).toHaveValue('2027-06-30T23:59');
    await expectAccessible(coordinator, 'coordination/recrutement/appel');
    await expectNoHorizontalScroll(coordinator);
    await context.close();

    // The candidate sees the outcome.
    await page.reload();
    await expect(page.getByTestId('outcome')).toContainText('Retenue');
    await expect(page.getByTestId('outcome-note')).toContainText('Bienvenue dans la formation.');
    await expectAccessible(page, 'candidature (selected)');
    await expectNoHorizontalScroll(page);
  });
});
