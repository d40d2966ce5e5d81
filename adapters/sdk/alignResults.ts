/**
 * Lays `records` out along `keys` (the DataLoader contract): element i is the record whose
 * key is keys[i], or for `many` the array of all of them; `null` (or a fresh `[]` for `many`)
 * when there is none or keys[i] is null. Duplicate keys each get the value.
 *
 * `keyOf(record, index)` names the key a record answers for (null: it answers none).
 * Records may be `Error`s (a record that failed to build): the key's value is then that error,
 * also for `many`. Without `many`, a second record for a key makes the key's value
 * `duplicate(key)`.
 */
export function alignResults<T>(
  keys: readonly (string | null)[],
  keyOf: (record: T, index: number) => string | null,
  records: readonly T[],
  many: boolean,
  duplicate: (key: string) => Error = () => new Error('more than one record for one key'),
): unknown[] {
  const byKey = new Map<string, unknown>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const key = keyOf(record, i);
    if (key === null) continue;
    const current = byKey.get(key);
    if (current instanceof Error) continue;
    if (!many) byKey.set(key, current === undefined ? record : duplicate(key));
    else if (record instanceof Error) byKey.set(key, record);
    else if (current === undefined) byKey.set(key, [record]);
    else (current as T[]).push(record);
  }
  return keys.map((key) => {
    const value = key === null ? undefined : byKey.get(key);
    return value !== undefined ? value : many ? [] : null;
  });
}
