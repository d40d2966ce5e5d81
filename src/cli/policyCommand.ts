import { DATA_CATEGORIES, PURPOSES, loadConfig, type DataCategory, type GatewayConfig, type Purpose } from '../config/index.js';
import { demoPolicyConfig } from '../embedded/demoConfig.js';
import { createDecide, renderRegister } from '../policy/index.js';
import { UsageError, parse, run } from './parse.js';

/**
 * `reintegra policy explain …` answers one question of the policy with its reason and the
 * agreements involved (exit 0 allow, 1 deny, 2 bad arguments); `reintegra policy register`
 * prints the register of agreements as Markdown.
 */
export function policyCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { values, positionals } = parse(args, {
      config: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string' },
      purpose: { type: 'string' },
      provider: { type: 'string' },
      category: { type: 'string' },
      assigned: { type: 'boolean', default: false },
      consent: { type: 'boolean', default: false },
      'break-glass': { type: 'string' },
      at: { type: 'string' },
    });
    const config: GatewayConfig = values.config ? (await loadConfig(values.config)).config : demoPolicyConfig();
    if (positionals[0] === 'register') {
      process.stdout.write(renderRegister(config));
      return 0;
    }
    if (positionals[0] !== 'explain') throw new UsageError('usage: reintegra policy explain|register [options]');
    const agency = config.agencies.find((a) => a.id === values.agency);
    if (!agency) throw new UsageError(`--agency must be one of ${config.agencies.map((a) => a.id).join(', ')}`);
    if (!values.role || !agency.roles.includes(values.role)) throw new UsageError(`--role must be one of ${agency.roles.join(', ')}`);
    if (!PURPOSES.includes(values.purpose as Purpose)) throw new UsageError(`--purpose must be one of ${PURPOSES.join(', ')}`);
    if (!config.agencies.some((a) => a.id === values.provider)) throw new UsageError(`--provider must be one of ${config.agencies.map((a) => a.id).join(', ')}`);
    if (!DATA_CATEGORIES.includes(values.category as DataCategory)) throw new UsageError(`--category must be one of ${DATA_CATEGORIES.join(', ')}`);
    const at = values.at ? new Date(`${values.at}T12:00:00Z`) : new Date();
    if (Number.isNaN(at.getTime()) || (values.at && !/^\d{4}-\d{2}-\d{2}$/.test(values.at))) throw new UsageError('--at must be a date YYYY-MM-DD');
    const purpose = values.purpose as Purpose;
    const category = values.category as DataCategory;
    const provider = values.provider!;
    const decision = createDecide(config)({
      principal: { sub: 'explain', agency: agency.id, roles: [values.role], client: null },
      intent: { purpose, breakGlass: values['break-glass'] ?? null },
      purpose,
      person: 'explain',
      category,
      provider,
      facts: {
        assigned: values.assigned!,
        consents: values.consent
          ? [{ id: 'explain', provider, recipients: [agency.id], categories: [category], purposes: [purpose], validFrom: '0000-01-01', validUntil: null, withdrawnAt: null }]
          : [],
      },
      at,
    });
    const agreement = decision.agreement ? config.agreements.find((a) => a.id === decision.agreement) : undefined;
    const out = [
      decision.allow ? `ALLOW ${decision.basis}` : `DENY ${decision.reason}`,
      ...(agreement ? [`agreement: ${agreement.id}: ${agreement.title} (${agreement.basis.type}: ${agreement.basis.citation})`] : []),
      'trace:',
      ...decision.trace.map((t) => `  - ${t}`),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    return decision.allow ? 0 : 1;
  });
}
