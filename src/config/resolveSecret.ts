import { ConfigInvalid } from '../errors/index.js';

/**
 * Resolves a secret written in the config: `env:NAME` reads the environment (so secrets stay out
 * of files); anything else is the secret itself. Too-short secrets are refused.
 */
export function resolveSecret(value: string, what: string, minLength = 32): string {
  let secret = value;
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    secret = process.env[name] ?? '';
    if (!secret) throw new ConfigInvalid(`${what}: environment variable ${name} is not set`);
  }
  if (secret.length < minLength) throw new ConfigInvalid(`${what}: must be at least ${minLength} characters`);
  return secret;
}
