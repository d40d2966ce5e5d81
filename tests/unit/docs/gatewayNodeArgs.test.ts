import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_ARGS } from '../../../bench/support/gatewayNodeArgs.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the Node.js flags the gateway runs with', () => {
  it('are the same for npm start, the reintegra command, the Docker image and the benchmarks', () => {
    const flags = GATEWAY_NODE_ARGS.join(' ');
    expect(flags).toBe('--max-semi-space-size=64');
    expect((JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start).toBe(`node ${flags} bin/reintegra.js serve`);
    expect(read('bin/reintegra.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
    expect(read('docker/Dockerfile')).toContain(`ENTRYPOINT ["node", ${GATEWAY_NODE_ARGS.map((f) => JSON.stringify(f)).join(', ')}, "bin/reintegra.js"]`);
  });
});
