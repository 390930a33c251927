import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signIn } from './helpers.ts';

// The demo coordinator imports students from a French spreadsheet: the report shows the errors by
// line and column, the fixed file goes in, a new group is created and shows in the group list.

test('imports students from a CSV file with errors, fixed, creating a new group', async ({
  page,
}, testInfo) => {
  // Two uploads, an import and three accessibility scans: more than the default 30 s on a slow phone.
  test.setTimeout(90_000);
  // Both projects share one database: each imports its own people into its own group.
  const phone = testInfo.project.name === 'phone';
  const group = phone ? 'Groupe Lomé 4' : 'Groupe Lomé 2';
  const tag = phone ? 'tel' : 'pc';
  const header = 'Email;Nom;Université;Cohorte;Groupe';
  const rows = (email: string, university: string) => [
    `akossiwa.${tag}@exemple.tg;Akossiwa Dédé;Université de Lomé;Promotion 2026-2027;${group}`,
    `${email};Komlan Agbéko;univ-lome;promotion-2026;${group}`,
    `yawa.${tag}@exemple.tg;Yawa Mensah;${university};promotion-2026;${group}`,
  ];
  const file = (lines: string[]) => ({
    name: 'etudiants.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\uFEFF' + [header, ...lines].join('\r\n') + '\r\n'),
  });

  await signIn(page, 'coordination@tremplin.test');
  await expect(page).toHaveURL(/\/coordination$/);
  await page.goto('/coordination/imports');
  await expect(
    page.getByRole('heading', { name: 'Importer des comptes depuis un fichier CSV' }),
  ).toBeVisible();
  await expectAccessible(page, 'the import page');

  // A file with two errors: a bad address (line 3), an unknown university (line 4).
  await page.getByLabel('Type d’import').selectOption('students');
  await page
    .getByLabel('Fichier CSV', { exact: true })
    .setInputFiles(file(rows('komlan.agbeko-arobase-exemple.tg', 'Université de Sokodé')));
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const report = page.getByTestId('imports-report');
  await expect(report.getByTestId('imports-summary')).toHaveText('1 ligne valide sur 3, 2 erreurs.');
  const errors = report.getByTestId('imports-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveAttribute('data-line', '3');
  await expect(errors.nth(0)).toContainText('Email');
  await expect(errors.nth(0)).toContainText('n’est pas une adresse e-mail valide');
  await expect(errors.nth(1)).toHaveAttribute('data-line', '4');
  await expect(errors.nth(1)).toContainText('Université');
  await expect(errors.nth(1)).toContainText('Université inconnue');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, 'the report with errors');

  // Fixed and uploaded again: no errors, the new group announced; imported all or nothing.
  await page
    .getByLabel('Fichier CSV', { exact: true })
    .setInputFiles(file(rows(`komlan.${tag}@exemple.tg`, 'Université de Lomé')));
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(report.getByTestId('imports-summary')).toHaveText('3 lignes valides sur 3, 0 erreur.');
  await expect(report.getByTestId('imports-groups-to-create')).toContainText(group);
  await page.getByLabel('Tout ou rien').check();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByTestId('imports-applied')).toHaveText(
    'Import terminé : 3 lignes importées, 1 groupe créé.',
  );

  // The activation links, once, as a CSV file.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger les liens d’activation (CSV)' }).click();
  const links = readFileSync((await (await downloading).path())!, 'utf8');
  expect(links.startsWith('\uFEFFemail,nom,lien\r\n')).toBe(true);
  expect(links).toContain(`akossiwa.${tag}@exemple.tg,Akossiwa Dédé,`);
  expect(links.match(/\/reinitialisation\/[\w-]+/g)).toHaveLength(3);
  await expectAccessible(page, 'the applied import');

  // The new group is in the coordination's list, with its three learners.
  await page.goto('/coordination');
  const item = page.getByTestId('group-item').filter({ hasText: group });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('group-learners')).toContainText('3');

  // And on the dashboard, in the numbers behind the groups' bars, with its three learners.
  const dashboard = page.getByTestId('dashboard');
  await dashboard.getByTestId('bar-chart').getByText('Voir les chiffres').click();
  const row = dashboard.getByTestId('group-row').filter({ hasText: group });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText('3');
});
