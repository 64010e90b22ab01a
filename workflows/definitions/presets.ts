/**
 * Timeout and retry presets for activities: pick one by what the activity talks to. Workflows never
 * write timeouts inline, so one place says how long anything may take.
 */
export const activityPresets = {
  /**
   * A few rows written or read. Short, because a call waits on these: an attempt on a worker that
   * died is retried on another within seconds (a live call's status and transcript must not stall).
   */
  database: {
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
  },
  /** A batch of a campaign's contacts read, checked and written in one transaction (a few hundred rows). */
  campaign: {
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  },
  /** A write that may also send mail (offers, alerts): SMTP can take a few seconds. */
  messaging: {
    startToCloseTimeout: '20 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  },
  /** Twilio's REST API. */
  telephony: {
    startToCloseTimeout: '10 seconds',
    retry: {
      initialInterval: '500 milliseconds',
      backoffCoefficient: 2,
      maximumInterval: '10 seconds',
      maximumAttempts: 10,
    },
  },
  /** The bridge holding a call, on its own task queue: quick, or the bridge is gone. */
  bridge: {
    startToCloseTimeout: '5 seconds',
    scheduleToStartTimeout: '10 seconds',
    retry: { maximumAttempts: 3 },
  },
  /** Work that may wait on an LLM (a grade, a summary); the activity falls back to rules on failure. */
  llm: {
    startToCloseTimeout: '60 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  },
  /**
   * The post-call analysis's model work (summary, extraction, adversarial grade): three tries, then
   * the workflow asks the same activity for its rule-based answer.
   */
  postCallModel: {
    startToCloseTimeout: '60 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 3 },
  },
  /** A quick look at a live call by the model (which fields are still missing): once, a later line asks again. */
  liveModel: {
    startToCloseTimeout: '15 seconds',
    retry: { maximumAttempts: 1 },
  },
  /** One HTTP request to a customer's webhook endpoint (its own timeout is shorter); the workflow schedules retries. */
  webhookAttempt: {
    startToCloseTimeout: '45 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  },
  /** Reading, extracting and embedding a document, or fetching one page of a site. */
  document: {
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  },
  /** Re-embedding one knowledge entry's chunks: long for a big entry, so it heartbeats. */
  reembed: {
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  },
  /** One crawled page: heartbeats so a dead worker's page is retried soon. */
  crawl: {
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 3 },
  },
  /** Writing an export's file: as long as a large one takes, heartbeating its progress. */
  export: {
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 3 },
  },
  /** One batch of a retention run (a few hundred rows, their Weaviate chunks or workflow executions). */
  retention: {
    startToCloseTimeout: '5 minutes',
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
  },
  /** One batch of a person's erasure: a few dozen calls' rows in one transaction, or Temporal deletions. */
  erasure: {
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  },
  /** Reading robots.txt and sitemaps of a big site. */
  crawlPlanning: {
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 3 },
  },
} as const;
