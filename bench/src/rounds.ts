/**
 * Runs several contenders in rounds: a warm-up round first (discarded: it
 * fills the disk cache and compiles nothing that later runs would not), then
 * `runs` measured rounds. Inside a round the contenders run back to back and
 * the order rotates from round to round, so that neither always runs first
 * after the machine settles.
 */
export async function runRounds<K extends string, T>(input: {
  contenders: Record<K, () => Promise<T>>;
  runs: number;
  warmups?: number;
  onRun?: (info: { round: number; contender: K; result: T }) => void;
}): Promise<Record<K, T[]>> {
  const keys = Object.keys(input.contenders) as K[];
  const results = Object.fromEntries(keys.map((key) => [key, [] as T[]])) as Record<K, T[]>;
  const warmups = input.warmups ?? 1;
  for (let round = 0; round < warmups + input.runs; round += 1) {
    const order = keys.map((_, i) => keys[(i + round) % keys.length] as K);
    for (const key of order) {
      const result = await input.contenders[key]();
      input.onRun?.({ round: round - warmups, contender: key, result });
      if (round >= warmups) results[key].push(result);
    }
  }
  return results;
}
