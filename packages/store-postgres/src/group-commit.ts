// Group commit: while commit statements are in flight, later commits wait in
// a queue and go out together as one statement when a slot frees up. A
// statement's fixed cost (a round trip, parse/bind, a transaction, a WAL
// flush) is then paid once per batch instead of once per commit, which is what
// limits throughput when many agents work at once. A commit that finds a free
// slot goes out immediately, so a lone caller waits no longer than before.

/**
 * How commits are grouped. Internal to the store; {@link SqlStoreOptions}
 * exposes the tuning knobs.
 */
export interface GroupCommitOptions<T> {
  /** Run one item on its own; resolves when it applied, rejects with its own error. */
  single(item: T): Promise<void>;
  /**
   * Run several items (two or more, no two with the same key) as one
   * statement. Resolves with one entry per item: `undefined` when it applied,
   * else the error that item's caller gets. Rejecting means the statement as a
   * whole failed; every item is then retried alone so each gets its own answer.
   */
  batch(items: readonly T[]): Promise<ReadonlyArray<Error | undefined>>;
  /** Items with the same key never share a batch (for commits: the case id). */
  key(item: T): string;
  /** Most items in one batch. */
  maxBatch: number;
  /** Most statements running at once; further items queue. */
  maxInFlight: number;
}

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/** A submit function that groups concurrent items as {@link GroupCommitOptions} describes. */
export function createGroupCommit<T>(options: GroupCommitOptions<T>): (item: T) => Promise<void> {
  const { single, batch, key, maxBatch, maxInFlight } = options;
  let queue: Array<Waiting<T>> = [];
  let inFlight = 0;
  // Keys in statements now running: a second commit for the same case waits
  // for the first, rather than meet it in the database (where two batches
  // locking each other's rows would deadlock).
  const busy = new Set<string>();
  // After a batch, its callers usually come straight back with their next
  // commit. Holding new statements until the callbacks already due have run
  // (one setImmediate) lets them leave together, instead of the first one
  // alone and the rest as a batch behind it. A single commit ending never
  // holds anything, so a lone caller is never kept waiting.
  let settling = false;

  async function runBatch(taken: Array<Waiting<T>>): Promise<void> {
    let outcomes: ReadonlyArray<Error | undefined>;
    try {
      outcomes = await batch(taken.map((waiting) => waiting.item));
    } catch {
      // One bad commit (a reused idempotency key, text PostgreSQL refuses)
      // fails the shared statement; alone, each commit gets its own answer.
      for (const waiting of taken) {
        await single(waiting.item).then(waiting.resolve, waiting.reject);
      }
      return;
    }
    taken.forEach((waiting, i) => {
      const error = outcomes[i];
      if (error === undefined) waiting.resolve();
      else waiting.reject(error);
    });
  }

  function take(): Array<Waiting<T>> {
    const taken: Array<Waiting<T>> = [];
    const keys = new Set<string>();
    const left: Array<Waiting<T>> = [];
    for (const waiting of queue) {
      const k = key(waiting.item);
      if (taken.length < maxBatch && !keys.has(k) && !busy.has(k)) {
        keys.add(k);
        taken.push(waiting);
      } else {
        left.push(waiting);
      }
    }
    queue = left;
    return taken;
  }

  function start(taken: Array<Waiting<T>>): void {
    inFlight += 1;
    const keys = taken.map((waiting) => key(waiting.item));
    for (const k of keys) busy.add(k);
    const run =
      taken.length === 1 ? single(taken[0]!.item).then(taken[0]!.resolve, taken[0]!.reject) : runBatch(taken);
    void run.finally(() => {
      inFlight -= 1;
      for (const k of keys) busy.delete(k);
      if (taken.length > 1 && !settling) {
        settling = true;
        setImmediate(() => {
          settling = false;
          flush();
        });
      }
      flush();
    });
  }

  function flush(): void {
    while (!settling && inFlight < maxInFlight && queue.length > 0) {
      const taken = take();
      // Everything queued is for a case already in flight: its turn comes when that statement ends.
      if (taken.length === 0) return;
      start(taken);
    }
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      const waiting = { item, resolve, reject };
      // Nothing queued and a slot free: start it at once, without queueing it
      // and scanning the queue to find it again, which a lone caller would pay
      // on every command.
      if (queue.length === 0 && !settling && inFlight < maxInFlight && !busy.has(key(item))) {
        start([waiting]);
      } else {
        queue.push(waiting);
        flush();
      }
    });
}
