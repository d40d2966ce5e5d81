import { auditCommand } from './auditCommand.js';
import { serveCommand } from './serveCommand.js';
import { tokenCommand } from './tokenCommand.js';
import { configCommand } from './configCommand.js';

const USAGE = `reintegra — GraphQL interoperability gateway for multi-agency offender management

Usage:
  reintegra serve [--config FILE] [--port N] [--host H] [--people N] [--seed N]
      Without --config: the embedded demo world (PGlite + simulated agencies) on port 4000.
  reintegra token --agency A --role R [--role R2] [--sub S] [--ttl 15m]
      Print a JWT from the demo issuer of agency A.
  reintegra config check FILE
      Validate a gateway config file; exit 0 when valid.
  reintegra audit count [--config FILE]
      Count the audit events in the store.

Exit codes: 0 success, 1 failure, 2 bad arguments.`;

/** The `reintegra` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'token':
      return tokenCommand(rest);
    case 'config':
      return configCommand(rest);
    case 'audit':
      return auditCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`reintegra: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}
