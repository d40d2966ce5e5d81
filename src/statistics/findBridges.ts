/**
 * The bridges of a bipartite multigraph-free graph: `rows` row nodes, `cols` column nodes, one
 * edge per `[row, col]` pair. An edge is a bridge when no cycle passes through it. In a table
 * whose rows and columns all have published totals, a withheld cell is uniquely determined by
 * the published numbers exactly when it is a bridge of the graph of withheld cells.
 */
export function findBridges(rows: number, cols: number, edges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const n = rows + cols;
  const adjacent: Array<Array<{ to: number; edge: number }>> = Array.from({ length: n }, () => []);
  edges.forEach(([r, c], edge) => {
    adjacent[r]!.push({ to: rows + c, edge });
    adjacent[rows + c]!.push({ to: r, edge });
  });
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const bridges: Array<[number, number]> = [];
  let time = 0;
  // Iterative DFS (Tarjan): tables may have a few hundred lines.
  for (let start = 0; start < n; start++) {
    if (order[start] !== -1) continue;
    order[start] = low[start] = time++;
    const stack: Array<{ node: number; viaEdge: number; next: number }> = [{ node: start, viaEdge: -1, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const step = adjacent[frame.node]![frame.next++];
      if (step) {
        if (step.edge === frame.viaEdge) continue;
        if (order[step.to] === -1) {
          order[step.to] = low[step.to] = time++;
          stack.push({ node: step.to, viaEdge: step.edge, next: 0 });
        } else low[frame.node] = Math.min(low[frame.node]!, order[step.to]!);
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node]! > order[parent.node]!) bridges.push(edges[frame.viaEdge]!);
    }
  }
  return bridges;
}
