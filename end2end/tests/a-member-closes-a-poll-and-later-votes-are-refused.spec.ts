import { expect, memberAt, signUp, test, verifyPhone } from './fixtures';

// The whole scenario, once with JavaScript and once without: every step is a plain
// form post and a redirect in the second run.
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a several-answers poll: shared, results after voting, then closed by its author and a later vote refused', async ({
      page,
      browser,
      inbox,
      user,
      phone,
    }) => {
      const question = `Lunch today, ${javaScriptEnabled ? 'with' : 'without'} JavaScript?`;

      await test.step('the author makes a several-answers poll that closes in an hour', async () => {
        await signUp(page, user);
        await page.goto('/polls/new');
        await verifyPhone(page, inbox, phone, '/polls/new');
        await page.getByLabel('Question').fill(question);
        await page.getByLabel('Choice 1', { exact: true }).fill('Soup');
        await page.getByLabel('Choice 2', { exact: true }).fill('soup');
        await page.getByLabel('Several answers').check();
        await page.getByLabel('In 1 hour').check();
        await page.getByLabel('After the person has voted').check();
        await page.getByRole('button', { name: 'Create poll' }).click();
      });

      await test.step('a refusal keeps everything the author typed and chose', async () => {
        await expect(page.getByText('Choice 2 repeats an earlier one.')).toBeVisible();
        await expect(page.getByLabel('Question')).toHaveValue(question);
        await expect(page.getByLabel('Choice 1', { exact: true })).toHaveValue('Soup');
        await expect(page.getByLabel('Choice 2', { exact: true })).toHaveValue('soup');
        await expect(page.getByLabel('Several answers')).toBeChecked();
        await expect(page.getByLabel('In 1 hour')).toBeChecked();
        await expect(page.getByLabel('After the person has voted')).toBeChecked();
        await page.getByLabel('Choice 2', { exact: true }).fill('Salad');
        await page.getByRole('button', { name: 'Create poll' }).click();
        await expect(page).toHaveURL(/\/polls\/\d+$/);
      });
      const pollPath = new URL(page.url()).pathname;

      await test.step('the poll page has a share box: the link, and its QR code', async () => {
        const share = page.getByRole('region', { name: 'Share this poll' });
        await expect(share.getByLabel('Link to this poll')).toHaveValue(new RegExp(`^http://[^/]+${pollPath}$`));
        await expect(share.getByRole('img', { name: /QR code of the link/ })).toBeVisible();
        await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', question);
        await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', 'Soup · Salad');
        const copy = share.getByRole('button', { name: 'Copy link' });
        if (javaScriptEnabled) {
          await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
          await copy.click();
          await expect(share.getByText('Link copied.')).toBeVisible();
          const copied = await page.evaluate(() => navigator.clipboard.readText());
          expect(new URL(copied).pathname).toBe(pollPath);
        } else {
          // No clipboard without JavaScript: the field is there to copy from.
          await expect(copy).toBeHidden();
        }
      });

      await test.step('a stranger who opens the link is asked to log in, and told which poll', async () => {
        const stranger = await browser.newContext({ javaScriptEnabled });
        const strangerPage = await stranger.newPage();
        await strangerPage.goto(pollPath);
        await expect(strangerPage).toHaveURL(/\/login\?next=/);
        await expect(strangerPage.getByText(`Log in or sign up to vote on “${question}”.`)).toBeVisible();
        await expect(strangerPage.locator('meta[property="og:title"]')).toHaveAttribute('content', question);
        await stranger.close();
      });

      let soupId = '';
      await test.step('a second member sees no results before voting, and the results after', async () => {
        const second = await memberAt(browser, pollPath, javaScriptEnabled);
        soupId = (await second.getByLabel('Soup').getAttribute('value')) ?? '';
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
        const row = page.getByRole('listitem').filter({ hasText: question });
        await row.getByRole('button', { name: 'Close now' }).click();
        await expect(page.getByText('The poll is closed. Its results are final.')).toBeVisible();
        await expect(row.getByText(/^Closed on /)).toBeVisible();
        await expect(row.getByRole('button', { name: 'Close now' })).toHaveCount(0);
      });

      await test.step('a third member finds it closed, and a vote posted anyway is refused', async () => {
        const third = await memberAt(browser, pollPath, javaScriptEnabled);
        await expect(third.getByText('This poll is closed: it takes no more votes.')).toBeVisible();
        await expect(third.getByRole('button', { name: 'Vote' })).toHaveCount(0);
        // As a ballot left open in another tab would: the server refuses it, whatever the
        // page showed.
        const pollId = pollPath.split('/').pop()!;
        expect(soupId).toMatch(/^\d+$/);
        const response = await third.request.post('/api/vote', {
          form: { poll_id: pollId, 'choice_ids[0]': soupId },
          headers: { Origin: new URL(third.url()).origin },
        });
        expect(response.status()).toBe(409);
        await third.goto(`${pollPath}/results`);
        await expect(third.getByText('1 person voted').first()).toBeVisible();
        await third.context().close();
      });

      await test.step('the author deletes it, after ticking the confirmation', async () => {
        const row = page.getByRole('listitem').filter({ hasText: question });
        await row.getByText('Delete…').click();
        await row.getByRole('button', { name: 'Delete' }).click();
        await expect(page.getByText(`To delete “${question}”, please tick the box`)).toBeVisible();
        const again = page.getByRole('listitem').filter({ hasText: question });
        // Without JavaScript the refusal is a new page, where the box is closed again.
        if ((await again.locator('details').getAttribute('open')) === null) {
          await again.getByText('Delete…').click();
        }
        await again.getByLabel('Yes, delete this poll and its 1 vote').check();
        await again.getByRole('button', { name: 'Delete' }).click();
        await expect(page.getByText('The poll and its votes are deleted.')).toBeVisible();
        await expect(page.getByRole('listitem').filter({ hasText: question })).toHaveCount(0);
      });
    });
  });
}
