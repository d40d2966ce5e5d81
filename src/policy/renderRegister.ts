import type { GatewayConfig } from '../config/index.js';

/**
 * The register of data-sharing agreements as Markdown, for privacy officers and supervisory
 * authorities: who gets what, why, on which legal basis, under which conditions, until when.
 */
export function renderRegister(config: GatewayConfig, today = new Date().toISOString().slice(0, 10)): string {
  const name = new Map(config.agencies.map((a) => [a.id, `${a.name} (\`${a.id}\`)`]));
  const lines = [
    '# Register of data-sharing agreements',
    '',
    `Generated ${today}. ${config.agreements.length} agreements; status is as of that date.`,
    '',
    'Rules that apply before any agreement:',
    '- An agency always reaches the data its own system holds, and nothing more without an agreement.',
    '- The STATISTICS purpose never releases identity, contact or staff data.',
    '- The AUDIT purpose reads the audit log only, never agency records.',
    '- A category not released by a rule below is withheld (deny by default).',
    '',
  ];
  for (const a of config.agreements) {
    const status = today < a.valid.from ? 'not yet in force' : a.valid.until && today > a.valid.until ? 'expired' : 'in force';
    lines.push(
      `## ${a.id}: ${a.title}`,
      '',
      `| | |`,
      `| --- | --- |`,
      `| Legal basis | ${a.basis.type}: ${a.basis.citation} |`,
      `| Whose data (providers) | ${a.providers.map((p) => name.get(p) ?? p).join('; ')} |`,
      `| Who receives it | ${a.recipients.map((r) => `${name.get(r.agency) ?? r.agency}: ${r.roles.join(', ')}`).join('; ')} |`,
      `| Purposes | ${a.purposes.join(', ')} |`,
      `| Data categories | ${a.categories.join(', ')} |`,
      `| Conditions | ${a.requires.length === 0 ? 'none' : a.requires.map((r) => (r === 'assigned' ? 'caller assigned to the person (case team or caseload)' : "the person's valid consent")).join('; ')} |`,
      `| Valid | ${a.valid.from} to ${a.valid.until ?? 'open'} (${status}) |`,
      '',
    );
  }
  lines.push(
    '## Emergency access (break-glass)',
    '',
    config.emergency.roles.length === 0
      ? 'None configured.'
      : `Roles ${config.emergency.roles.join(', ')} may, with purpose EMERGENCY and a written justification, see ${config.emergency.categories.join(', ')} for that request only; every use is flagged for review in the audit log.`,
    '',
  );
  return lines.join('\n');
}
