/**
 * The environment of every server a benchmark starts (gateways, the bare server, the agencies'
 * simulators): the caller's, with `NODE_ENV=production`, as the Docker image runs the gateway.
 * It matters to the bare server of `overhead`: graphql-js in development mode checks every
 * `instanceof` across realms, 0.7 ms of the bare server's 8.0 ms per request in a CPU profile,
 * where the gateway's compiled execution hardly uses it.
 */
export const SERVER_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
