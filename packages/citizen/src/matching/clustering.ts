/** One person: a stable id and the records that belong to them. */
export interface Person {
  /** Stable person id. */
  readonly personId: string;
  /** Record ids, sorted. */
  readonly records: readonly string[];
}

/** Records grouped into persons. */
export interface Clustering {
  /** Every person, largest first. */
  readonly persons: readonly Person[];
  /** Record id to person id, for every record. */
  readonly assignments: Readonly<Record<string, string>>;
}

/** An edge offered to clustering: two record positions, a weight, and whether a person forced it. */
export interface ClusterEdge {
  readonly left: number;
  readonly right: number;
  readonly weight: number;
}

/** FNV-1a, 32 bit, as 8 hex digits: short deterministic person ids. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Connected components over link edges, strongest edge first, refusing any
 * merge that would put two records with a cannot-link decision in one person.
 * Returns the component root of every record position.
 */
export function constrainedComponents(size: number, edges: readonly ClusterEdge[], cannotLink: readonly (readonly [number, number])[]): Int32Array {
  const parent = new Int32Array(size);
  for (let index = 0; index < size; index += 1) parent[index] = index;
  const find = (start: number): number => {
    let root = start;
    while (parent[root] !== root) root = parent[root] as number;
    let node = start;
    while (parent[node] !== root) {
      const next = parent[node] as number;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  // Per component root: the record positions it must never join.
  const forbidden = new Map<number, number[]>();
  for (const [a, b] of cannotLink) {
    const listA = forbidden.get(a);
    if (listA) listA.push(b);
    else forbidden.set(a, [b]);
    const listB = forbidden.get(b);
    if (listB) listB.push(a);
    else forbidden.set(b, [a]);
  }
  const sorted = [...edges].sort((x, y) => y.weight - x.weight);
  for (const edge of sorted) {
    const rootA = find(edge.left);
    const rootB = find(edge.right);
    if (rootA === rootB) continue;
    const forbiddenA = forbidden.get(rootA);
    const forbiddenB = forbidden.get(rootB);
    if (forbiddenA?.some((position) => find(position) === rootB)) continue;
    if (forbiddenB?.some((position) => find(position) === rootA)) continue;
    // Union by size of the forbidden lists keeps the merge cheap.
    const [keep, drop] = (forbiddenA?.length ?? 0) >= (forbiddenB?.length ?? 0) ? [rootA, rootB] : [rootB, rootA];
    parent[drop] = keep;
    const dropped = forbidden.get(drop);
    if (dropped) {
      const kept = forbidden.get(keep);
      if (kept) for (const position of dropped) kept.push(position);
      else forbidden.set(keep, dropped);
      forbidden.delete(drop);
    }
  }
  const roots = new Int32Array(size);
  for (let index = 0; index < size; index += 1) roots[index] = find(index);
  return roots;
}

/**
 * Give each component a person id that stays the same across runs: a person
 * keeps the previous id held by most of its records (each previous id goes
 * to one person only, the one holding most of its records); a new person gets
 * an id derived from its smallest record id, so re-running on the same data
 * gives the same ids even without the previous assignments.
 */
export function assignPersonIds(
  ids: readonly string[],
  roots: Int32Array,
  previous: ReadonlyMap<string, string>,
  prefix: string,
): Clustering {
  const members = new Map<number, string[]>();
  roots.forEach((root, position) => {
    const list = members.get(root);
    const id = ids[position] as string;
    if (list) list.push(id);
    else members.set(root, [id]);
  });
  const clusters = [...members.values()].map((records) => records.sort());
  // Candidate (cluster, previous id, overlap) triples, best overlap first.
  const claims: { cluster: number; personId: string; overlap: number }[] = [];
  clusters.forEach((records, cluster) => {
    const counts = new Map<string, number>();
    for (const id of records) {
      const held = previous.get(id);
      if (held !== undefined) counts.set(held, (counts.get(held) ?? 0) + 1);
    }
    for (const [personId, overlap] of counts) claims.push({ cluster, personId, overlap });
  });
  claims.sort((a, b) => b.overlap - a.overlap || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const chosen = new Map<number, string>();
  const taken = new Set<string>();
  for (const claim of claims) {
    if (chosen.has(claim.cluster) || taken.has(claim.personId)) continue;
    chosen.set(claim.cluster, claim.personId);
    taken.add(claim.personId);
  }
  for (const personId of previous.values()) taken.add(personId);
  const persons: Person[] = clusters.map((records, cluster) => {
    let personId = chosen.get(cluster);
    if (personId === undefined) {
      const base = `${prefix}${fnv1a(records[0] as string)}`;
      personId = base;
      for (let suffix = 2; taken.has(personId); suffix += 1) personId = `${base}-${suffix}`;
      taken.add(personId);
    }
    return { personId, records };
  });
  persons.sort((a, b) => b.records.length - a.records.length || (a.personId < b.personId ? -1 : 1));
  const assignments: Record<string, string> = {};
  for (const person of persons) for (const id of person.records) assignments[id] = person.personId;
  return { persons, assignments };
}
