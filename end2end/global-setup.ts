import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Before the first test: a place for the run's phone numbers, and the app answering
 * (`cargo leptos end-to-end` starts the server and Playwright at the same moment, and a slow
 * start is not a failed test).
 */
export default async function globalSetup(): Promise<() => void> {
  const forgetPhones = rememberPhonesAcrossWorkers();
  await waitForTheApp();
  // Playwright runs the function global setup returns as the run's teardown.
  return forgetPhones;
}

/**
 * Each run starts on a fresh database, so each run gets an empty directory of the phone
 * numbers its tests have claimed (`uniquePhone`); workers inherit the variable, and a
 * restarted worker finds the claims of those before it. Removed when the run ends.
 */
function rememberPhonesAcrossWorkers(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pollstr-e2e-phones-'));
  process.env.E2E_USED_PHONES_DIR = dir;
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
