/**
 * `cargo leptos end-to-end` starts the server and Playwright at the same moment; wait until
 * the app answers before the first test, so a slow start is not a failed test.
 */
export default async function waitForTheApp(): Promise<void> {
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
