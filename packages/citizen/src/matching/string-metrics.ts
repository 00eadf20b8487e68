// Scratch buffers are shared between calls: the scorer compares millions of
// short strings and a fresh allocation per pair would dominate the cost.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let dlTable = new Int32Array(1024);
// Last row each UTF-16 code unit was seen in, for Damerau-Levenshtein (reset after each call).
const lastRowOf = new Int32Array(65_536);

function ensureScratch(size: number): void {
  if (flagsA.length < size) {
    flagsA = new Uint8Array(size * 2);
    flagsB = new Uint8Array(size * 2);
  }
}

/**
 * Jaro similarity between two strings, from 0 (nothing in common) to 1
 * (identical). Compares UTF-16 code units, case-sensitively: normalise first.
 *
 * @example
 * ```ts
 * jaro('MARTHA', 'MARHTA'); // 0.9444…
 * ```
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  ensureScratch(Math.max(lengthA, lengthB));
  flagsA.fill(0, 0, lengthA);
  flagsB.fill(0, 0, lengthB);
  let matches = 0;
  for (let i = 0; i < lengthA; i += 1) {
    const start = Math.max(0, i - window);
    const end = Math.min(lengthB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = start; j <= end; j += 1) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i += 1) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions += 1;
    k += 1;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / lengthA + matches / lengthB + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro-Winkler similarity: Jaro with a bonus for a shared prefix of up to four
 * characters (scaling factor 0.1). Names that agree at the start, where typos
 * are rarest, score higher.
 *
 * @example
 * ```ts
 * jaroWinkler('MARTHA', 'MARHTA'); // 0.9611…
 * jaroWinkler('DWAYNE', 'DUANE'); // 0.84
 * ```
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const similarity = jaro(a, b);
  if (similarity === 1 || similarity === 0) return similarity;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return similarity + prefix * prefixScale * (1 - similarity);
}

/**
 * Levenshtein edit distance: insertions, deletions and substitutions each cost one.
 *
 * @example
 * ```ts
 * levenshtein('kitten', 'sitting'); // 3
 * ```
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/**
 * Damerau-Levenshtein distance (the unrestricted form, Lowrance-Wagner):
 * insertions, deletions, substitutions and transpositions of adjacent
 * characters each cost one, and a transposed pair may be edited again. So
 * `CA` to `ABC` is 2, where the restricted "optimal string alignment" variant
 * says 3.
 *
 * @example
 * ```ts
 * damerauLevenshtein('Rboert', 'Robert'); // 1
 * damerauLevenshtein('CA', 'ABC'); // 2
 * ```
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0) return lengthB;
  if (lengthB === 0) return lengthA;
  const infinity = lengthA + lengthB;
  const width = lengthB + 2;
  const cells = (lengthA + 2) * width;
  if (dlTable.length < cells) dlTable = new Int32Array(cells * 2);
  const table = dlTable;
  // Row 0 and column 0 hold the sentinel; the table is (lengthA + 2) x (lengthB + 2).
  table[0] = infinity;
  for (let i = 0; i <= lengthA; i += 1) {
    table[(i + 1) * width] = infinity;
    table[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= lengthB; j += 1) {
    table[j + 1] = infinity;
    table[width + j + 1] = j;
  }
  for (let i = 1; i <= lengthA; i += 1) {
    let lastMatchingColumn = 0;
    const codeA = a.charCodeAt(i - 1);
    for (let j = 1; j <= lengthB; j += 1) {
      const codeB = b.charCodeAt(j - 1);
      const k = lastRowOf[codeB] as number;
      const l = lastMatchingColumn;
      let cost = 1;
      if (codeA === codeB) {
        cost = 0;
        lastMatchingColumn = j;
      }
      const substitution = (table[i * width + j] as number) + cost;
      const insertion = (table[(i + 1) * width + j] as number) + 1;
      const deletion = (table[i * width + j + 1] as number) + 1;
      const transposition = (table[k * width + l] as number) + (i - k - 1) + 1 + (j - l - 1);
      let best = substitution < insertion ? substitution : insertion;
      if (deletion < best) best = deletion;
      if (transposition < best) best = transposition;
      table[(i + 1) * width + j + 1] = best;
    }
    lastRowOf[codeA] = i;
  }
  // Reset only what this call touched, so the next call starts from zeros.
  for (let i = 0; i < lengthA; i += 1) lastRowOf[a.charCodeAt(i)] = 0;
  return table[(lengthA + 1) * width + lengthB + 1] as number;
}

// Per-code-unit tallies for the quick lower bound below (reset after each call).
const tally = new Int32Array(65_536);

/**
 * Whether the Damerau-Levenshtein distance is at most `limit`, rejecting
 * cheaply first: each edit changes the multiset of characters by at most two,
 * so a multiset difference over `2 * limit` settles it without the table.
 */
export function damerauLevenshteinWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  for (let i = 0; i < a.length; i += 1) tally[a.charCodeAt(i)] = (tally[a.charCodeAt(i)] as number) + 1;
  for (let i = 0; i < b.length; i += 1) tally[b.charCodeAt(i)] = (tally[b.charCodeAt(i)] as number) - 1;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) {
    const code = a.charCodeAt(i);
    difference += Math.abs(tally[code] as number);
    tally[code] = 0;
  }
  for (let i = 0; i < b.length; i += 1) {
    const code = b.charCodeAt(i);
    difference += Math.abs(tally[code] as number);
    tally[code] = 0;
  }
  if (difference > 2 * limit) return false;
  return damerauLevenshtein(a, b) <= limit;
}

/**
 * An upper bound on Jaro-Winkler from the shared characters alone (as a
 * multiset, ignoring the matching window and transpositions), so pairs that
 * cannot reach a band skip the full metric.
 */
export function jaroWinklerUpperBound(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a === b ? 1 : 0;
  for (let i = 0; i < a.length; i += 1) tally[a.charCodeAt(i)] = (tally[a.charCodeAt(i)] as number) + 1;
  let common = 0;
  for (let i = 0; i < b.length; i += 1) {
    const code = b.charCodeAt(i);
    if ((tally[code] as number) > 0) {
      tally[code] = (tally[code] as number) - 1;
      common += 1;
    }
  }
  for (let i = 0; i < a.length; i += 1) tally[a.charCodeAt(i)] = 0;
  if (common === 0) return 0;
  const jaroBound = (common / a.length + common / b.length + 1) / 3;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaroBound + prefix * 0.1 * (1 - jaroBound);
}
