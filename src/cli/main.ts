// Commands are loaded on demand: `reintegra token` need not load the GraphQL server.
const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  serve: async () => (await import('./serveCommand.js')).serveCommand,
  token: async () => (await import('./tokenCommand.js')).tokenCommand,
  config: async () => (await import('./configCommand.js')).configCommand,
  audit: async () => (await import('./auditCommand.js')).auditCommand,
  policy: async () => (await import('./policyCommand.js')).policyCommand,
  demo: async () => (await import('./demoCommand.js')).demoCommand,
};

const USAGE = `reintegra — GraphQL interoperability gateway for multi-agency offender management

Usage:
  reintegra serve [--config FILE] [--port N] [--host H] [--people N] [--seed N]
      Without --config: the embedded demo world (PGlite + simulated agencies) on port 4000.
      PORT, when set, is the port unless --port is given (with or without --config).
  reintegra token --agency A --role R [--role R2] [--sub S] [--client C] [--ttl 15m]
      Print a JWT from the demo issuer of agency A (--client sets its azp: the client whose
      trusted operations apply).
  reintegra policy explain --agency A --role R --purpose P --provider H --category C
                   [--assigned] [--consent] [--break-glass TEXT] [--at DATE] [--config FILE]
      May role R of agency A see category C of data held by agency H for purpose P?
      Prints ALLOW/DENY, the reason and the agreement; exit 0 allow, 1 deny, 2 bad arguments.
  reintegra policy register [--config FILE]
      The register of data-sharing agreements as Markdown.
  reintegra config check FILE
      Validate a gateway config file; exit 0 when valid.
  reintegra demo seed [options] | demo probation [options]
      The demo agencies' systems as separate services (docker compose): seed them from the
      demo generator, or serve the probation REST simulator. \`reintegra demo\` lists the options.
  reintegra audit verify --config FILE [--json] [--checkpoints FILE]
      Recompute the audit log's Merkle tree and check every signed checkpoint, and those kept
      outside the database (FILE: one JWS per line, or what audit checkpoint --json printed);
      exit 0 only when all verify, else 1 naming the first bad entry (leaf index and seq).
  reintegra audit count --config FILE | audit checkpoint --config FILE | audit keygen | audit grants --role R
      Count the events; sign a checkpoint now; print a new key for audit.signingKey; print the
      SQL that lets the gateway's database role R append to the log but never change it.

Exit codes: 0 success, 1 failure, 2 bad arguments.`;

/** The `reintegra` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const load = command ? COMMANDS[command] : undefined;
  if (load) return (await load())(rest);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`reintegra: unknown command "${command}"\n\n${USAGE}\n`);
  return 2;
}
