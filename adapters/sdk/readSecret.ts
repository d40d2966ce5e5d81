import { AdapterConfigInvalid } from './errors.js';

/** A secret from adapter config: `env:NAME` reads the environment now; anything else is the secret. */
export function readSecret(agency: string, value: string, what: string): string {
  if (!value.startsWith('env:')) return value;
  const secret = process.env[value.slice(4)];
  if (!secret) throw new AdapterConfigInvalid(agency, `${agency}: ${what} variable ${value.slice(4)} is not set`);
  return secret;
}
