import { expect, signUp, test, verifyPhone } from './fixtures';
import type { Page } from '@playwright/test';

/** Fills the new-poll form's question and the first choices, in the fields there are. */
async function fillPoll(page: Page, question: string, choices: string[]): Promise<void> {
  await page.getByLabel('Question').fill(question);
  for (const [i, text] of choices.entries()) {
    await page.getByLabel(`Choice ${i + 1}`, { exact: true }).fill(text);
  }
}

test('a member verifies, then makes a poll with two choices plus one added, and lands on it', async ({
  page,
  inbox,
  user,
  phone,
}) => {
  await signUp(page, user);
  await page.getByRole('navigation').getByRole('link', { name: 'New poll' }).click();
  await verifyPhone(page, inbox, phone, '/polls/new');

  await test.step('two choice fields, "Add a choice" for a third, and "Remove"', async () => {
    await expect(page.getByLabel('Choice 2', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Choice 3', { exact: true })).toBeHidden();
    await page.getByRole('button', { name: 'Add a choice' }).click();
    await expect(page.getByLabel('Choice 3', { exact: true })).toBeVisible();
    await fillPoll(page, 'Which park?', ['North', 'South', 'East']);
    await page.getByRole('button', { name: 'Remove choice 2' }).click();
    await expect(page.getByLabel('Choice 2', { exact: true })).toHaveValue('East');
    await expect(page.getByLabel('Choice 3', { exact: true })).toBeHidden();
  });

  await test.step('a refusal is shown beside its field, and what was typed stays', async () => {
    await page.getByLabel('Choice 2', { exact: true }).fill('north');
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page.getByText('Choice 2 repeats an earlier one.')).toBeVisible();
    await expect(page.getByLabel('Question')).toHaveValue('Which park?');
  });

  await test.step('create it and land on its page', async () => {
    await page.getByLabel('Choice 2', { exact: true }).fill('East');
    await page.getByLabel('In 1 hour').check();
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page).toHaveURL(/\/polls\/\d+$/);
    await expect(page.getByRole('heading', { name: 'Which park?' })).toBeVisible();
    await expect(page.getByText(`By ${user.username}`)).toBeVisible();
    await expect(page.getByText('Open, closes in 60 minutes')).toBeVisible();
    await expect(page.getByLabel('East')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form shows all ten choice fields and creates the poll', async ({ page, inbox, user, phone }) => {
    await signUp(page, user);
    await page.goto('/polls/new');
    await verifyPhone(page, inbox, phone, '/polls/new');
    await expect(page.getByLabel('Choice 10', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add a choice' })).toBeHidden();
    await fillPoll(page, 'Tea or coffee?', ['Tea', 'Coffee']);
    await page.getByRole('button', { name: 'Create poll' }).click();
    await expect(page).toHaveURL(/\/polls\/\d+$/);
    await expect(page.getByRole('heading', { name: 'Tea or coffee?' })).toBeVisible();
    await expect(page.getByText(`By ${user.username}`)).toBeVisible();
  });
});
