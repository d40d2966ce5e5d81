/**
 * The privileges a deployment gives the gateway's database role on the audit tables, on top of
 * the append-only triggers: it may read and append, never change or remove. The tables belong to
 * another role (the one that ran the migrations), because an owner could disable the triggers.
 * `reintegra audit grants --role NAME` prints these statements; run them as the owner.
 */
export function auditGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new TypeError('role must be a lower-case SQL identifier');
  return [
    `GRANT USAGE ON SCHEMA reintegra TO ${role}`,
    `GRANT SELECT ON reintegra.migration TO ${role}`,
    `GRANT SELECT, INSERT ON reintegra.audit_request, reintegra.audit_checkpoint TO ${role}`,
    `GRANT SELECT ON reintegra.audit_event, reintegra.audit_event_row TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON reintegra.audit_event, reintegra.audit_event_row FROM ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON reintegra.audit_request, reintegra.audit_checkpoint FROM ${role}`,
    // The next leaf index; its trigger lets it only grow.
    `GRANT SELECT, UPDATE ON reintegra.audit_head TO ${role}`,
    `GRANT USAGE ON SEQUENCE reintegra.audit_request_seq_seq, reintegra.audit_checkpoint_seq_seq TO ${role}`,
  ];
}
