import { defineConfig } from 'vitest/config';

// The build lands in dist/, which the Maven build packs as classpath resources (cronium-console/).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: URLs: the console's Content-Security-Policy allows only its own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // The unit tests; e2e/ holds the browser tests, which make test-ui runs against a cluster.
  test: { include: ['test/**/*.test.ts'] },
});
