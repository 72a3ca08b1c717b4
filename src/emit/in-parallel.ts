/**
 * Runs `task` on every item, at most `limit` at a time. A file write through
 * `fs.promises` is several thread-pool round trips (open, write, close); one
 * at a time, the process mostly waits. On the first failure no further task
 * starts, the running ones are awaited, and that failure is thrown: nothing is
 * still writing when the caller cleans up.
 */
export async function inParallel<T>(input: {
  items: readonly T[];
  limit: number;
  task: (item: T) => Promise<void>;
}): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < input.items.length) {
      const item = input.items[next] as T;
      next += 1;
      try {
        await input.task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.limit, input.items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
