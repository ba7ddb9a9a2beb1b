import { expect, FAVORITE_DOG, signUp, test, urlOf } from './fixtures';

test('logging out from the nav bar ends the session', async ({ page, home, nav, user }) => {
  await signUp(page, user);

  await nav.logOut();
  await nav.expectSignedOut();

  await test.step('the server forgot the session too', async () => {
    await home.goto();
    await nav.expectSignedOut();
    const pollPath = await home.openPoll(FAVORITE_DOG);
    await expect(page).toHaveURL(urlOf('/login', pollPath));
  });
});
