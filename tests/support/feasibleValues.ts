/**
 * An attacker's view of a published table, written from the definition of the layouts only (it
 * shares no code with src/statistics): every non-negative integer filling of the withheld cells
 * that agrees with every published number, and from those, the values each withheld number
 * (cell or total) can still take. Exhaustive depth-first search with pruning; for small tables.
 */

/** A published table: `null` where a number is withheld. `cells[r][c]` (one column for list and series). */
export interface PublishedTable {
  layout: 'grid' | 'list' | 'series';
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null> | null;
  columnTotals: Array<number | null> | null;
  total: number | null;
}

/** A withheld number: `cell r c`, `row r`, `column c` or `total`, with the values it can take. */
export interface Exposure {
  what: string;
  values: number[];
}

interface Constraint { cells: number[]; value: number }

/** For every withheld number, the values in 0..cap it can take given everything published. */
export function feasibleValues(table: PublishedTable, cap: number, budget = 2_000_000): Exposure[] {
  const rows = table.cells.length;
  const cols = table.cells[0]?.length ?? 0;
  const index = (r: number, c: number): number => r * cols + c;
  const all = Array.from({ length: rows * cols }, (_, i) => i);
  const rowCells = (r: number): number[] => Array.from({ length: cols }, (_, c) => index(r, c));
  const colCells = (c: number): number[] => Array.from({ length: rows }, (_, r) => index(r, c));

  // Every number of the table, as the set of interior cells it adds up.
  const numbers: Array<{ what: string; cells: number[]; value: number | null }> = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) numbers.push({ what: `cell ${r} ${c}`, cells: [index(r, c)], value: table.cells[r]![c]! });
  if (table.layout === 'grid') {
    for (let r = 0; r < rows; r++) numbers.push({ what: `row ${r}`, cells: rowCells(r), value: table.rowTotals![r]! });
    for (let c = 0; c < cols; c++) numbers.push({ what: `column ${c}`, cells: colCells(c), value: table.columnTotals![c]! });
  }
  if (table.layout !== 'series') numbers.push({ what: 'total', cells: all, value: table.total });

  const published: Constraint[] = numbers.filter((n) => n.value !== null).map((n) => ({ cells: n.cells, value: n.value! }));
  const unknown = all.filter((i) => table.cells[Math.floor(i / cols)]![i % cols] === null);
  let nodes = 0;

  /** Whether some filling of the unknown cells satisfies `constraints`. */
  const feasible = (constraints: Constraint[]): boolean => {
    nodes = 0;
    const filled = new Map<number, number>();
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (table.cells[r]![c] !== null) filled.set(index(r, c), table.cells[r]![c]!);
    const bound = (cell: number): number => Math.min(cap, ...constraints.filter((k) => k.cells.includes(cell)).map((k) => k.value));
    const bounds = new Map(unknown.map((cell) => [cell, bound(cell)]));
    const ok = (): boolean => {
      for (const k of constraints) {
        let sum = 0;
        let room = 0;
        for (const cell of k.cells) {
          const v = filled.get(cell);
          if (v === undefined) room += bounds.get(cell)!;
          else sum += v;
        }
        // Too much already, or too little even if every open cell took its largest value.
        if (sum > k.value || sum + room < k.value) return false;
      }
      return true;
    };
    const search = (i: number): boolean => {
      if (++nodes > budget) throw new Error('search budget exceeded: use a smaller table');
      if (!ok()) return false;
      if (i === unknown.length) return true;
      const cell = unknown[i]!;
      for (let v = 0; v <= bounds.get(cell)!; v++) {
        filled.set(cell, v);
        if (search(i + 1)) return true;
      }
      filled.delete(cell);
      return false;
    };
    return search(0);
  };

  return numbers
    .filter((n) => n.value === null)
    .map((n) => {
      const values: number[] = [];
      for (let v = 0; v <= cap; v++) if (feasible([...published, { cells: n.cells, value: v }])) values.push(v);
      return { what: n.what, values };
    });
}
