/**
 * One person: a stable id and the records that belong to them.
 *
 * @example
 * ```ts
 * for (const person of matcher.cluster(prediction).persons) console.log(person.personId, person.records.length);
 * ```
 */
export interface Person {
  /** Stable person id. */
  readonly personId: string;
  /** Record ids, sorted. */
  readonly records: readonly string[];
}

/**
 * Records grouped into persons.
 *
 * @example
 * ```ts
 * const { persons, assignments } = matcher.cluster(prediction);
 * saveAssignments(assignments);
 * ```
 */
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
 * merge that would put two records that must stay apart in one person.
 * `cannotLink` pairs (clerical decisions) bind every edge; `apart` pairs
 * (scored as clearly different people) bind every edge but a forced one (a
 * must-link decision, weight +Infinity). Returns each record's component root.
 */
export function constrainedComponents(
  size: number,
  edges: readonly ClusterEdge[],
  cannotLink: readonly (readonly [number, number])[],
  apart: readonly (readonly [number, number])[] = [],
): Int32Array {
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
  const hard = new Map<number, number[]>();
  const soft = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, a: number, b: number): void => {
    const list = map.get(a);
    if (list) list.push(b);
    else map.set(a, [b]);
  };
  for (const [a, b] of cannotLink) {
    add(hard, a, b);
    add(hard, b, a);
  }
  for (const [a, b] of apart) {
    add(soft, a, b);
    add(soft, b, a);
  }
  const blocks = (map: Map<number, number[]>, from: number, to: number): boolean => map.get(from)?.some((position) => find(position) === to) ?? false;
  const merge = (map: Map<number, number[]>, keep: number, drop: number): void => {
    const dropped = map.get(drop);
    if (!dropped) return;
    const kept = map.get(keep);
    if (kept) for (const position of dropped) kept.push(position);
    else map.set(keep, dropped);
    map.delete(drop);
  };
  const sorted = [...edges].sort((x, y) => y.weight - x.weight);
  for (const edge of sorted) {
    const rootA = find(edge.left);
    const rootB = find(edge.right);
    if (rootA === rootB) continue;
    if (blocks(hard, rootA, rootB) || blocks(hard, rootB, rootA)) continue;
    const forced = edge.weight === Number.POSITIVE_INFINITY;
    const lengthA = (soft.get(rootA)?.length ?? 0) + (hard.get(rootA)?.length ?? 0);
    const lengthB = (soft.get(rootB)?.length ?? 0) + (hard.get(rootB)?.length ?? 0);
    // Check the shorter list: either direction finds a violating pair.
    if (!forced && (lengthA <= lengthB ? blocks(soft, rootA, rootB) : blocks(soft, rootB, rootA))) continue;
    const [keep, drop] = lengthA >= lengthB ? [rootA, rootB] : [rootB, rootA];
    parent[drop] = keep;
    merge(hard, keep, drop);
    merge(soft, keep, drop);
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
