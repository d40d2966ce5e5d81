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
  it('accepts the example deployment, mappings included, and says which secrets it could not read here', async () => {
    vi.stubEnv('REINTEGRA_PSEUDONYM_KEY', '');
    vi.stubEnv('REINTEGRA_AUDIT_SIGNING_KEY', '');
    const { out } = capture();
    try {
      expect(await main(['config', 'check', join(examples, 'gateway.yaml')])).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(out.join('')).toBe([
      'config ok: 5 agencies, their mappings, keys and secrets, 5 agreements',
      'not checked: pseudonyms.key: REINTEGRA_PSEUDONYM_KEY is not set here',
      'not checked: audit.signingKey: REINTEGRA_AUDIT_SIGNING_KEY is not set here',
      '',
    ].join('\n'));
  });

  it('names the mapping file and line of a field that is not in the common model, without starting anything', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reintegra-config-'));
    cpSync(examples, dir, { recursive: true });
    const mapping = join(dir, 'mappings', 'probation-rest.yaml');
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('      familyName:', '      surname:'));
    const { err } = capture();
    expect(await main(['config', 'check', join(dir, 'gateway.yaml')])).toBe(1);
    expect(err.join('')).toMatch(/invalid config\n.*probation-rest\.yaml:\d+.*surname/);
  });

  it('reads what serve reads before it connects: a missing JWKS file, a short or the demo’s pseudonym key, all at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reintegra-config-'));
    cpSync(examples, dir, { recursive: true });
    const config = join(dir, 'gateway.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('jwks: "https://idp.probacija.example/.well-known/jwks.json"', 'jwks: "file:keys/probation.json"'));
    vi.stubEnv('REINTEGRA_PSEUDONYM_KEY', 'demo-only-pseudonym-key--never-use-in-a-deployment');
    const { err } = capture();
    try {
      expect(await main(['config', 'check', config])).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(err.join('')).toContain("pseudonyms.key is the demo's public key");
    expect(err.join('')).toContain('agencies.probacija.issuer.jwks: cannot read JWKS file keys/probation.json (ENOENT)');
  });
});
