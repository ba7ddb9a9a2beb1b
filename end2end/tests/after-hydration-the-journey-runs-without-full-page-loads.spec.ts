import { expect, FAVORITE_DOG, resultsPathOf, test, urlOf } from './fixtures';
import type { Page } from '@playwright/test';

/** Waits for the WASM to take over the server-rendered page. */
async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** A value that lives in the page's JavaScript: a full page load wipes it. */
async function markThisDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { pollstrMark: string }).pollstrMark = 'same document';
  });
}

async function expectSameDocument(page: Page): Promise<void> {
  const mark = await page.evaluate(() => (window as unknown as { pollstrMark?: string }).pollstrMark);
  expect(mark, 'the browser did not load a new page').toBe('same document');
}

test('after hydration, sign-up, verification and voting happen without a full page load', async ({
  page,
  registerPage,
  nav,
  home,
  phoneStep,
  codeStep,
  recoveryCodes,
  inbox,
  pollPage,
  resultsPage,
  user,
  phone,
}) => {
  // The Content-Security-Policy must let the app run and block nothing of its own.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await registerPage.goto('/');
  await hydrated(page);
  await markThisDocument(page);

  await registerPage.signUp(user);
  await expect(page).toHaveURL(urlOf('/'));
  await nav.expectSignedInAs(user.username);
  await expectSameDocument(page);

  const pollPath = await home.openPoll(FAVORITE_DOG);
  await expect(page).toHaveURL(urlOf('/2fa', pollPath));
  await phoneStep.sendCodeTo(phone);
  await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  await expectSameDocument(page);

  await codeStep.enter(await inbox.latestCodeFor(phone));
  await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
  await recoveryCodes.saveAndContinue();
  await expect(page).toHaveURL(urlOf(pollPath));
  await pollPage.expectShowing(FAVORITE_DOG);
  await pollPage.voteFor('A golden retriever');
  await expect(page).toHaveURL(urlOf(resultsPathOf(pollPath)));
  await resultsPage.expectYourVoteOn('A golden retriever');
  await expectSameDocument(page);

  // The browser's back button brings the ballot back, in the same document too.
  await page.goBack();
  await expect(page).toHaveURL(urlOf(pollPath));
  await pollPage.expectShowing(FAVORITE_DOG);
  await expectSameDocument(page);
  expect(violations).toEqual([]);
});
