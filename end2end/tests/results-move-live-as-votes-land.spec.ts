import { expect, memberAt, test } from './fixtures';
import { databaseServesInstances, SECOND_INSTANCE_URL, SecondInstance } from './fixtures/instances';
import type { Browser, Page } from '@playwright/test';

/** A new member's poll "Tea or coffee?" with its results always shown; its path. */
async function newPoll(browser: Browser, question: string): Promise<{ author: Page; pollPath: string }> {
  const author = await memberAt(browser, '/polls/new');
  await author.getByLabel('Question').fill(question);
  await author.getByLabel('Choice 1', { exact: true }).fill('Tea');
  await author.getByLabel('Choice 2', { exact: true }).fill('Coffee');
  await author.getByRole('button', { name: 'Create poll' }).click();
  await expect(author).toHaveURL(/\/polls\/\d+$/);
  return { author, pollPath: new URL(author.url()).pathname };
}

/** Someone who only watches: a browser of their own, not logged in, on the live results. */
async function watcherOf(browser: Browser, resultsUrl: string): Promise<Page> {
  const watcher = await (await browser.newContext()).newPage();
  await watcher.goto(resultsUrl);
  await expect(watcher.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(watcher.getByText('Live', { exact: true })).toBeVisible();
  // Gone after any page load: the updates below must come without one.
  await watcher.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  return watcher;
}

async function voteFor(voter: Page, pollPath: string, choice: string): Promise<void> {
  await voter.goto(pollPath);
  await voter.getByLabel(choice, { exact: true }).check();
  await voter.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(voter).toHaveURL(new RegExp(`${pollPath}/results$`));
}

async function expectNoPageLoad(watcher: Page): Promise<void> {
  const same = await watcher.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);
  expect(same).toBe(true);
}

const row = (page: Page, choice: string) => page.getByRole('listitem').filter({ hasText: choice });

test('a results page moves as another browser votes, and shows the poll closed, without a page load', async ({
  browser,
}) => {
  const { author, pollPath } = await newPoll(browser, 'Tea or coffee, live?');
  const watcher = await watcherOf(browser, `${pollPath}/results`);
  await expect(row(watcher, 'Tea')).toContainText('0 votes · 0%');
  await expect(watcher.getByText('Total: 0 votes')).toBeVisible();
  await expect(watcher.getByRole('link', { name: 'Vote on this poll' })).toBeVisible();

  await test.step('a vote in another browser shows up', async () => {
    await voteFor(author, pollPath, 'Tea');
    await expect(row(watcher, 'Tea')).toContainText('1 vote · 100%');
    await expect(row(watcher, 'Coffee')).toContainText('0 votes · 0%');
    await expect(watcher.getByText('Total: 1 vote')).toBeVisible();
    // The line under the question: who, when, open, how many.
    await expect(watcher.locator('p.meta')).toContainText('1 person voted');
    // Said to screen readers too, politely.
    await expect(watcher.locator('[aria-live="polite"]')).toContainText('Results updated. 1 person voted.');
    await expectNoPageLoad(watcher);
  });

  await test.step('a moved vote moves the numbers', async () => {
    await voteFor(author, pollPath, 'Coffee');
    await expect(row(watcher, 'Coffee')).toContainText('1 vote · 100%');
    await expect(row(watcher, 'Tea')).toContainText('0 votes · 0%');
    await expectNoPageLoad(watcher);
  });

  await test.step('closing the poll makes its results final on the open page', async () => {
    await author.getByRole('navigation').getByRole('link', { name: 'My polls' }).click();
    const poll = author.getByRole('listitem').filter({ hasText: 'Tea or coffee, live?' });
    await poll.getByRole('button', { name: 'Close now' }).click();
    await expect(author.getByText('The poll is closed. Its results are final.')).toBeVisible();
    await expect(watcher.getByText('This poll is closed: these are its final results.')).toBeVisible();
    await expect(watcher.getByText('Final results', { exact: true })).toBeVisible();
    await expect(watcher.getByText(/^Closed on /)).toBeVisible();
    // A closed poll takes no votes: its page no longer offers the ballot.
    await expect(watcher.getByRole('link', { name: 'Vote on this poll' })).toHaveCount(0);
    await expectNoPageLoad(watcher);
  });
});

test('a poll its author deletes says so on the open results page, which no longer offers the ballot', async ({
  browser,
}) => {
  const { author, pollPath } = await newPoll(browser, 'Cake or pie, deleted?');
  const watcher = await watcherOf(browser, `${pollPath}/results`);
  await expect(watcher.getByRole('link', { name: 'Vote on this poll' })).toBeVisible();

  await author.getByRole('navigation').getByRole('link', { name: 'My polls' }).click();
  const poll = author.getByRole('listitem').filter({ hasText: 'Cake or pie, deleted?' });
  await poll.getByText('Delete…').click();
  await poll.getByLabel(/^Yes, delete this poll/).check();
  await poll.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(author.getByRole('listitem').filter({ hasText: 'Cake or pie, deleted?' })).toHaveCount(0);

  await expect(watcher.getByText('This poll is no longer available', { exact: true })).toBeVisible();
  await expect(watcher.getByRole('link', { name: 'Vote on this poll' })).toHaveCount(0);
  await expectNoPageLoad(watcher);
});

test('a page whose results show after voting goes live with them once its viewer votes elsewhere', async ({ browser }) => {
  const author = await memberAt(browser, '/polls/new');
  await author.getByLabel('Question').fill('Soup or salad, sealed?');
  await author.getByLabel('Choice 1', { exact: true }).fill('Soup');
  await author.getByLabel('Choice 2', { exact: true }).fill('Salad');
  await author.getByLabel('After the person has voted').check();
  await author.getByRole('button', { name: 'Create poll' }).click();
  await expect(author).toHaveURL(/\/polls\/\d+$/);
  const pollPath = new URL(author.url()).pathname;

  // A member with the results page open in one tab votes in another.
  const voter = await memberAt(browser, pollPath);
  const resultsTab = await voter.context().newPage();
  await resultsTab.goto(`${pollPath}/results`);
  await expect(resultsTab.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(resultsTab.getByText('The results show once you have voted.')).toBeVisible();
  await expect(resultsTab.getByText('Live', { exact: true })).toBeVisible();
  await expect(resultsTab.getByRole('listitem')).toHaveCount(0);
  await voteFor(voter, pollPath, 'Salad');
  await expect(row(resultsTab, 'Salad')).toContainText('1 vote · 100%');
  await expect(resultsTab.getByText('The results show once you have voted.')).toHaveCount(0);
});

test.describe('across two instances', () => {
  test.skip(!databaseServesInstances(), 'several instances share PostgreSQL only');

  test('a vote through one instance moves the results page open on the other', async ({ browser }) => {
    const second = await SecondInstance.start();
    try {
      const { author, pollPath } = await newPoll(browser, 'Tea or coffee, on two instances?');
      const watcher = await watcherOf(browser, `${SECOND_INSTANCE_URL}${pollPath}/results`);
      await expect(row(watcher, 'Tea')).toContainText('0 votes · 0%');
      await voteFor(author, pollPath, 'Tea');
      await expect(row(watcher, 'Tea')).toContainText('1 vote · 100%');
      await expectNoPageLoad(watcher);
    } finally {
      second.stop();
    }
  });
});
