import { expect, signUp, test, urlOf, verifyPhone, WHO_LET_THE_DOGS_OUT } from './fixtures';

test('a returning member sees the confirmed number masked and verifies again with a new code', async ({
  page,
  home,
  nav,
  loginPage,
  phoneStep,
  codeStep,
  inbox,
  pollPage,
  user,
  phone,
}) => {
  const pollPath = await test.step('sign up and confirm a number', async () => {
    await signUp(page, user);
    const path = await home.openPoll(WHO_LET_THE_DOGS_OUT);
    await verifyPhone(page, inbox, phone, path);
    await pollPage.expectShowing(WHO_LET_THE_DOGS_OUT);
    return path;
  });

  await test.step('log out and back in: the new session is not verified yet', async () => {
    await nav.logOut();
    await loginPage.goto(pollPath);
    await loginPage.logIn(user);
    await expect(page).toHaveURL(urlOf('/2fa', pollPath));
  });

  await test.step('the phone step shows the confirmed number masked and asks for no number', async () => {
    await phoneStep.expectMaskedNumberOf(phone);
    await expect(phoneStep.sendCodeButton).toBeVisible();
  });

  await test.step('a new code sent to that number lets the member in again', async () => {
    await phoneStep.sendCode();
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
    const code = await inbox.latestCodeFor(phone, 2);
    await codeStep.enter(code);
    await expect(page).toHaveURL(urlOf(pollPath));
    await pollPage.expectShowing(WHO_LET_THE_DOGS_OUT);
  });
});
