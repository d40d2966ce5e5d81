/**
 * Writes the NGO's files into `dir` (created if missing): `participants.csv` and
 * `enrolments.csv`, semicolon-delimited UTF-8 without BOM, header first, LF line ends. A field
 * is quoted when it contains the delimiter, a quote or a line break (quotes doubled), as
 * spreadsheet exports do. Files are written whole and renamed into place, so a CSV adapter
 * watching modification times never reads half a file. Resolves to the file paths and row counts.
 */
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ENROLMENT_HEADER, ngoRowsOf, PARTICIPANT_HEADER } from './ngoRowsOf.js';
import type { World } from './types.js';

export const NGO_DELIMITER = ';';

export function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(header: readonly string[], row: Readonly<Record<string, string>>): string {
  return `${header.map((h) => csvField(row[h] ?? '')).join(NGO_DELIMITER)}\n`;
}

export interface NgoFiles {
  participants: { path: string; rows: number };
  enrolments: { path: string; rows: number };
}

export async function writeNgoFiles(world: World, dir: string): Promise<NgoFiles> {
  await mkdir(dir, { recursive: true });
  const participantsPath = join(dir, 'participants.csv');
  const enrolmentsPath = join(dir, 'enrolments.csv');
  const pf = await open(`${participantsPath}.tmp`, 'w');
  const ef = await open(`${enrolmentsPath}.tmp`, 'w');
  let participants = 0;
  let enrolments = 0;
  try {
    // Lines are buffered and written in chunks: one write per line would dominate at a million people.
    let pBuf = `${PARTICIPANT_HEADER.map(csvField).join(NGO_DELIMITER)}\n`;
    let eBuf = `${ENROLMENT_HEADER.map(csvField).join(NGO_DELIMITER)}\n`;
    for (const person of world.people) {
      const rows = ngoRowsOf(world, person);
      if (rows === null) continue;
      pBuf += csvLine(PARTICIPANT_HEADER, rows.participant);
      participants++;
      for (const e of rows.enrolments) {
        eBuf += csvLine(ENROLMENT_HEADER, e);
        enrolments++;
      }
      if (pBuf.length > 1 << 16) {
        await pf.write(pBuf);
        pBuf = '';
      }
      if (eBuf.length > 1 << 16) {
        await ef.write(eBuf);
        eBuf = '';
      }
    }
    await pf.write(pBuf);
    await ef.write(eBuf);
  } finally {
    await pf.close();
    await ef.close();
  }
  await rename(`${participantsPath}.tmp`, participantsPath);
  await rename(`${enrolmentsPath}.tmp`, enrolmentsPath);
  return { participants: { path: participantsPath, rows: participants }, enrolments: { path: enrolmentsPath, rows: enrolments } };
}
