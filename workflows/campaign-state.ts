/**
 * What a campaign's workflow knows, with its rules: pause, resume and cancel, the calls in flight
 * under the concurrency cap, and the pacing of new calls. Contacts themselves stay in Postgres.
 * Deterministic: no activities, no timers; the workflow function (./campaign.ts) acts on it.
 */
import type {
  CallInFlight,
  CampaignCarry,
  CampaignPlan,
  CampaignProgress,
  CampaignRunView,
  CampaignStats,
  CampaignStatus,
  CancelRequest,
  FinishedCall,
} from './definitions/campaign.ts';

/** At high rates calls are placed in small bursts, at most this much of the rate's allowance at once. */
const BURST_MS = 1_000;

export class CampaignState {
  plan: CampaignPlan;
  status: CampaignStatus;
  paused: boolean;
  cancel: CancelRequest | null;
  readonly inFlight: Map<string, CallInFlight>;
  /** Calls that reported their end, not yet settled on their contacts. */
  readonly finished: FinishedCall[];
  /** Pacing: the theoretical time of the next call (GCRA), epoch ms. */
  nextDialAt: number;
  readonly stats: CampaignStats;
  progress: CampaignProgress | null = null;
  /** Contacts were added: look for due ones even if there were none a moment ago. */
  contactsAdded = false;

  constructor(plan: CampaignPlan, carry: CampaignCarry | undefined) {
    this.plan = plan;
    this.status = plan.status;
    this.paused = carry?.paused ?? plan.status === 'paused';
    this.cancel = carry?.cancel ?? null;
    this.inFlight = new Map((carry?.inFlight ?? []).map((call) => [call.callId, call]));
    this.finished = [...(carry?.finished ?? [])];
    this.nextDialAt = carry?.nextDialAt ?? 0;
    this.stats = carry?.stats ?? { dialled: 0, decided: 0, decisionMs: 0, runs: 0 };
  }

  get intervalMs(): number {
    return 60_000 / Math.max(1, this.plan.callsPerMinute);
  }

  /** How many calls a burst may hold: one at low rates, a second's worth at high ones. */
  get #burst(): number {
    return Math.max(1, Math.floor(BURST_MS / this.intervalMs));
  }

  /** Calls the pacing lets start now (the concurrency cap aside). */
  allowance(now: number): number {
    const tolerance = (this.#burst - 1) * this.intervalMs;
    const from = Math.max(this.nextDialAt, now);
    const allowed = Math.floor((now + tolerance - from) / this.intervalMs) + 1;
    return Math.max(0, Math.min(this.#burst, allowed));
  }

  /** When the pacing lets the next call start. */
  nextAllowedAt(now: number): number {
    return Math.max(now, this.nextDialAt - (this.#burst - 1) * this.intervalMs);
  }

  /** `count` calls were placed now. */
  placed(count: number, now: number): void {
    this.nextDialAt = Math.max(this.nextDialAt, now) + count * this.intervalMs;
    this.stats.dialled += count;
  }

  /** Free places under the concurrency cap. */
  get freeLines(): number {
    return Math.max(0, this.plan.maxConcurrentCalls - this.inFlight.size);
  }

  /** A call of the campaign says it has ended; a report for a call settled already changes nothing. */
  callFinished(report: FinishedCall): void {
    if (this.inFlight.has(report.callId) && !this.finished.some((f) => f.callId === report.callId)) {
      this.finished.push(report);
    }
  }

  /** Calls whose outcome is on their contacts now. */
  settled(callIds: string[]): void {
    for (const callId of callIds) this.inFlight.delete(callId);
    const done = new Set(callIds);
    this.finished.splice(0, this.finished.length, ...this.finished.filter((f) => !done.has(f.callId)));
  }

  /** May dial now: running, not paused or cancelled. */
  get dialling(): boolean {
    return !this.paused && !this.cancel;
  }

  carry(): CampaignCarry {
    return {
      inFlight: [...this.inFlight.values()],
      finished: [...this.finished],
      nextDialAt: this.nextDialAt,
      stats: { ...this.stats, runs: this.stats.runs + 1 },
      paused: this.paused,
      cancel: this.cancel,
    };
  }

  view(): CampaignRunView {
    return { status: this.status, inFlight: this.inFlight.size, stats: { ...this.stats }, progress: this.progress };
  }
}
