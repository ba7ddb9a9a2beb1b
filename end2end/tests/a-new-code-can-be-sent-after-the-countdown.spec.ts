import { expect, FAVORITE_DOG, signUp, test, urlOf } from './fixtures';
import { HomePage } from './fixtures/home';

test('with JavaScript, "Send a new code" unlocks when the countdown ends and the new code works', async ({
  page,
  phoneStep,
  codeStep,
  recoveryCodes,
  inbox,
  user,
  phone,
}) => {
  // The Verify API lets a request be replaced only 30 seconds after it started.
  test.setTimeout(120_000);
  await signUp(page, user);
  const pollPath = await new HomePage(page).openPoll(FAVORITE_DOG);
  await phoneStep.sendCodeTo(phone);
  await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);

  const sendAgain = page.getByRole('button', { name: 'Send a new code' });
  await expect(sendAgain).toBeDisabled();
  await expect(page.getByText(/ask for a new one in \d+ seconds/)).toBeVisible();
  await expect(sendAgain).toBeEnabled({ timeout: 45_000 });
  await expect(page.getByText('You can ask for a new one now.')).toBeVisible();
  await sendAgain.click();
  await expect(page.getByRole('status')).toContainText('A new code is on its way.');

  const newCode = await inbox.latestCodeFor(phone, 2);
  await codeStep.enter(newCode);
  await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
  await recoveryCodes.saveAndContinue();
  await expect(page).toHaveURL(urlOf(pollPath));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the countdown is a sentence, and asking too early says how long to wait', async ({ page, phoneStep, user, phone }) => {
    await signUp(page, user);
    const pollPath = await new HomePage(page).openPoll(FAVORITE_DOG);
    await phoneStep.sendCodeTo(phone);
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
    await expect(page.getByText(/ask for a new one in \d+ seconds/)).toBeVisible();
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /You can ask for a new code in \d+ seconds/ })).toBeVisible();
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  });
});
