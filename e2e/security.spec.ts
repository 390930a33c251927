import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { demo, openCockpit } from './helpers.ts';
import { openExercise, signInStudent, typeCode } from './student-helpers.ts';

// Demo student 21 (desktop only: Monaco is for computers); the tutor of Groupe Kara 1 (tuteur2).
// The whole app runs under the server's Content-Security-Policy: nothing it loads or runs may be refused.
// The headers do not depend on the screen, and the API documentation is for developers' computers:
// those two tests are the desktop project's only.

interface Violations {
  /** securitypolicyviolation events of the page (blocked scripts, styles, workers, fonts, sockets). */
  events: string[];
  /** Console errors about the policy (the browser's own report, workers' included). */
  console: string[];
}

/** Records every CSP violation of the page from its first script on. */
async function watchPolicy(page: Page): Promise<Violations> {
  const violations: Violations = { events: [], console: [] };
  await page.exposeFunction('reportPolicyViolation', (text: string) => violations.events.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void })
        .reportPolicyViolation;
      void report(
        `${event.effectiveDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      violations.console.push(message.text());
  });
  return violations;
}

function expectSecurityHeaders(response: APIResponse): void {
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
}

test.describe('security headers and policy', () => {
  test('pages, assets and API answers carry the security headers @desktop', async ({ page }) => {
    const response = await page.goto('/connexion');
    expect(response).not.toBeNull();
    const headers = await response!.allHeaders();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const asset = await page.evaluate(() =>
      document.querySelector('link[rel="modulepreload"]')?.getAttribute('href'),
    );
    expect(asset).toMatch(/^\/_app\/immutable\//);
    for (const url of ['/', asset!, '/api/health', '/api/me'])
      expectSecurityHeaders(await page.request.get(url));
  });

  test('the code exercise runs Monaco and its TypeScript worker under the policy @desktop', async ({
    page,
  }, testInfo) => {
    test.slow(); // the TypeScript worker starts from scratch
    const violations = await watchPolicy(page);
    await signInStudent(page, testInfo, 21, 21);
    await openExercise(page, 'programmation-js', 'compter-voyelles');
    await typeCode(page, false, "export function f(): number { return 'pas un nombre'; }");
    // The squiggle comes from the TypeScript worker: the worker was allowed to start and to answer.
    await expect(page.getByTestId('code-editor').locator('.squiggly-error').first()).toBeVisible({
      timeout: 20_000,
    });
    expect(page.workers().length).toBeGreaterThan(0);
    expect(violations).toEqual({ events: [], console: [] });
  });

  test('the tutor’s live cockpit and its socket run under the policy', async ({ page }) => {
    const violations = await watchPolicy(page);
    await openCockpit(page, demo.tutor2, 'Groupe Kara 1');
    await expect(page.getByTestId('learner-tile').first()).toBeVisible();
    expect(violations).toEqual({ events: [], console: [] });
  });

  test('the API documentation runs under the policy @desktop', async ({ page }) => {
    const violations = await watchPolicy(page);
    await page.goto('/api/docs');
    await expect(page.getByText('Tremplin API').first()).toBeVisible();
    await expect(page.locator('.opblock').first()).toBeVisible();
    expect(violations).toEqual({ events: [], console: [] });
  });
});
