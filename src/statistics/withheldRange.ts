import type { TableLayout } from './suppressTable.js';

/** How far a withheld number can move from its true count: down by `fall`, up by `rise`. */
export interface Room {
  fall: number;
  rise: number;
}

/**
 * What a reader can still learn about one withheld number of a suppressed table: how far it can
 * move down and up, given every published number, every sum the table states and that no count
 * is below zero.
 *
 * The extended table (cells, row totals, column totals, grand total; `value[r][c]`, `hidden[r][c]`
 * as in `suppressTable`) is a circulation: in a `grid`, cell (r, c) is an arc from column c to
 * row r, row r's total an arc from row r to a hub, the grand total an arc from that hub to a
 * second one, column c's total an arc from the second hub to column c. Every line of the table
 * is then flow conservation at one node. In a `list`, each part is an arc from A to B and the
 * total the arc back. Published numbers are fixed flows; withheld ones are free, at least 0.
 * Starting from the true counts, a withheld number rises by `d` exactly when `d` units can flow
 * back from its arc's head to its tail through the other withheld arcs (forward without limit,
 * backwards by at most their count), and falls likewise the other way. So each bound is a
 * maximum flow, exact in integers: the constraint matrix is a network matrix, so the integer
 * and the linear bounds agree.
 *
 * `fall` is at most `value` and `rise` at most `riseLimit`: the search stops once it has found
 * that much, which is all `suppressTable` asks. `series` states no sums: every withheld number
 * is free.
 */
export function withheldRange(
  layout: TableLayout,
  value: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
  [r, c]: readonly [number, number],
  riseLimit: number,
): Room {
  const v = value[r]![c]!;
  if (layout === 'series') return { fall: v, rise: riseLimit };
  const { nodes, arcOf } = circulation(layout, value.length, value[0]!.length);
  const [tail, head] = arcOf(r, c);
  const graph = new Residual(nodes);
  for (let i = 0; i < value.length; i++) {
    for (let j = 0; j < value[i]!.length; j++) {
      if (!hidden[i]![j] || (i === r && j === c)) continue;
      const [a, b] = arcOf(i, j);
      graph.add(a, b, Infinity);
      graph.add(b, a, value[i]![j]!);
    }
  }
  const rise = riseLimit > 0 ? graph.copy().maxFlow(head, tail, riseLimit) : 0;
  const fall = v > 0 ? graph.maxFlow(tail, head, v) : 0;
  return { fall, rise };
}

function circulation(layout: TableLayout, height: number, width: number): { nodes: number; arcOf: (r: number, c: number) => [number, number] } {
  if (layout === 'list') return { nodes: 2, arcOf: (r) => (r < height - 1 ? [0, 1] : [1, 0]) };
  const rows = height - 1;
  const cols = width - 1;
  const rowsHub = rows + cols;
  const columnsHub = rows + cols + 1;
  return {
    nodes: rows + cols + 2,
    arcOf: (r, c) => {
      if (r < rows && c < cols) return [rows + c, r];
      if (r < rows) return [r, rowsHub];
      if (c < cols) return [columnsHub, rows + c];
      return [rowsHub, columnsHub];
    },
  };
}

/** A residual graph for augmenting paths (Edmonds–Karp): arc `i` and its reverse `i ^ 1`. */
class Residual {
  private to: number[] = [];
  private cap: number[] = [];
  private out: number[][];

  constructor(private readonly nodes: number) {
    this.out = Array.from({ length: nodes }, () => []);
  }

  add(from: number, to: number, capacity: number): void {
    this.out[from]!.push(this.to.length);
    this.to.push(to);
    this.cap.push(capacity);
    this.out[to]!.push(this.to.length);
    this.to.push(from);
    this.cap.push(0);
  }

  copy(): Residual {
    const other = new Residual(this.nodes);
    other.to = [...this.to];
    other.cap = [...this.cap];
    other.out = this.out.map((arcs) => [...arcs]);
    return other;
  }

  /** The largest flow from `source` to `sink`, or `limit` if at least that much can flow. Consumes the graph. */
  maxFlow(source: number, sink: number, limit: number): number {
    if (source === sink) return limit;
    let flow = 0;
    while (flow < limit) {
      const via = new Array<number>(this.nodes).fill(-1);
      const queue = [source];
      via[source] = -2;
      for (let q = 0; q < queue.length && via[sink] === -1; q++) {
        for (const arc of this.out[queue[q]!]!) {
          const next = this.to[arc]!;
          if (via[next] === -1 && this.cap[arc]! > 0) {
            via[next] = arc;
            queue.push(next);
          }
        }
      }
      if (via[sink] === -1) break;
      let push = limit - flow;
      for (let n = sink; n !== source; n = this.to[via[n]! ^ 1]!) push = Math.min(push, this.cap[via[n]!]!);
      for (let n = sink; n !== source; n = this.to[via[n]! ^ 1]!) {
        this.cap[via[n]!]! -= push;
        this.cap[via[n]! ^ 1]! += push;
      }
      flow += push;
    }
    return flow;
  }
}
