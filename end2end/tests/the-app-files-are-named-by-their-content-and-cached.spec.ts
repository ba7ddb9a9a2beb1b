import { expect, test } from '@playwright/test';

// The CSS, JavaScript and WebAssembly a page loads carry their content hash in their names
// (a rolling deploy never pairs an old page with new WebAssembly), are kept for a year, and
// the page built from them hydrates. The dev build sends them uncompressed; `make release`
// adds the Brotli and gzip siblings (tests/api/serving_assets.rs checks how they are chosen).
test('a page loads its hashed files, cached as immutable, and hydrates', async ({ page }) => {
  const loaded: { url: string; cacheControl: string; status: number }[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/pkg/')) {
      loaded.push({
        url: new URL(response.url()).pathname,
        cacheControl: response.headers()['cache-control'] ?? '',
        status: response.status(),
      });
    }
  });
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  const kinds = loaded.map(({ url }) => url.split('.').pop()).sort();
  expect(kinds).toEqual(['css', 'js', 'wasm']);
  for (const file of loaded) {
    expect(file.url).toMatch(/^\/pkg\/pollstr\.[A-Za-z0-9_-]{10,}\.(css|js|wasm)$/);
    expect(file.status).toBe(200);
    expect(file.cacheControl).toBe('public, max-age=31536000, immutable');
  }
});
