import AxeBuilder from '@axe-core/playwright';
import { expect, signUp, test, verifyPhone, WHATS_UP_DOG } from './fixtures';
import type { Page } from '@playwright/test';

/** WCAG 2.2 A and AA, and the earlier levels they build on. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** No violations on the page as it is now, and nothing wider than a 320 px phone. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations on ${what}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // What sticks out, named in the failure, so the culprit is plain.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 320.5 && !e.closest('.table-scroll'))
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`),
  );
  expect(width, `${what} fits a 320 px screen; too wide: ${wide.join(', ')}`).toBeLessThanOrEqual(320);
}

test.use({ viewport: { width: 320, height: 640 } });

test('every page passes WCAG 2.2 A and AA checks and fits a 320 px screen', async ({ page, inbox, user, phone }) => {
  await test.step('pages for everyone', async () => {
    for (const path of ['/', '/?tab=closed', '/?q=dog', '/login', '/register', '/login?next=%2Fpolls%2F1', '/polls/1/results', '/no-such-page']) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  });

  await test.step('the two-factor steps', async () => {
    await signUp(page, user);
    await page.goto('/2fa?next=%2Fpolls%2Fnew');
    await expectAccessible(page, '/2fa');
    await page.getByLabel('Phone number').fill(phone.typed);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page).toHaveURL(/\/2fa\/verify/);
    await expectAccessible(page, '/2fa/verify');
    await page.goto('/2fa/recovery?next=%2Fpolls%2Fnew');
    await expectAccessible(page, '/2fa/recovery');
    await page.goto('/2fa?next=%2Fpolls%2Fnew');
    // Asking again resumes the code on its way; the recovery codes page comes on the way.
    await verifyPhone(page, inbox, phone, '/polls/new');
  });

  await test.step('pages for a verified member', async () => {
    await expectAccessible(page, '/polls/new');
    await page.getByLabel('Question').fill('Which colour?');
    await page.getByLabel('Choice 1', { exact: true }).fill('Red');
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page.getByText('Please give at least 2 choices.')).toBeVisible();
    await expectAccessible(page, '/polls/new with an error');
    await page.getByLabel('Choice 2', { exact: true }).fill('Blue');
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page).toHaveURL(/\/polls\/\d+$/);
    await expectAccessible(page, 'a new poll');
    const pollPath = new URL(page.url()).pathname;
    await page.goto(`${pollPath}/edit`);
    await expectAccessible(page, 'its edit page');
    await page.goto(pollPath);
    await page.getByLabel('Red').check();
    await page.getByRole('button', { name: 'Vote' }).click();
    await expect(page).toHaveURL(/\/results$/);
    await expectAccessible(page, 'its results');
    for (const path of ['/polls/mine', '/account', '/polls/1']) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await page.goto('/');
    await expect(page.getByRole('link', { name: WHATS_UP_DOG.question })).toBeVisible();
  });
});
