/**
 * Real headless Chromium for the e2e tests, driven by playwright-core (which never downloads a
 * browser): Debian's `chromium` package at /usr/bin/chromium. When it is missing and we run as root
 * (as CI does), it is installed with apt-get; otherwise the test fails with the command to run. The
 * tests never skip for want of a browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const INSTALL_COMMAND = 'apt-get update -q && apt-get install -y -q chromium';

/**
 * Flags for this machine's closed network: without the background-networking ones, Chromium keeps
 * trying to reach Google's hosts.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

function found(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM_PATHS.find((candidate) => existsSync(candidate));
}

/** The path of a Chromium binary, installing Debian's package when missing and running as root. */
export function findChromium(): string {
  const existing = found();
  if (existing) return existing;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('bash', ['-c', INSTALL_COMMAND], {
        stdio: 'pipe',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        timeout: 600_000,
      });
    } catch (error) {
      const output = String((error as { stderr?: Buffer }).stderr ?? error);
      throw new Error(`Chromium is missing and \`${INSTALL_COMMAND}\` failed:\n${output.slice(-2000)}`);
    }
    const installed = found();
    if (installed) return installed;
    throw new Error(`\`${INSTALL_COMMAND}\` ran but no Chromium is at ${CHROMIUM_PATHS.join(' or ')}.`);
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM_PATHS[0]}. Install it (as root):\n  ${INSTALL_COMMAND}`,
  );
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Starts headless Chromium with a fresh, empty profile that `close()` removes. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-chromium-'));
  // playwright passes the profile folder as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1366, height: 860 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
