/** How many times a queued sentence is started again after being cut off. */
const MAX_SAY_ATTEMPTS = 3;

interface Say {
  text: string;
  attempts: number;
}

/**
 * Sentences to say on someone's behalf (a supervisor, an escalation), in order. One is started
 * when no response is under way and the caller is not speaking; one that gets cut off (the caller
 * spoke, another reply took over) is said again, at most `MAX_SAY_ATTEMPTS` times.
 */
export class SayQueue {
  readonly #queue: Say[] = [];
  #responseActive = false;
  #pending: Say | undefined;
  #pendingResponseId: string | undefined;

  push(text: string): void {
    this.#queue.push({ text, attempts: 0 });
  }

  /** The next sentence to say now, if nothing else is being said; the caller sends the response. */
  next(callerSpeaking: boolean): string | undefined {
    if (this.#responseActive || this.#pending || callerSpeaking) return undefined;
    const next = this.#queue.shift();
    if (!next) return undefined;
    this.#pending = { text: next.text, attempts: next.attempts + 1 };
    return next.text;
  }

  responseCreated(responseId: string | undefined): void {
    this.#responseActive = true;
    if (this.#pending && !this.#pendingResponseId) this.#pendingResponseId = responseId;
  }

  /** A response finished: one of ours that did not complete goes back to the front of the queue. */
  responseDone(responseId: string | undefined, status: string | undefined): void {
    this.#responseActive = false;
    if (!responseId || responseId !== this.#pendingResponseId) return;
    const said = this.#pending!;
    if (status !== 'completed' && said.attempts < MAX_SAY_ATTEMPTS) this.#queue.unshift(said);
    this.#pending = undefined;
    this.#pendingResponseId = undefined;
  }
}
