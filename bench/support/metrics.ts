import { readdirSync, readFileSync } from 'node:fs';

/** Sum of `reintegra_adapter_batches_total` as the gateway's /metrics reports it. */
export async function backendCallsTotal(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('reintegra_adapter_batches_total{')) total += Number(line.split(' ').at(-1));
  return total;
}

/**
 * CPU time (user + system, every thread) a process has used so far, in seconds, from
 * `/proc/<pid>/stat` (clock ticks of 1/100 s, Linux's fixed USER_HZ); NaN where there is no
 * /proc. Differences over a load window give CPU per request: the comparison seen by cost rather
 * than by throughput (on a noisy machine it moves nearly as much).
 */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Scheduler figures of a process's main thread (`/proc/<pid>/task/<pid>/schedstat`, Linux). */
interface ThreadSched {
  /** Time on a CPU, ms. */
  onCpuMs: number;
  /** Time ready to run but waiting for a CPU (another process or thread had it), ms. */
  waitingMs: number;
}

/**
 * The main thread's time on a CPU and waiting for one so far; NaN where there is no schedstat.
 * The main thread is the one JavaScript runs on: a server that keeps it on a CPU less than the
 * whole time is either waiting for I/O or pushed off its core by other processes.
 */
function mainThreadSched(pid: number): ThreadSched {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { onCpuMs: onCpu! / 1e6, waitingMs: waiting! / 1e6 };
  } catch {
    return { onCpuMs: Number.NaN, waitingMs: Number.NaN };
  }
}

/** Busy CPU time of the whole machine so far (all cores, every process), in seconds; NaN without /proc. */
function machineBusySeconds(): number {
  try {
    // cpu  user nice system idle iowait irq softirq steal ... (USER_HZ ticks)
    const t = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return (t.reduce((a, b) => a + b, 0) - t[3]! - t[4]!) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time of each process of this machine's PostgreSQL server so far (every process named
 * `postgres`: the backends serving the gateway's store, the WAL writer and the others), in
 * seconds by pid; empty without /proc, or where PostgreSQL runs on another machine.
 */
function postgresCpuByPid(): Map<number, number> {
  const byPid = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return byPid;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const used = cpuSeconds(Number(entry));
      if (Number.isFinite(used)) byPid.set(Number(entry), used);
    } catch {
      // Gone since the listing.
    }
  }
  return byPid;
}

/**
 * What PostgreSQL's processes used between two readings. A process that started in between counts
 * whole; one that exited in between (an idle connection closed by its pool) drops out, so the
 * figure can fall short, never go negative.
 */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, used] of after) total += Math.max(0, used - (before.get(pid) ?? 0));
  return total;
}

/** What a process, its main thread, PostgreSQL and the whole machine used over some work (differences of the readings above). */
export interface Use {
  cpuSeconds: number;
  mainOnCpuMs: number;
  mainWaitingMs: number;
  postgresCpuSeconds: number;
  machineBusySeconds: number;
}

/** Nothing used yet: the start of a sum of `Use`s. */
export function noUse(): Use {
  return { cpuSeconds: 0, mainOnCpuMs: 0, mainWaitingMs: 0, postgresCpuSeconds: 0, machineBusySeconds: 0 };
}

/** Adds `use` into `total`, figure by figure. */
export function addUse(total: Use, use: Use): void {
  for (const key of Object.keys(use) as Array<keyof Use>) total[key] += use[key];
}

function readUse(pid: number): Omit<Use, 'postgresCpuSeconds'> & { postgres: Map<number, number> } {
  const sched = mainThreadSched(pid);
  return { cpuSeconds: cpuSeconds(pid), mainOnCpuMs: sched.onCpuMs, mainWaitingMs: sched.waitingMs, postgres: postgresCpuByPid(), machineBusySeconds: machineBusySeconds() };
}

/** Runs `work` (a load window against the server `pid`) and reads what it cost, for CPU per request and the like. */
export async function measured<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; use: Use }> {
  const before = readUse(pid);
  const result = await work();
  const after = readUse(pid);
  return {
    result,
    use: {
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      mainOnCpuMs: after.mainOnCpuMs - before.mainOnCpuMs,
      mainWaitingMs: after.mainWaitingMs - before.mainWaitingMs,
      postgresCpuSeconds: postgresCpuBetween(before.postgres, after.postgres),
      machineBusySeconds: after.machineBusySeconds - before.machineBusySeconds,
    },
  };
}
