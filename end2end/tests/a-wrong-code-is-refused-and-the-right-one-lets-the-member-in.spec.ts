import { expect, test, urlOf, WHO_LET_THE_DOGS_OUT, signUp, wrongCodeFor } from './fixtures';

test('a wrong code is refused with a message, and the right code typed afterwards lets the member in', async ({
  page,
  home,
  phoneStep,
  codeStep,
  recoveryCodes,
  inbox,
  pollPage,
  user,
  phone,
}) => {
  await signUp(page, user);
  const pollPath = await home.openPoll(WHO_LET_THE_DOGS_OUT);
  await expect(page).toHaveURL(urlOf('/2fa', pollPath));
  await phoneStep.sendCodeTo(phone);
  await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  const code = await inbox.latestCodeFor(phone);

  await test.step('a wrong code is refused and the person stays on the code step', async () => {
    const wrong = wrongCodeFor(code);
    expect(wrong).not.toBe(code);
    await codeStep.enter(wrong);
    await expect(codeStep.wrongCodeError).toBeVisible();
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
    await expect(codeStep.code).toBeVisible();
  });

  await test.step('the poll stays closed until the right code is typed', async () => {
    const other = await page.context().newPage();
    await other.goto(pollPath);
    await expect(other).toHaveURL(urlOf('/2fa', pollPath));
    await other.close();
  });

  await test.step('the right code lets the person through to the poll', async () => {
    await codeStep.enter(code);
    await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
    await recoveryCodes.saveAndContinue();
    await expect(page).toHaveURL(urlOf(pollPath));
    await pollPage.expectShowing(WHO_LET_THE_DOGS_OUT);
  });
});
