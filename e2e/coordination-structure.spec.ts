import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signIn } from './helpers.ts';

// The coordination shapes the programme: a group, its tutor, a learner moved in, a module with a
// deadline; then an account's one-time reset link, which works once. Both projects share one database:
// each uses its own group, learner and account (Kara learners: no other test counts that group).

const perProject = (name: string) =>
  name === 'phone'
    ? {
        group: 'Groupe E2E téléphone',
        learner: 'etudiant22@tremplin.test',
        reset: 'etudiant24@tremplin.test',
      }
    : { group: 'Groupe E2E bureau', learner: 'etudiant21@tremplin.test', reset: 'etudiant23@tremplin.test' };

test.describe('the programme structure and the accounts', () => {
  // Several pages, each checked with axe, and a second browser context.
  test.describe.configure({ timeout: 120_000 });

  test('a coordinator creates a group, appoints its tutor, moves a learner in and enrols it with a deadline', async ({
    page,
  }, testInfo) => {
    const { group, learner } = perProject(testInfo.project.name);
    await signIn(page, 'coordination@tremplin.test');
    await expect(page).toHaveURL(/\/coordination$/);
    await page.goto('/coordination/structure');
    await expect(page.getByRole('heading', { level: 2, name: 'Structure du programme' })).toBeVisible();
    await expectAccessible(page, 'structure');
    await expectNoHorizontalScroll(page);

    // A new cohort (a programme year): its identifier follows its name; then it can hold groups.
    const cohort = `Promotion ${group.replace('Groupe ', '')} 2027`;
    await page.getByTestId('cohort-form').getByText('Créer une promotion').click();
    await page.getByLabel('Nom de la promotion').fill(cohort);
    await expect(page.getByTestId('cohort-slug')).toHaveValue(/^promotion-e2e-(bureau|telephone)-2027$/);
    await page.getByLabel('Début').fill('2027-10-01');
    await page.getByLabel('Fin').fill('2028-07-31');
    await page.getByTestId('cohort-create').click();
    await expect(page.getByTestId('cohort-created')).toContainText(cohort);
    await expect(page.getByTestId('group-cohort').locator('option', { hasText: cohort })).toHaveCount(1);
    await expectAccessible(page, 'structure with the cohort form');

    // A new group of Université de Kara, in the students' cohort.
    await page.getByLabel('Nom du groupe').fill(group);
    const university = page.getByTestId('group-university');
    const kara = await university.locator('option', { hasText: 'Kara' }).getAttribute('value');
    await university.selectOption(kara!);
    await page.getByTestId('group-create').click();
    await expect(page.getByTestId('group-created')).toContainText(group);
    const card = page.locator(`[data-testid="structure-group"][data-group-name="${group}"]`);
    await expect(card).toContainText('Aucun tuteur');

    // Its tutor: found by name, appointed with one button.
    await card.getByText(`Gérer ${group}`).click();
    await card.getByTestId('tutor-search').fill('tuteur2');
    await card.getByRole('button', { name: 'Rechercher' }).click();
    await card.getByRole('button', { name: 'Nommer Assana Tchakei' }).click();
    await expect(card.getByTestId('group-manage-done')).toContainText('Assana Tchakei est maintenant tuteur');
    await expect(card.getByTestId('group-tutors')).toHaveText('Assana Tchakei');

    // A learner of Groupe Kara 1 moves into it.
    const from = page.locator('[data-testid="structure-group"][data-group-name="Groupe Kara 1"]');
    await from.getByText('Gérer Groupe Kara 1').click();
    const learnerSelect = from.getByTestId('move-learner');
    await expect(learnerSelect.locator('option', { hasText: learner })).toHaveCount(1);
    const learnerId = await learnerSelect.locator('option', { hasText: learner }).getAttribute('value');
    await learnerSelect.selectOption(learnerId!);
    const target = from.getByTestId('move-to');
    const groupId = await target.locator('option', { hasText: group }).getAttribute('value');
    await target.selectOption(groupId!);
    await from.getByLabel('Motif (facultatif)').fill('Changement de campus');
    await from.getByTestId('move-submit').click();
    await expect(from.getByTestId('group-manage-done')).toContainText(
      'Son travail et son historique sont conservés',
    );
    await expect(card).toContainText('1 apprenant');

    // Enrolled in technical English, due on 31 March 2027 at 23:59 in Lomé.
    const module = card.getByTestId('enrol-module');
    const english = await module.locator('option', { hasText: 'Anglais technique' }).getAttribute('value');
    await module.selectOption(english!);
    await card.getByTestId('enrol-due').fill('2027-03-31T23:59');
    await card.getByTestId('enrol-submit').click();
    await expect(card.getByTestId('group-manage-done')).toContainText('Groupe inscrit');
    await expect(card.getByTestId('group-modules')).toContainText('31 mars 2027');
    await expect(card.getByTestId('group-modules')).toContainText('23:59');
    await expectAccessible(page, 'structure, a group open');
    await expectNoHorizontalScroll(page);

    // The audit log tells each step, and offers them as CSV.
    await page.getByRole('link', { name: 'Journal' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Journal de la coordination' })).toBeVisible();
    for (const action of ['group.create', 'group.set-tutors', 'learner.move', 'group.enrol-module'])
      await expect(page.getByTestId('audit-entry').filter({ hasText: action }).first()).toBeVisible();
    await expect(page.getByTestId('audit-csv')).toHaveAttribute('href', /\/api\/audit\/export/);
    await expectAccessible(page, 'journal');
    await expectNoHorizontalScroll(page);

    // The learner sees the deadline on their module.
    await page.context().clearCookies();
    await signIn(page, learner);
    await expect(page).toHaveURL(/\/etudiant$/);
    const card2 = page.getByTestId('module-card').filter({ hasText: 'Anglais technique' });
    await expect(card2.getByTestId('module-due')).toContainText('31 mars 2027');
  });

  test('a reset link, shown once, sets a new password once', async ({ page, browser }, testInfo) => {
    const { reset } = perProject(testInfo.project.name);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'coordination@tremplin.test');
    await expect(page).toHaveURL(/\/coordination$/);
    await page.goto('/coordination/comptes');
    await expect(page.getByRole('heading', { level: 2, name: 'Comptes' })).toBeVisible();
    await expectAccessible(page, 'comptes');
    await page.getByLabel('Nom ou adresse e-mail').fill(reset);
    await page.getByTestId('accounts-search').click();
    const account = page.locator(`[data-testid="account"][data-email="${reset}"]`);
    await expect(account).toHaveCount(1);
    await account.getByRole('button', { name: 'Créer un lien de réinitialisation' }).click();
    const url = await page.getByTestId('reset-link-url').inputValue();
    expect(url).toMatch(/\/reinitialisation\/[A-Za-z0-9_-]{43}$/);
    await page.getByTestId('reset-link-copy').click();
    await expect(page.getByTestId('reset-link')).toContainText('Lien copié.');
    await expectAccessible(page, 'comptes, a link shown');
    await expectNoHorizontalScroll(page);

    // Someone without a session opens the link.
    const visitor = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Africa/Lome' });
    const anonymous = await visitor.newPage();
    await anonymous.goto(url);
    await expect(anonymous.getByTestId('reset-for')).toContainText('Ce lien ne sert qu’une fois');
    await expectAccessible(anonymous, 'reinitialisation');
    await anonymous.getByTestId('reset-password').fill('court');
    await anonymous.getByTestId('reset-confirm').fill('court');
    await anonymous.getByTestId('reset-submit').click();
    await expect(anonymous.getByText('Le mot de passe doit compter au moins 10 caractères.')).toBeVisible();
    await anonymous.getByTestId('reset-password').fill('un nouveau mot de passe');
    await anonymous.getByTestId('reset-confirm').fill('un nouveau mot de passe');
    await anonymous.getByTestId('reset-submit').click();
    await expect(anonymous.getByTestId('reset-done')).toBeVisible();
    await expectNoHorizontalScroll(anonymous);

    // Once only.
    await anonymous.goto(url);
    await expect(anonymous.getByTestId('reset-invalid')).toContainText('plus valable');
    await expectAccessible(anonymous, 'reinitialisation, spent');

    // The new password opens the account.
    await signIn(anonymous, reset, 'un nouveau mot de passe');
    await expect(anonymous).toHaveURL(/\/etudiant$/);
    await visitor.close();

    // The coordinator disables and enables it again.
    page.once('dialog', (dialog) => void dialog.accept());
    await account.getByTestId('account-toggle').click();
    await expect(account.getByTestId('account-state')).toHaveText('Désactivé');
    await account.getByTestId('account-toggle').click();
    await expect(account.getByTestId('account-state')).toHaveText('Actif');
  });
});
