import type { Dispatcher } from 'undici';

/** Why a response body was refused; the message never quotes the body. */
export class BodyRefused extends Error {}

/**
 * Lets go of a body nobody will read. `destroy()` on an unread undici body emits an 'error'
 * (`Request aborted`) that nothing listens to, which ends the process; `dump` reads a little of
 * it and closes it quietly.
 */
async function discard(response: Dispatcher.ResponseData): Promise<void> {
  await response.body.dump({ limit: 64 * 1024 }).catch(() => {});
}

/** `application/json`, or any `…/…+json` (such as `application/graphql-response+json`), with parameters. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON response body of at most `maxBytes` (declared or actual) and parses it.
 * Throws `BodyRefused` for a body declared as something else than JSON (a login page served
 * with status 200), an oversized body or invalid JSON. A body without a content type is read.
 */
export async function readJsonBody(response: Dispatcher.ResponseData, maxBytes: number): Promise<unknown> {
  const type = response.headers['content-type'];
  if (type !== undefined && !JSON_TYPE.test(Array.isArray(type) ? type.join(',') : type)) {
    await discard(response);
    throw new BodyRefused('response content type is not JSON');
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
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
