import { expect, FAVORITE_DOG, resultsPathOf, test, urlOf } from './fixtures';

test('a new member signs up, verifies a phone by SMS, votes, and then changes the vote', async ({
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
    const path = await home.openPoll(FAVORITE_DOG);
    await expect(page).toHaveURL(urlOf('/2fa', path));
    return path;
  });

  await test.step('ask for a code by SMS', async () => {
    await phoneStep.sendCodeTo(phone);
    await expect(page).toHaveURL(urlOf('/2fa/verify', pollPath));
  });

  await test.step('type the code from the inbox, see the recovery codes once, land back on the poll', async () => {
    const code = await inbox.latestCodeFor(phone);
    await codeStep.enter(code);
    await expect(page).toHaveURL(urlOf('/account/recovery-codes', pollPath));
    await recoveryCodes.saveAndContinue();
    await expect(page).toHaveURL(urlOf(pollPath));
    await pollPage.expectShowing(FAVORITE_DOG);
  });

  const firstResults = await test.step('vote and see the results', async () => {
    await pollPage.voteFor('A beagle');
    await expect(page).toHaveURL(urlOf(resultsPathOf(pollPath)));
    await resultsPage.expectShowing(FAVORITE_DOG);
    await resultsPage.expectYourVoteOn('A beagle');
    // Other tests vote on the demo polls too, so only relative facts hold.
    const beagle = await resultsPage.voteCountOf('A beagle');
    const cantChoose = await resultsPage.voteCountOf("I can't choose!");
    const total = await resultsPage.totalVotes();
    expect(beagle).toBeGreaterThanOrEqual(1);
    expect(total).toBeGreaterThanOrEqual(beagle + cantChoose);
    return { beagle, cantChoose, total };
  });

  await test.step('vote again for another choice: the vote moves, it is not counted twice', async () => {
    await pollPage.goto(pollPath);
    await pollPage.expectShowing(FAVORITE_DOG);
    await pollPage.voteFor("I can't choose!");
    await expect(page).toHaveURL(urlOf(resultsPathOf(pollPath)));
    await resultsPage.expectYourVoteOn("I can't choose!");
    await expect(resultsPage.row('A beagle')).not.toContainText('Your vote');
    // Tests run one at a time, so nobody else voted in between.
    expect(await resultsPage.voteCountOf('A beagle')).toBe(firstResults.beagle - 1);
    expect(await resultsPage.voteCountOf("I can't choose!")).toBe(firstResults.cantChoose + 1);
    expect(await resultsPage.totalVotes()).toBe(firstResults.total);
  });
});
