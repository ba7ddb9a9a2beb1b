import { expect, signUp, test, verifyPhone } from '../tests/fixtures';

test.use({ viewport: { width: 900, height: 1000 } });

test('the new-poll page, filled in', async ({ page, inbox, user, phone }) => {
  await signUp(page, user);
  await page.goto('/polls/new');
  await verifyPhone(page, inbox, phone, '/polls/new');
  await page.getByLabel('Question').fill('Where should the team lunch be on Friday?');
  await page.getByLabel('Choice 1', { exact: true }).fill('The noodle bar');
  await page.getByLabel('Choice 2', { exact: true }).fill('Tacos by the river');
  await page.getByRole('button', { name: 'Add a choice' }).click();
  await page.getByLabel('Choice 3', { exact: true }).fill('Picnic in the park');
  await page.getByLabel('Several answers').check();
  await page.getByLabel('In 1 day').check();
  await page.getByLabel('After the person has voted').check();
  await expect(page.getByRole('button', { name: 'Create poll' })).toBeVisible();
  await page.screenshot({ path: '../docs/new-poll.png', fullPage: true });
});

test('a new poll, with its share box', async ({ page, inbox, user, phone }) => {
  await signUp(page, user);
  await page.goto('/polls/new');
  await verifyPhone(page, inbox, phone, '/polls/new');
  await page.getByLabel('Question').fill('Where should the team lunch be on Friday?');
  await page.getByLabel('Choice 1', { exact: true }).fill('The noodle bar');
  await page.getByLabel('Choice 2', { exact: true }).fill('Tacos by the river');
  await page.getByLabel('In 1 day').check();
  await page.getByRole('button', { name: 'Create poll' }).click();
  await expect(page.getByRole('region', { name: 'Share this poll' })).toBeVisible();
  await page.screenshot({ path: '../docs/poll-page.png', fullPage: true });
});
