/** Sum of `reintegra_adapter_batches_total` as the gateway's /metrics reports it. */
export async function backendCallsTotal(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('reintegra_adapter_batches_total{')) total += Number(line.split(' ').at(-1));
  return total;
}
