import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;
let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reintegra config check', () => {
  it('accepts the example deployment, mappings included', async () => {
    const { out } = capture();
    expect(await main(['config', 'check', join(examples, 'gateway.yaml')])).toBe(0);
    expect(out.join('')).toBe('config ok: 5 agencies, their mappings, 5 agreements\n');
  });

  it('names the mapping file and line of a field that is not in the common model, without starting anything', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reintegra-config-'));
    cpSync(examples, dir, { recursive: true });
    const mapping = join(dir, 'mappings', 'probation-rest.yaml');
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('      familyName:', '      surname:'));
    const { err } = capture();
    expect(await main(['config', 'check', join(dir, 'gateway.yaml')])).toBe(1);
    expect(err.join('')).toMatch(/invalid mappings\n.*probation-rest\.yaml:\d+.*surname/);
  });
});
