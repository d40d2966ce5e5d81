/**
 * The probation REST simulator over a generated world, alone in its own process: the "backend"
 * of the overhead and fan-out benchmarks. Argv: people, delay in ms (fan-out), copies (fan-out).
 * Prints `READY <json: urls> <json: sample identifiers known to probation>`.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWorld, startProbationServer } from '../../src/demo/index.js';

const people = Number(process.argv[2] ?? 2000);
const delayMs = Number(process.argv[3] ?? 0);
const copies = Number(process.argv[4] ?? 1);
const world = generateWorld({ seed: 1, people });
const backend = await startProbationServer(world, { port: 0 });
const urls: string[] = [];
if (delayMs === 0) urls.push(backend.url);
else {
  // A slow agency: each answer leaves `delayMs` after the request arrived. The simulator is
  // asked at once over a kept-alive connection and its answer held back until then, so the
  // proxy adds its delay and not the delay plus a fresh connection and the simulator's time.
  const target = new URL(backend.url);
  const agent = new Agent({ keepAlive: true });
  for (let i = 0; i < copies; i++) {
    const proxy = createServer((req, res) => {
      const due = performance.now() + delayMs;
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const body = Buffer.concat(chunks);
          setTimeout(() => {
            res.writeHead(r.statusCode ?? 502, { 'content-type': r.headers['content-type'] ?? 'application/json', 'content-length': body.length });
            res.end(body);
          }, Math.max(0, due - performance.now()));
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    urls.push(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
  }
}
const sample = world.people.filter((p) => p.refs.probation !== null).slice(0, 1000).map((p) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value }));
process.stdout.write(`READY ${JSON.stringify(urls)} ${JSON.stringify(sample)}\n`);
process.on('SIGTERM', () => process.exit(0));
