import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { describeWithServer } from './servers.js';

/** Debian's chromium (`apt-get install chromium`), for every page test. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and quiet: no background requests of Chromium's own to any other host. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium is required under CI=true (the suite fails without it); elsewhere its absence skips the suite. */
export function describeWithChromium(name: string, fn: () => void): void {
  const probe = { available: existsSync(CHROMIUM), target: CHROMIUM, reason: 'not installed: apt-get install chromium' };
  describeWithServer(probe, 'Chromium', name, fn);
}

/**
 * A page of the gateway's own (`/audit`, `/dashboard`): HTML, and a policy that loads nothing
 * but the gateway's own scripts, with Trusted Types required and no inline or remote code.
 */
export function expectStrictPagePolicy(res: Response): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
}
