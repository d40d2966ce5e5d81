import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another process (or another store in this one) has the PGlite data directory open. */
export class DataDirInUse extends Error {
  readonly code = 'ERR_STORE_IN_USE';
}

/**
 * One holder at a time per PGlite data directory. PGlite is PostgreSQL inside this process and
 * takes no lock of its own: two processes on one directory (a second gateway, or `reintegra audit`
 * beside a running one) each wrote over the other's pages, and audit events of answers already
 * given were lost. The lock is a file naming the holder's pid, created exclusively; one whose
 * process is gone (killed) is taken over. Returns the release, also run when the process exits.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'reintegra.lock');
  for (;;) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readText(path), 10);
      if (Number.isSafeInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new DataDirInUse(`the store's data directory ${dir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}: one gateway or command at a time; stop it first (if no such process of yours runs, delete ${path})`);
      }
      try {
        unlinkSync(path);
      } catch (gone) {
        if ((gone as NodeJS.ErrnoException).code !== 'ENOENT') throw gone;
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      process.removeListener('exit', release);
      if (readText(path).trim() === String(process.pid)) unlinkSync(path);
    };
    process.once('exit', release);
    return release;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
