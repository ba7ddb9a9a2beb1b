import { expect, FAVORITE_DOG, signUp, test, uniqueUser, urlOf } from './fixtures';

test('sign-up refuses a username that is already taken', async ({ page, nav, registerPage, user }) => {
  await signUp(page, user);
  await nav.logOut();

  await registerPage.goto();
  await registerPage.signUp({ username: user.username, password: uniqueUser().password });
  await expect(registerPage.error('That username is taken')).toBeVisible();
  await expect(page).toHaveURL(urlOf('/register'));
  await nav.expectSignedOut();
});

test('sign-up refuses passwords that do not match', async ({ page, nav, registerPage, user }) => {
  await registerPage.goto();
  await registerPage.signUp(user, `${user.password}-typo`);
  await expect(registerPage.error('do not match')).toBeVisible();
  await expect(page).toHaveURL(urlOf('/register'));
  await nav.expectSignedOut();
});

test('log-in refuses a wrong password', async ({ page, nav, loginPage, user }) => {
  await signUp(page, user);
  await nav.logOut();

  await loginPage.goto();
  await loginPage.logIn({ username: user.username, password: `${user.password}-wrong` });
  await expect(loginPage.error('Invalid username or password')).toBeVisible();
  await expect(page).toHaveURL(urlOf('/login'));
  await nav.expectSignedOut();
});

test('the phone step refuses a number that cannot exist', async ({ page, home, phoneStep, user }) => {
  await signUp(page, user);
  const pollPath = await home.openPoll(FAVORITE_DOG);
  await expect(page).toHaveURL(urlOf('/2fa', pollPath));

  await phoneStep.phoneNumber.fill('+1 212 555 01');
  await phoneStep.sendCodeButton.click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page).toHaveURL(urlOf('/2fa', pollPath));
});
