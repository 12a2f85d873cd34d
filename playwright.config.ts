import { defineConfig, devices } from '@playwright/test';

// One stand-in serves the built widget page (/), the agent console (/agent/) and the LivePerson APIs.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
/** The same stand-in with TLS, for LivePerson's agent SDK (e2e/bot.spec.ts), and its certificate. */
export const E2E_TLS_PORT = E2E_PORT + 10_000;
export const E2E_CERT_FILE = `.e2e/cert-${E2E_PORT}.pem`;
const base = `http://127.0.0.1:${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Per port: Playwright empties its output folder at start, and parallel runs must not clash.
  outputDir: `test-results/e2e-${E2E_PORT}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { baseURL: base, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `./node_modules/.bin/vite build && ./node_modules/.bin/vite build --config server/console/vite.config.ts && ./node_modules/.bin/tsx server/main.ts`,
    url: `${base}/api/account/e2e/service/baseURI.json?version=1.0`,
    // Each port builds into its own folder, so parallel runs on other ports never clobber each other.
    // frame.html may be embedded by the stand-in's own pages and, explicitly, by the other local
    // origins e2e tests serve host pages from (the npm package's Vite app on a port of its own).
    env: {
      PORT: String(E2E_PORT),
      PARLEY_DIST: `.e2e/dist-${E2E_PORT}`,
      PARLEY_FRAME_ANCESTORS: 'http://127.0.0.1:*',
      TLS_PORT: String(E2E_TLS_PORT),
      TLS_CERT_FILE: E2E_CERT_FILE,
    },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
