/**
 * The Node.js flags the gateway runs with wherever it is started (`npm start`, the `reintegra`
 * command's shebang, the Docker image), so the benchmarks measure it as deployed. A 64 MiB young
 * generation: a request allocates a few megabytes of short-lived records and events, and with
 * V8's default semi-space the scavenger ran often enough to take 16–18% of a busy gateway's CPU
 * (`--cpu-prof`); with it the overhead scenario's gateway went from 95.6 to 117.9 req/s.
 * tests/unit/docs/gatewayNodeArgs.test.ts checks the places agree.
 */
export const GATEWAY_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
