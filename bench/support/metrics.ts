import { readFileSync } from 'node:fs';

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
