import { z } from 'zod';
import type { CaseEngine, Clock } from './engine/engine.js';
import { CaseError } from './engine/errors.js';

/**
 * Options for {@link createScheduler}.
 *
 * @example
 * ```ts
 * const options: SchedulerOptions = { engine, workerId: 'worker-1', batchSize: 100, leaseMs: 60_000 };
 * ```
 */
export interface SchedulerOptions {
  /** The engine whose timers to fire (its store holds the timers). */
  engine: CaseEngine;
  /** This worker's name; claims are leased to it. */
  workerId: string;
  /** Time source. Default: the engine's clock. */
  clock?: Clock;
  /** Timers claimed per tick. Default 50. */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the timer, ms. Default 30 000. */
  leaseMs?: number;
  /** Pause between ticks after `start()`, ms. Default 1 000. */
  intervalMs?: number;
  /** Called when a tick fails (the loop keeps going). Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * What one tick did.
 *
 * @example
 * ```ts
 * const report: TickReport = await scheduler.tick();
 * report.maxLatenessMs; // how late the latest timer fired
 * ```
 */
export interface TickReport {
  /** Timers claimed. */
  claimed: number;
  /** Timers that changed a case (warning, breach, escalation). */
  fired: number;
  /** Timers completed with nothing to do (case finished, paused or already past that point). */
  skipped: number;
  /** Timers whose firing threw; their claim lapses and a later tick retries them. */
  failed: number;
  /** Largest lateness among the claimed timers, ms. */
  maxLatenessMs: number;
}

/**
 * The timer worker: plain verbs to tick once, or to run in the background.
 *
 * @example
 * ```ts
 * const scheduler: Scheduler = createScheduler({ engine, workerId: 'web-1' });
 * scheduler.start();
 * ```
 */
export interface Scheduler {
  /** Claim due timers once and fire them. */
  tick(): Promise<TickReport>;
  /** Tick every `intervalMs` until `stop()`. */
  start(): void;
  /** Stop ticking; resolves once the current tick ends. */
  stop(): Promise<void>;
}

const optionsSchema = z.object({
  workerId: z.string().min(1),
  batchSize: z.number().int().positive().default(50),
  leaseMs: z.number().int().positive().default(30_000),
  intervalMs: z.number().int().positive().default(1_000),
});

/**
 * Create a timer scheduler. Timers are rows in the store, so a restart loses
 * nothing: a new scheduler on the same store picks up what is due. Claims use
 * the store's lease (`FOR UPDATE SKIP LOCKED` in SQL), so any number of
 * workers can run side by side and each timer fires once.
 *
 * @example
 * ```ts
 * import { createScheduler } from '@councilkit/cases';
 *
 * const scheduler = createScheduler({ engine, workerId: `web-${process.pid}` });
 * scheduler.start();
 * process.on('SIGTERM', () => void scheduler.stop());
 * ```
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success || typeof options.engine?.fireTimer !== 'function') {
    throw new CaseError(
      'invalid-options',
      `Invalid scheduler options: ${parsed.success ? 'engine is required' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { workerId, batchSize, leaseMs, intervalMs } = parsed.data;
  const engine = options.engine;
  const clock = options.clock ?? engine.clock;
  const onError = options.onError ?? ((error: unknown) => console.error('councilkit scheduler tick failed', error));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();

  async function tick(): Promise<TickReport> {
    const now = clock.now();
    const due = await engine.store.claimDueTimers({ workerId, now: now.toISOString(), limit: batchSize, leaseMs });
    const report: TickReport = { claimed: due.length, fired: 0, skipped: 0, failed: 0, maxLatenessMs: 0 };
    for (const item of due) {
      report.maxLatenessMs = Math.max(report.maxLatenessMs, now.getTime() - Date.parse(item.dueAt));
      try {
        const outcome = await engine.fireTimer(item, { workerId });
        if (outcome === 'fired') report.fired += 1;
        else report.skipped += 1;
      } catch (error) {
        report.failed += 1;
        onError(error);
      }
    }
    return report;
  }

  function loop(): void {
    if (!running) return;
    current = tick()
      .catch(onError)
      .finally(() => {
        if (running) timer = setTimeout(loop, intervalMs);
      });
  }

  return {
    tick,
    start() {
      if (running) return;
      running = true;
      loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
