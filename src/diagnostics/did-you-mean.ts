/** Levenshtein distance: the fewest single-character inserts, deletes and substitutions turning `from` into `to`. */
export function editDistance(pair: { from: string; to: string }): number {
  const { from, to } = pair;
  if (from === to) return 0;
  let previous = Array.from({ length: to.length + 1 }, (_, i) => i);
  for (let i = 1; i <= from.length; i++) {
    const current = [i];
    for (let j = 1; j <= to.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (from[i - 1] === to[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[to.length] ?? 0;
}

export interface ClosestCandidatesInput {
  input: string;
  candidates: Iterable<string>;
  /** How many to return at most (default 3). */
  limit?: number;
  /** Candidates farther than this are dropped (default: a third of the input's length, at least 2). */
  maxDistance?: number;
  /** Compare case-insensitively (default true); the candidates are returned as given. */
  ignoreCase?: boolean;
}

/**
 * The candidates closest to `input`, nearest first; ties keep a stable,
 * alphabetical order so suggestions are deterministic. The input itself is never suggested.
 */
export function closestCandidates(options: ClosestCandidatesInput): string[] {
  const { input, limit = 3, ignoreCase = true } = options;
  const maxDistance = options.maxDistance ?? Math.max(2, Math.floor(input.length / 3));
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const target = fold(input);
  const scored = new Map<string, number>();
  for (const candidate of options.candidates) {
    if (candidate === input || scored.has(candidate)) continue;
    const distance = editDistance({ from: target, to: fold(candidate) });
    if (distance <= maxDistance) scored.set(candidate, distance);
  }
  return [...scored.entries()]
    .sort(([a, da], [b, db]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

/** `did you mean "a"?` or `did you mean "a", "b" or "c"?`; undefined when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  const quoted = suggestions.map((s) => `"${s}"`);
  const last = quoted.pop();
  if (last === undefined) return undefined;
  return quoted.length === 0 ? `did you mean ${last}?` : `did you mean ${quoted.join(', ')} or ${last}?`;
}

/** The same as a sentence of its own: `Did you mean "a"?`. */
export function didYouMeanSentence(suggestions: readonly string[]): string | undefined {
  const phrase = didYouMean(suggestions);
  return phrase ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : undefined;
}
