import { expect, FAVORITE_DOG, signUp, test, urlOf, verifyPhone } from './fixtures';
import type { Page } from '@playwright/test';
import type { TestPhone, TestUser } from './fixtures';
import type { DevInbox } from './fixtures/dev-inbox';
import { LoginPage } from './fixtures/accounts';
import { RecoveryCodesPage, RecoveryPage } from './fixtures/two-factor';
import { HomePage } from './fixtures/home';
import { NavBar } from './fixtures/nav';
import { PollPage } from './fixtures/polls';

/** A member with a confirmed number and their recovery codes, logged out again. */
async function memberWithRecoveryCodes(page: Page, inbox: DevInbox, user: TestUser, phone: TestPhone): Promise<string[]> {
  await signUp(page, user);
  const pollPath = await new HomePage(page).openPoll(FAVORITE_DOG);
  await page.getByLabel('Phone number').fill(phone.typed);
  await page.getByRole('button', { name: 'Send code', exact: true }).click();
  await page.getByLabel('Code', { exact: true }).fill(await inbox.latestCodeFor(phone));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
  const codes = await new RecoveryCodesPage(page).saveAndContinue();
  await new NavBar(page).logOut();
  return codes;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a member who lost their phone verifies with a recovery code, once', async ({ page, inbox, user, phone }) => {
      const codes = await memberWithRecoveryCodes(page, inbox, user, phone);
      expect(codes).toHaveLength(10);

      const login = new LoginPage(page);
      const pollPath = await new HomePage(page).pollPathOf(FAVORITE_DOG);
      await page.goto(pollPath);
      await expect(page).toHaveURL(urlOf('/login', pollPath));
      await login.logIn(user);
      await expect(page).toHaveURL(urlOf('/2fa', pollPath));

      await page.getByRole('link', { name: 'I lost my phone' }).click();
      await expect(page).toHaveURL(urlOf('/2fa/recovery', pollPath));
      const recovery = new RecoveryPage(page);
      await recovery.use(codes[0]!);
      await expect(page.getByRole('status')).toContainText('9 left');
      await page.getByRole('status').getByRole('link', { name: 'Continue' }).click();
      await expect(page).toHaveURL(urlOf(pollPath));
      await new PollPage(page).expectShowing(FAVORITE_DOG);

      // The same code does not work twice.
      await new NavBar(page).logOut();
      await page.goto(`/login?next=${encodeURIComponent('/2fa/recovery')}`);
      await login.logIn(user);
      await expect(page).toHaveURL(urlOf('/2fa/recovery'));
      await recovery.use(codes[0]!);
      await expect(page.getByRole('alert').filter({ hasText: 'not right, or it was already used' })).toBeVisible();
    });
  });
}

test('the account page shows the number, the session, the codes left and the activity, and signs out other sessions', async ({
  page,
  browser,
  inbox,
  user,
  phone,
}) => {
  await signUp(page, user);
  const pollPath = await new HomePage(page).openPoll(FAVORITE_DOG);
  await verifyPhone(page, inbox, phone, pollPath);

  // A second browser logged in as the same member.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await otherPage.goto('/login');
  await new LoginPage(otherPage).logIn(user);
  await new NavBar(otherPage).expectSignedInAs(user.username);

  await page.getByRole('navigation').getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page).toHaveURL(urlOf('/account'));
  await expect(page.getByRole('definition').filter({ hasText: `+1 •••• ••${phone.e164.slice(-4)}` })).toBeVisible();
  await expect(page.getByText(phone.e164)).toHaveCount(0);
  await expect(page.getByText(/Verified until \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^10$/ })).toBeVisible();
  const activity = page.getByRole('table');
  await expect(activity.getByRole('row').filter({ hasText: 'New code' }).filter({ hasText: 'done' })).toHaveCount(1);
  await expect(activity.getByRole('row').filter({ hasText: 'Code typed' }).filter({ hasText: 'done' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out other sessions' }).click();
  await expect(page.getByRole('status')).toContainText('other sessions are signed out');
  await otherPage.reload();
  await new NavBar(otherPage).expectSignedOut();
  await new NavBar(page).expectSignedInAs(user.username);
  await elsewhere.close();
});
