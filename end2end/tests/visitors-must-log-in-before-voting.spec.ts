import { DEMO_POLLS, expect, signUp, test, urlOf, WHO_LET_THE_DOGS_OUT } from './fixtures';

test('a visitor sees the demo polls, is asked to log in to vote, and after logging in is taken on towards the poll', async ({
  browser,
  baseURL,
  page,
  home,
  nav,
  loginPage,
  user,
}) => {
  await test.step('the member signs up beforehand, in another browser', async () => {
    const elsewhere = await browser.newContext({ baseURL });
    await signUp(await elsewhere.newPage(), user);
    await elsewhere.close();
  });

  await test.step('the home page lists the demo polls to anyone', async () => {
    await home.goto();
    await nav.expectSignedOut();
    for (const poll of DEMO_POLLS) {
      await expect(home.pollLink(poll)).toBeVisible();
      for (const choice of poll.choices) {
        await expect(page.getByText(choice, { exact: true })).toBeVisible();
      }
    }
  });

  const pollPath = await test.step('opening a poll asks the visitor to log in', async () => {
    const path = await home.openPoll(WHO_LET_THE_DOGS_OUT);
    await expect(page).toHaveURL(urlOf('/login', path));
    return path;
  });

  await test.step('logging in leads on to the phone step, still headed for the poll', async () => {
    await loginPage.logIn(user);
    await expect(page).toHaveURL(urlOf('/2fa', pollPath));
    await nav.expectSignedInAs(user.username);
  });
});
