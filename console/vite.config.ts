import { defineConfig } from 'vite';

// The build lands in dist/, which the Maven build packs as classpath resources (cronium-console/).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: URLs: the console's Content-Security-Policy allows only its own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
