import { MappingInvalid } from './errors.js';

/** Where in a mapping file a problem is. */
export interface MappingLocation {
  file: string;
  line?: number;
  entity?: string;
  field?: string;
}

/**
 * Builds the `MappingInvalid` every mapping problem is reported with. The message format is
 * stable (operators grep for it, tests assert it):
 * `<agency>: invalid mapping <file>:<line>: entity "<entity>", field "<field>": <reason>`,
 * the entity and field parts present only when known.
 */
export function mappingError(agency: string, where: MappingLocation, reason: string): MappingInvalid {
  const at = where.line === undefined ? where.file : `${where.file}:${where.line}`;
  const parts = [
    where.entity === undefined ? null : `entity "${where.entity}"`,
    where.field === undefined ? null : `field "${where.field}"`,
  ].filter((p) => p !== null);
  const subject = parts.length > 0 ? `${parts.join(', ')}: ` : '';
  return new MappingInvalid(agency, `${agency}: invalid mapping ${at}: ${subject}${reason}`, { where });
}
