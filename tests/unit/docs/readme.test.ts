import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../../src/demo/index.js';
import { demoExample, exampleBody } from '../../../src/embedded/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('shows the demo person and officer that `npm start` really serves', () => {
    const example = demoExample(generateWorld({ seed: 1, people: 2000 }));
    expect(readme).toContain(`--agency probation --role probation_officer --sub ${example.officer})`);
    expect(readme).toContain(`-d '${exampleBody(example)}'`);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
