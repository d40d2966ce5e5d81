import type { Dispatcher } from 'undici';

/** Why a response body was refused; the message never quotes the body. */
export class BodyRefused extends Error {}

/**
 * Reads a JSON response body of at most `maxBytes` (declared or actual) and parses it.
 * Throws `BodyRefused` for an oversized body or invalid JSON.
 */
export async function readJsonBody(response: Dispatcher.ResponseData, maxBytes: number): Promise<unknown> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw new BodyRefused(`response larger than ${maxBytes} bytes`);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of response.body) {
    size += (part as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new BodyRefused(`response larger than ${maxBytes} bytes`);
    }
    parts.push(part as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(parts, size).toString('utf8'));
  } catch {
    throw new BodyRefused('response is not valid JSON');
  }
}
