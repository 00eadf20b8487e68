/**
 * Split text into words of letters and digits, lower-case, accents removed,
 * apostrophes dropped (`O'Brien` is one word, `obrien`).
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The trigrams of one word, padded as PostgreSQL's pg_trgm pads them (two
 * spaces before, one after), so that the in-memory similarity and a
 * `pg_trgm` index agree on what is close.
 */
export function wordTrigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** Trigram set similarity (shared / union), as pg_trgm's `similarity()`. */
export function trigramSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const left = new Set(wordTrigrams(a));
  const right = wordTrigrams(b);
  let shared = 0;
  for (const gram of right) if (left.has(gram)) shared += 1;
  const union = left.size + right.length - shared;
  return union === 0 ? 0 : shared / union;
}
