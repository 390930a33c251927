import { expect, test } from '@playwright/test';
import { demo, expectAccessible, expectNoHorizontalScroll, signIn } from './helpers.ts';

// The coordination sees the programme: the dashboard, a chart's numbers, a group's gradebook and its
// CSV (the same numbers), a learner's printable report. A tutor sees the same, for their group only.

test.describe('the coordination dashboard', () => {
  // Several pages, each checked with axe: more than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test('shows the figures, the numbers behind a chart, a gradebook, its CSV and a report', async ({
    page,
  }) => {
    await signIn(page, 'coordination@tremplin.test');
    await expect(page).toHaveURL(/\/coordination$/);
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard.getByTestId('dashboard-kpis')).toBeVisible();
    // The API's count, on screen: the demo's 34 students and two tutors in training at least (other
    // specs on the same server import learners and select candidates into the training).
    const figures = (await (await page.request.get('/api/dashboard')).json()) as {
      overall: { learners: number };
      groups: { name: string }[];
    };
    expect(figures.overall.learners).toBeGreaterThanOrEqual(36);
    await expect(dashboard.getByTestId('kpi-learners')).toHaveText(String(figures.overall.learners));
    // Each bar names its group in full, in text at the page's size.
    const labels = dashboard.getByTestId('bar-chart').getByTestId('chart-bar-label');
    await expect(labels.first()).toBeVisible();
    const names = figures.groups.map((g) => g.name);
    for (const label of await labels.allTextContents()) expect(names).toContain(label);
    const size = await labels.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeLessThanOrEqual(18);
    await expect(dashboard.getByTestId('line-chart').locator('svg')).toBeVisible();
    // The group list and the sign-in lookup stay below.
    await expect(page.getByTestId('group-item').first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'dashboard');

    // The numbers behind the bars: one click away, every group with its link.
    await dashboard.getByTestId('bar-chart').getByText('Voir les chiffres').click();
    const lome = dashboard.getByTestId('group-row').filter({ hasText: 'Groupe Lomé 1' });
    await expect(lome).toBeVisible();
    await expectAccessible(page, 'dashboard with numbers');
    await lome.getByTestId('gradebook-link').click();

    await expect(page.getByTestId('gradebook-page')).toBeVisible();
    await expect(page.getByTestId('gradebook-row')).toHaveCount(17);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'gradebook');

    // The CSV has the screen's numbers, row by row.
    const href = await page.getByTestId('gradebook-csv').getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const rows = page.getByTestId('gradebook-row');
    expect(lines).toHaveLength(1 + (await rows.count()));
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const name = (await row.locator('th').innerText()).trim();
      const scores = await row
        .getByTestId('gradebook-cell')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-score') ?? ''));
      const total = await row.getByTestId('gradebook-total').getAttribute('data-score');
      const fields = lines[i + 1]!.split(',');
      expect(fields[0]).toBe(name);
      expect(fields.slice(1, 1 + scores.length)).toEqual(scores);
      expect(fields[1 + scores.length]).toBe(total);
    }

    // A learner's printable report.
    await rows.first().getByTestId('report-link').click();
    await expect(page.getByTestId('learner-report')).toBeVisible();
    await expect(page.getByTestId('report-module').first()).toBeVisible();
    await expect(page.getByTestId('report-print')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('report-print')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'learner report');
  });

  test('gives a tutor the same views for their own group only', async ({ page }) => {
    await signIn(page, demo.tutor1);
    await expect(page).toHaveURL(/\/tuteur$/);
    await page.getByTestId('tutor-dashboard-link').click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard.getByTestId('kpi-learners')).toHaveText('17');
    await dashboard.getByTestId('bar-chart').getByText('Voir les chiffres').click();
    await expect(dashboard.getByTestId('group-row')).toHaveCount(1);
    await expect(dashboard.getByTestId('group-row')).toContainText('Groupe Lomé 1');
    await expectAccessible(page, 'tutor dashboard');
    await dashboard.getByTestId('gradebook-link').click();
    await expect(page.getByTestId('gradebook-row')).toHaveCount(17);
    await expectAccessible(page, 'tutor gradebook');

    // Another group's gradebook: not found.
    const groups = await (await page.request.get('/api/groups')).json();
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['Groupe Lomé 1']);
    const coordination = await page.request.get('/api/dashboard');
    const kara = (await coordination.json()).groups.find((g: { name: string }) => g.name === 'Groupe Kara 1');
    expect(kara).toBeUndefined();
  });
});
