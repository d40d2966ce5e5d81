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
