import { defineConfig, devices } from '@playwright/test';

/**
 * Pollstr end-to-end tests.
 *
 * `cargo leptos end-to-end` starts the server (simulator mode, fresh database)
 * and then runs `npx playwright test` here, so there is no `webServer` section.
 * Browsers are never downloaded: we drive Debian's Chromium (`apt-get install
 * chromium`); CHROMIUM_PATH overrides its location.
 */
export default defineConfig({
  testDir: './tests',
  // E2E_SPECS=name,name runs only those specs (the PostgreSQL run takes the journey only).
  ...(process.env.E2E_SPECS
    ? { testMatch: process.env.E2E_SPECS.split(',').map((name) => `**/${name}.spec.ts`) }
    : {}),
  globalSetup: './global-setup.ts',
  // One worker, in order: the tests share one server and its demo polls.
  fullyParallel: false,
  workers: 1,
  // No retries, on CI either: a flaky test must show.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
