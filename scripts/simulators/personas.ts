/** Scripted callers for the telephony simulator, picked by the number that is called. */
export interface Persona {
  name: string;
  /** What happens when the phone rings. */
  outcome: 'answer' | 'busy' | 'no_answer' | 'voicemail';
  answerAfterMs: number;
  /** What the caller says, one line per turn, each after the agent has finished speaking. */
  lines: string[];
  /** Starts talking this long into the agent's reply instead of waiting for it to finish. */
  interruptAfterMs?: number;
  /** How long an unanswered phone rings (capped by the call's Timeout); default 2 s. */
  ringsForMs?: number;
  /** Hangs up after this long with nothing left to say. */
  hangUpAfterMs: number;
}

export const PERSONAS: Record<string, Persona> = {
  cooperative: {
    name: 'cooperative',
    outcome: 'answer',
    answerAfterMs: 300,
    lines: [
      "Hi, I'd like to check the status of my order.",
      'It is order number one two three four five.',
      "Great, that's all, bye.",
    ],
    hangUpAfterMs: 1_500,
  },
  confused: {
    name: 'confused',
    outcome: 'answer',
    answerAfterMs: 400,
    lines: ['Sorry, who is this?', "I don't understand, what do you mean?", 'Okay, thanks, bye.'],
    hangUpAfterMs: 1_500,
  },
  angry: {
    name: 'angry',
    outcome: 'answer',
    answerAfterMs: 300,
    lines: [
      'This is ridiculous, my order is late again!',
      'I have been waiting for two weeks, this is terrible service and I am furious!',
      'This is the worst company I have ever dealt with.',
    ],
    hangUpAfterMs: 1_500,
  },
  asks_for_human: {
    name: 'asks_for_human',
    outcome: 'answer',
    answerAfterMs: 300,
    lines: ['Can I please talk to a real person?', 'I want to speak to a manager.'],
    hangUpAfterMs: 5_000,
  },
  silent: { name: 'silent', outcome: 'answer', answerAfterMs: 300, lines: [], hangUpAfterMs: 6_000 },
  voicemail: {
    name: 'voicemail',
    outcome: 'voicemail',
    answerAfterMs: 500,
    lines: ['You have reached the voicemail of Alex. Please leave a message after the tone.'],
    hangUpAfterMs: 4_000,
  },
  busy: { name: 'busy', outcome: 'busy', answerAfterMs: 0, lines: [], hangUpAfterMs: 0 },
  no_answer: { name: 'no_answer', outcome: 'no_answer', answerAfterMs: 0, lines: [], hangUpAfterMs: 0 },
  rings_long: {
    name: 'rings_long',
    outcome: 'no_answer',
    answerAfterMs: 0,
    lines: [],
    ringsForMs: 600_000,
    hangUpAfterMs: 0,
  },
  asks_question: {
    name: 'asks_question',
    outcome: 'answer',
    answerAfterMs: 300,
    lines: ['What are your opening hours on Saturday?', "Thanks, that's all, bye."],
    hangUpAfterMs: 1_500,
  },
  barge_in: {
    name: 'barge_in',
    outcome: 'answer',
    answerAfterMs: 300,
    lines: ['Hi there.', 'Wait, wait, stop, I have a different question.', 'Thanks, bye.'],
    interruptAfterMs: 400,
    hangUpAfterMs: 1_500,
  },
};

/** `+1555010000N` (N = 0…10) calls persona N in this order; any other number is cooperative. */
export const PERSONA_BY_DIGIT = [
  'cooperative',
  'confused',
  'angry',
  'asks_for_human',
  'silent',
  'voicemail',
  'busy',
  'no_answer',
  'barge_in',
  'asks_question',
  'rings_long',
] as const;

export function personaFor(number: string): Persona {
  const match = /^\+1555010000(\d{1,2})$/.exec(number);
  const name = match ? PERSONA_BY_DIGIT[Number(match[1])] : undefined;
  return PERSONAS[name ?? 'cooperative'] as Persona;
}
