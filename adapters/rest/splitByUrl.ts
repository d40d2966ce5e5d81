/**
 * Cuts keys into request-sized groups: at most `maxKeys` per group and, joined by commas after
 * `encodeURIComponent`, at most `budget` characters. A key that alone exceeds the budget is
 * left out (the caller refuses it before splitting).
 */
export function splitByUrl(keys: readonly string[], maxKeys: number, budget: number): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let length = 0;
  for (const key of keys) {
    const size = encodeURIComponent(key).length;
    const added = group.length === 0 ? size : size + 1;
    if (group.length > 0 && (group.length >= maxKeys || length + added > budget)) {
      groups.push(group);
      group = [];
      length = 0;
    }
    group.push(key);
    length += group.length === 1 ? size : size + 1;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
