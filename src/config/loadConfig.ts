import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigInvalid } from '../errors/index.js';
import { ConfigSchema, type GatewayConfig } from './configSchema.js';

export interface LoadedConfig {
  config: GatewayConfig;
  /** Folder relative paths in the config are resolved against. */
  baseDir: string;
}

/**
 * Reads and validates a gateway config file. Every problem is reported at once, each as
 * `file:line: path: message`, so an operator can fix the file in one pass.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigInvalid(`cannot read config ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  return { config: parseConfig(text, file), baseDir: dirname(path) };
}

/** Validates config text; `name` is used in error messages. */
export function parseConfig(text: string, name = 'config'): GatewayConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `${name}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    throw new ConfigInvalid(`invalid YAML\n${lines.join('\n')}`);
  }
  return validateConfig(doc.toJS(), name, (path) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const parentNode = doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0] ?? parentNode?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  });
}

/** Validates an already-parsed config object (the demo builds its config in code). */
export function validateConfig(value: unknown, name = 'config', lineOf?: (path: PropertyKey[]) => number | undefined): GatewayConfig {
  const result = ConfigSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const line = lineOf?.(issue.path);
      return `${name}${line ? `:${line}` : ''}: ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    });
    throw new ConfigInvalid(`invalid config\n${lines.join('\n')}`);
  }
  const config = result.data;
  crossCheck(config, name, lineOf);
  return config;
}

/**
 * Rules zod cannot express alone: references between agencies, roles and agreements. Each
 * problem names the place in the file it is about (`at`), so that it is reported with its line
 * like a schema problem.
 */
function crossCheck(config: GatewayConfig, name: string, lineOf?: (path: PropertyKey[]) => number | undefined): void {
  const problems: string[] = [];
  const problem = (at: PropertyKey[], text: string) => {
    const line = lineOf?.(at);
    problems.push(`${name}${line ? `:${line}` : ''}: ${text}`);
  };
  const agencies = new Map(config.agencies.map((a) => [a.id, a]));
  if (agencies.size !== config.agencies.length) problem(['agencies'], 'agencies: duplicate agency id');
  const issuers = new Set<string>();
  config.agencies.forEach((a, i) => {
    if (issuers.has(a.issuer.iss)) problem(['agencies', i, 'issuer', 'iss'], `agencies.${a.id}.issuer.iss: issuer used by two agencies`);
    issuers.add(a.issuer.iss);
  });
  const agreementIds = new Set<string>();
  config.agreements.forEach((ag, i) => {
    const at = ['agreements', i];
    if (agreementIds.has(ag.id)) problem([...at, 'id'], `agreements.${ag.id}: duplicate agreement id`);
    agreementIds.add(ag.id);
    for (const p of ag.providers) if (!agencies.has(p)) problem([...at, 'providers'], `agreements.${ag.id}.providers: unknown agency ${p}`);
    ag.recipients.forEach((r, j) => {
      const agency = agencies.get(r.agency);
      if (!agency) problem([...at, 'recipients', j], `agreements.${ag.id}.recipients: unknown agency ${r.agency}`);
      else for (const role of r.roles) if (!agency.roles.includes(role)) problem([...at, 'recipients', j], `agreements.${ag.id}.recipients: agency ${r.agency} has no role ${role}`);
    });
    if (ag.valid.until && ag.valid.until < ag.valid.from) problem([...at, 'valid'], `agreements.${ag.id}.valid: until is before from`);
    // Consent is a lawful basis only for voluntary services, never for prison or probation data.
    if (ag.basis.type === 'CONSENT') {
      for (const p of ag.providers) {
        const type = agencies.get(p)?.type;
        if (type === 'PRISON' || type === 'PROBATION') problem([...at, 'basis'], `agreements.${ag.id}.basis: consent cannot be the basis for ${type.toLowerCase()} data (${p})`);
      }
    }
  });
  for (const [section, key, list] of [['consent.recorders', ['consent', 'recorders'], config.consent.recorders], ['caseTeams.coordinators', ['caseTeams', 'coordinators'], config.caseTeams.coordinators]] as const) {
    list.forEach((r, j) => {
      const agency = agencies.get(r.agency);
      if (!agency) problem([...key, j], `${section}: unknown agency ${r.agency}`);
      else for (const role of r.roles) if (!agency.roles.includes(role)) problem([...key, j], `${section}: agency ${r.agency} has no role ${role}`);
    });
  }
  const projectIds = new Set<string>();
  config.statistics.projects.forEach((project, i) => {
    const at = ['statistics', 'projects', i];
    if (projectIds.has(project.id)) problem([...at, 'id'], `statistics.projects.${project.id}: duplicate project id`);
    projectIds.add(project.id);
    if (project.valid.until < project.valid.from) problem([...at, 'valid'], `statistics.projects.${project.id}.valid: until is before from`);
    project.recipients.forEach((r, j) => {
      const agency = agencies.get(r.agency);
      if (!agency) problem([...at, 'recipients', j], `statistics.projects.${project.id}.recipients: unknown agency ${r.agency}`);
      else for (const role of r.roles) if (!agency.roles.includes(role)) problem([...at, 'recipients', j], `statistics.projects.${project.id}.recipients: agency ${r.agency} has no role ${role}`);
    });
  });
  const allRoles = new Set(config.agencies.flatMap((a) => a.roles));
  for (const role of config.emergency.roles) if (!allRoles.has(role)) problem(['emergency', 'roles'], `emergency.roles: no agency has role ${role}`);
  // GraphiQL reads the schema by introspection; without it the page could only show an error.
  if (config.server.graphiql && !config.server.introspection) problem(['server', 'graphiql'], 'server.graphiql: needs server.introspection: true (GraphiQL reads the schema by introspection)');
  if (config.persistedOperations.mode !== 'off' && !config.persistedOperations.manifest) problem(['persistedOperations', 'mode'], `persistedOperations.manifest: required when mode is ${config.persistedOperations.mode}`);
  if (problems.length > 0) throw new ConfigInvalid(`invalid config\n${problems.join('\n')}`);
}
