import { expect, resultsPathOf, test, urlOf, WHATS_UP_DOG, wrongCodeFor } from './fixtures';

// Every page must work from its server-rendered HTML and plain form posts.
test.use({ javaScriptEnabled: false });

test('without JavaScript a new member signs up, verifies a phone by SMS and votes', async ({
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
  await test.step('sign up and come back to the home page', async () => {
    await registerPage.goto('/');
    await registerPage.signUp(user);
    await expect(page).toHaveURL(urlOf('/'));
    await expect(home.heading).toBeVisible();
    await nav.expectSignedInAs(user.username);
  });

  const pollPath = await test.step('open a poll: an unverified session is sent to the phone step', async () => {
    const path = await home.openPoll(WHATS_UP_DOG);
    await expect(page).toHaveURL(urlOf('/2fa', path));
    return path;
  });

  await test.step('ask for a code and type it from the inbox', async () => {
    await phoneStep.sendCodeTo(phone);
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
    await codeStep.enter(await inbox.latestCodeFor(phone));
    await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
    await recoveryCodes.saveAndContinue();
    await expect(page).toHaveURL(urlOf(pollPath));
    await pollPage.expectShowing(WHATS_UP_DOG);
  });

  await test.step('vote and see the results', async () => {
    await pollPage.voteFor('Up, down, all the same to me');
    await expect(page).toHaveURL(urlOf(resultsPathOf(pollPath)));
    await resultsPage.expectShowing(WHATS_UP_DOG);
    await resultsPage.expectYourVoteOn('Up, down, all the same to me');
    const votes = await resultsPage.voteCountOf('Up, down, all the same to me');
    expect(votes).toBeGreaterThanOrEqual(1);
    expect(await resultsPage.totalVotes()).toBeGreaterThanOrEqual(votes);
  });
});

test('without JavaScript a wrong code is refused with a message and the right one still works', async ({
  page,
  registerPage,
  home,
  phoneStep,
  codeStep,
  recoveryCodes,
  inbox,
  pollPage,
  user,
  phone,
}) => {
  await registerPage.goto('/');
  await registerPage.signUp(user);
  await expect(page).toHaveURL(urlOf('/'));
  const pollPath = await home.openPoll(WHATS_UP_DOG);
  await expect(page).toHaveURL(urlOf('/2fa', pollPath));
  await phoneStep.sendCodeTo(phone);
  await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  const code = await inbox.latestCodeFor(phone);

  await codeStep.enter(wrongCodeFor(code));
  await expect(codeStep.wrongCodeError).toBeVisible();
  await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));

  await codeStep.enter(code);
  await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
  await recoveryCodes.saveAndContinue();
  await expect(page).toHaveURL(urlOf(pollPath));
  await pollPage.expectShowing(WHATS_UP_DOG);
});
