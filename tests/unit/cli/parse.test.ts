import { describe, expect, it } from 'vitest';
import { intOption, UsageError } from '../../../src/cli/parse.js';

describe('intOption', () => {
  it('takes decimal integers within the range', () => {
    expect(intOption('4000', 'port', 0, 65535)).toBe(4000);
    expect(intOption('0', 'port', 0, 65535)).toBe(0);
    expect(intOption(undefined, 'port', 0, 65535)).toBeUndefined();
  });

  it('refuses what Number() would quietly turn into a port: empty text, hexadecimal, exponents, spaces', () => {
    for (const value of ['', '0x1167', '4e3', ' 4000', '4000 ', '+4000', '65536', '-1', '1.5']) {
      expect(() => intOption(value, 'port', 0, 65535), JSON.stringify(value)).toThrow(new UsageError('--port must be an integer from 0 to 65535'));
    }
  });
});
