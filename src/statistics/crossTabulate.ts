/** The label that open-ended values too rare to show on their own are merged into. */
export const OTHER_LABEL = 'OTHER';

/** One person's place in a table: the row and (for grids) the column they count in. */
export interface Tally {
  person: string;
  row: string;
  column?: string;
}

export interface CrossTabOptions {
  /** Row labels in order; `'observed'` takes the labels present, sorted. */
  rows: readonly string[] | 'observed';
  /** Column labels (grids); `'observed'` as for rows; omitted for one-column tables. */
  columns?: readonly string[] | 'observed';
  /**
   * Open-ended (observed) rows or columns whose total is below this are merged into `OTHER`,
   * so that a rare label (an establishment, a municipality) is not revealed by its presence.
   */
  mergeBelow: number;
  /**
   * Row labels that exist even when nobody is tallied in them (e.g. every establishment holding
   * people), so that a label's absence cannot tell a reader that a row is empty.
   */
  rowUniverse?: readonly string[];
}

/**
 * Counts distinct people per (row, column): a person tallied twice in the same cell counts once.
 * Fixed label lists keep every label (zeros included); observed ones are merged into `OTHER`
 * when rare. Returns labels and the `counts[r][c]` grid (one column when `columns` is omitted).
 */
export function crossTabulate(tallies: readonly Tally[], options: CrossTabOptions): { rows: string[]; columns: string[]; counts: number[][] } {
  const cells = new Map<string, Set<string>>();
  const rowTotals = new Map<string, Set<string>>();
  const colTotals = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, person: string): void => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(person);
  };
  const grid = options.columns !== undefined;
  for (const label of options.rowUniverse ?? []) if (!rowTotals.has(label)) rowTotals.set(label, new Set());
  for (const t of tallies) {
    const column = grid ? (t.column ?? OTHER_LABEL) : '';
    add(cells, `${t.row}\u0000${column}`, t.person);
    add(rowTotals, t.row, t.person);
    add(colTotals, column, t.person);
  }
  const labels = (spec: readonly string[] | 'observed', totals: Map<string, Set<string>>): { labels: string[]; map: (l: string) => string } => {
    if (spec !== 'observed') return { labels: [...spec], map: (l) => l };
    const rare = new Set([...totals].filter(([, people]) => people.size < options.mergeBelow).map(([l]) => l));
    const kept = [...totals.keys()].filter((l) => !rare.has(l) && l !== OTHER_LABEL).sort((a, b) => a.localeCompare(b));
    const other = rare.size > 0 || totals.has(OTHER_LABEL);
    return { labels: other ? [...kept, OTHER_LABEL] : kept, map: (l) => (rare.has(l) ? OTHER_LABEL : l) };
  };
  const r = labels(options.rows, rowTotals);
  const c = grid ? labels(options.columns!, colTotals) : { labels: [''], map: (l: string) => l };
  // Merging can put one person in the same cell twice: count distinct people per merged cell.
  const merged = new Map<string, Set<string>>();
  for (const [key, people] of cells) {
    const [row, column] = key.split('\u0000') as [string, string];
    const target = `${r.map(row)}\u0000${c.map(column)}`;
    let set = merged.get(target);
    if (!set) merged.set(target, (set = new Set()));
    for (const p of people) set.add(p);
  }
  const counts = r.labels.map((row) => c.labels.map((column) => merged.get(`${row}\u0000${column}`)?.size ?? 0));
  return { rows: r.labels, columns: grid ? c.labels : [], counts };
}
