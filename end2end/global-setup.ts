import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `cargo leptos end-to-end` starts the server and Playwright at the same moment; wait until
 * the app answers before the first test, so a slow start is not a failed test.
 */
export default async function globalSetup(): Promise<() => void> {
  const forgetPhones = rememberPhonesAcrossWorkers();
  await waitForTheApp();
  // Playwright runs the function global setup returns as the run's teardown.
  return forgetPhones;
}

/**
 * Each run starts on a fresh database, so each run gets an empty list of the phone numbers its
 * tests have confirmed; workers inherit the variable, and a restarted worker reads the list.
 */
function rememberPhonesAcrossWorkers(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pollstr-e2e-'));
  const file = join(dir, 'used-phones');
  writeFileSync(file, '');
  process.env.E2E_USED_PHONES_FILE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

async function waitForTheApp(): Promise<void> {
  const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
  const deadline = Date.now() + 120_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(baseURL);
      if (response.ok) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app at ${baseURL} did not answer within 120 s: ${String(lastError)}`);
}
