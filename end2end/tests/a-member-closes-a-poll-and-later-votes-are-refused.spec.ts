import { expect, signUp, test, verifyPhone } from './fixtures';
import { DevInbox } from './fixtures/dev-inbox';
import { uniquePhone, uniqueUser } from './fixtures/data';
import type { Browser, Page } from '@playwright/test';

/** A new member in a browser of their own, verified, on `path`. */
async function memberAt(browser: Browser, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const inbox = new DevInbox(await context.newPage());
  await signUp(page, uniqueUser());
  await page.goto(path);
  await verifyPhone(page, inbox, uniquePhone(), path);
  return page;
}

test('a several-answers poll: results after voting, then the author closes it and a later vote is refused', async ({
  page,
  browser,
  inbox,
  user,
  phone,
}) => {
  const pollPath = await test.step('the author makes a several-answers poll that closes in an hour', async () => {
    await signUp(page, user);
    await page.goto('/polls/new');
    await verifyPhone(page, inbox, phone, '/polls/new');
    await page.getByLabel('Question').fill('Lunch today?');
    await page.getByLabel('Choice 1', { exact: true }).fill('Soup');
    await page.getByLabel('Choice 2', { exact: true }).fill('Salad');
    await page.getByLabel('Several answers').check();
    await page.getByLabel('In 1 hour').check();
    await page.getByLabel('After the person has voted').check();
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page).toHaveURL(/\/polls\/\d+$/);
    return new URL(page.url()).pathname;
  });

  await test.step('a second member sees no results before voting, and the results after', async () => {
    const second = await memberAt(browser, pollPath);
    await second.goto(`${pollPath}/results`);
    await expect(second.getByText('The results show once you have voted.')).toBeVisible();
    await second.goto(pollPath);
    await second.getByLabel('Soup').check();
    await second.getByLabel('Salad').check();
    await second.getByRole('button', { name: 'Vote' }).click();
    await expect(second).toHaveURL(new RegExp(`${pollPath}/results$`));
    await expect(second.getByText('1 person voted').first()).toBeVisible();
    // Each ticked answer has the one voter: 100 % of the people who voted.
    await expect(second.getByRole('listitem').filter({ hasText: 'Soup' })).toContainText('1 vote · 100%');
    await expect(second.getByRole('listitem').filter({ hasText: 'Salad' })).toContainText('1 vote · 100%');
    await second.context().close();
  });

  await test.step('the author closes it from "My polls"', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'My polls' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Lunch today?' });
    await row.getByRole('button', { name: 'Close now' }).click();
    await expect(page.getByText('The poll is closed. Its results are final.')).toBeVisible();
    await expect(row.getByText(/^Closed on /)).toBeVisible();
    await expect(row.getByRole('button', { name: 'Close now' })).toHaveCount(0);
  });

  await test.step('a third member finds it closed', async () => {
    const third = await memberAt(browser, pollPath);
    await expect(third.getByText('This poll is closed: it takes no more votes.')).toBeVisible();
    await expect(third.getByRole('button', { name: 'Vote' })).toHaveCount(0);
    await third.goto(`${pollPath}/results`);
    await expect(third.getByText('1 person voted').first()).toBeVisible();
    await third.context().close();
  });

  await test.step('the author deletes it, after ticking the confirmation', async () => {
    const row = page.getByRole('listitem').filter({ hasText: 'Lunch today?' });
    await row.getByText('Delete…').click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(row.getByText('Please tick the box to confirm')).toBeVisible();
    await row.getByLabel('Yes, delete this poll and its 1 vote').check();
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('The poll and its votes are deleted.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Lunch today?' })).toHaveCount(0);
  });
});
