import type { Orm } from '../db/orm.ts';
import type { Limit, Limiter } from '../schema/context.ts';
import { rateLimited } from '../schema/request-errors.ts';

/**
 * Fixed-window counters in Postgres, so every gateway copy counts against the same limit. One
 * upsert per check; expired windows are swept now and then.
 */
export class RateLimiter implements Limiter {
  readonly #orm: Orm;
  #lastSweep = 0;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  /** Counts one hit for `subject`; throws a 429 GraphQL error once the window is full. */
  async hit(limit: Limit, subject: string): Promise<void> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const windowStart = nowSeconds - (nowSeconds % limit.windowSeconds);
    const expiresAt = new Date((windowStart + limit.windowSeconds) * 1000);
    const em = this.#orm.em.fork();
    const rows = await em.execute<{ hits: number }[]>(
      `insert into rate_limit_bucket (id, hits, expires_at) values (?, 1, ?)
       on conflict (id) do update set hits = rate_limit_bucket.hits + 1 returning hits`,
      [`${limit.name}:${subject}:${windowStart}`, expiresAt],
    );
    if (nowSeconds - this.#lastSweep > 60) {
      this.#lastSweep = nowSeconds;
      await em.execute('delete from rate_limit_bucket where expires_at < now()');
    }
    if ((rows[0]?.hits ?? 0) > limit.max) {
      throw rateLimited(Math.max(1, windowStart + limit.windowSeconds - nowSeconds));
    }
  }
}
