/**
 * `make screenshots`: the README's pictures, taken from the running app (see the Makefile).
 * The same browser settings as the tests; only the folder differs.
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './screenshots',
  testMatch: undefined,
});
