import type { Orm } from '../db/orm.ts';
import type { Limit, Limiter } from '../schema/context.ts';
import { rateLimited } from '../schema/request-errors.ts';

/**
 * Sliding-window counters in Postgres, so every gateway copy counts against the same limit. Each
 * window has a row of hits; a check counts this window's hits plus the previous window's, weighted
 * by how much of it still overlaps the last `windowSeconds`. A fixed window alone would let a
 * client send twice its budget across a boundary, and would reset its count mid-burst. One round
 * trip per check; expired windows are swept now and then.
 */
export class RateLimiter implements Limiter {
  readonly #orm: Orm;
  readonly #clock: () => number;
  #lastSweep = 0;

  /** `clock` gives the time in milliseconds (tests move it across a window's boundary). */
  constructor(orm: Orm, clock: () => number = Date.now) {
    this.#orm = orm;
    this.#clock = clock;
  }

  /** Counts one hit for `subject`; throws a 429 GraphQL error once the window is full. */
  async hit(limit: Limit, subject: string): Promise<void> {
    const now = this.#clock() / 1000;
    const windowSeconds = limit.windowSeconds;
    const windowStart = Math.floor(now / windowSeconds) * windowSeconds;
    // A window's row is read during the next one too, so it lives for two windows.
    const expiresAt = new Date((windowStart + 2 * windowSeconds) * 1000);
    const key = (start: number) => `${limit.name}:${subject}:${start}`;
    const em = this.#orm.em.fork();
    const [row] = await em.execute<{ hits: number; previous: number }[]>(
      `with current_window as (
         insert into rate_limit_bucket (id, hits, expires_at) values (?, 1, ?)
         on conflict (id) do update set hits = rate_limit_bucket.hits + 1 returning hits
       )
       select current_window.hits,
              coalesce((select hits from rate_limit_bucket where id = ?), 0) as previous
         from current_window`,
      [key(windowStart), expiresAt, key(windowStart - windowSeconds)],
    );
    if (now - this.#lastSweep > 60) {
      this.#lastSweep = now;
      await em.execute('delete from rate_limit_bucket where expires_at < now()');
    }
    const hits = Number(row?.hits ?? 0);
    const previous = Number(row?.previous ?? 0);
    const elapsed = now - windowStart;
    const overlap = 1 - elapsed / windowSeconds;
    if (previous * overlap + hits > limit.max) {
      throw rateLimited(Math.max(1, Math.ceil(retryAfter(limit.max, hits, previous, elapsed, windowSeconds))));
    }
  }
}

/** Seconds until the weighted count falls back to `max`: the previous window's share shrinks linearly. */
function retryAfter(max: number, hits: number, previous: number, elapsed: number, windowSeconds: number): number {
  if (hits >= max || previous === 0) return windowSeconds - elapsed;
  const freeAt = windowSeconds * (1 - (max - hits) / previous);
  return Math.min(windowSeconds - elapsed, freeAt - elapsed);
}
