/* global process */
// Debian's Chromium and the launch flags that work on this project's machines
// (Playwright never downloads a browser). Shared by playwright.config.ts and
// the benchmark (bench/run.js).
export const CHROMIUM = process.env.PYRITE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
