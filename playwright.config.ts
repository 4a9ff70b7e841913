// End-to-end tests run against the production build (vite build + vite preview), so the COOP/COEP headers and
// the bundling are the ones users get. The browser is Debian's Chromium; Playwright never downloads one.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/chromium.js';

const PORT = 4173;
const PLAIN_PORT = 4174;

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores, one of them often busy with the wasm build: one worker keeps the runtime boots sequential.
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  reportSlowTests: { max: 5, threshold: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /no-isolation/ },
    // The same build served without COOP/COEP: no SharedArrayBuffer, so the documented fallbacks apply.
    {
      name: 'chromium-no-isolation',
      use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${PLAIN_PORT}/` },
      testMatch: /no-isolation(-sw)?\.spec\.ts/,
    },
  ],
  // Started in order: the first builds, the second serves the same dist/ without the isolation headers.
  webServer: [
    {
      command: `npm run build && vite preview --strictPort --port ${PORT} --host 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `vite preview --strictPort --port ${PLAIN_PORT} --host 127.0.0.1`,
      env: { PYRITE_NO_ISOLATION: '1' },
      url: `http://127.0.0.1:${PLAIN_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
