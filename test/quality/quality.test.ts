import { describe, expect, it } from '@jest/globals';
import { ibanValid, luhnValid } from '../../lib/pii.ts';
import { type ComplianceLine, checkCompliance, withinCallingHours } from '../../quality/compliance.ts';
import { type QaLine, scoreQa } from '../../quality/qa.ts';
import { rollingSentiment, scoreSentiment } from '../../quality/sentiment.ts';
import { DEFAULT_QUALITY_SETTINGS, type QualitySettings, qualitySettingsSchema } from '../../quality/settings.ts';
import { complexityEscalationDue, matchesEscalationKeyword, sentimentEscalationDue } from '../../quality/triggers.ts';

const settings = (overrides: Partial<QualitySettings> = {}): QualitySettings => ({
  ...DEFAULT_QUALITY_SETTINGS,
  ...overrides,
});
const agent = (sequence: number, text: string, offsetMs = sequence * 5000): ComplianceLine => ({
  sequence,
  speaker: 'ai',
  text,
  offsetMs,
});
const customer = (sequence: number, text: string, offsetMs = sequence * 5000): ComplianceLine => ({
  sequence,
  speaker: 'customer',
  text,
  offsetMs,
});
const ended = { callEnded: true, callDurationMs: 120_000 };

describe('sentiment', () => {
  it('scores an angry line negative, below -0.5', () => {
    const angry = scoreSentiment(
      'This is ridiculous, I have called three times and nobody fixes anything. You people are useless!',
    );
    expect(angry.label).toBe('negative');
    expect(angry.compound).toBeLessThan(-0.5);
    expect(angry.neg).toBeGreaterThan(angry.pos);
  });

  it('labels a thankful line positive and a plain statement neutral', () => {
    expect(scoreSentiment('Thank you so much, that was really helpful!')).toMatchObject({ label: 'positive' });
    expect(scoreSentiment('I am calling about my order.')).toEqual({
      compound: 0,
      pos: 0,
      neu: 1,
      neg: 0,
      label: 'neutral',
    });
  });

  it('rolls the call sentiment as a moving average in which the latest line weighs 0.4', () => {
    expect(rollingSentiment(null, -0.8)).toBe(-0.8);
    expect(rollingSentiment(0.5, -0.5)).toBeCloseTo(0.1);
  });
});

describe('escalation triggers', () => {
  const keywords = DEFAULT_QUALITY_SETTINGS.escalationKeywords;

  it('matches keywords whatever their case, plural or possessive', () => {
    expect(matchesEscalationKeyword('let me talk to your managers', keywords)).toBe('manager');
    expect(matchesEscalationKeyword("What is your Supervisor's name?", keywords)).toBe('supervisor');
    expect(matchesEscalationKeyword('Are there any HUMANS working there?', keywords)).toBe('human');
    expect(matchesEscalationKeyword('I want to speak to real people', keywords)).toBe('real person');
    expect(matchesEscalationKeyword('Get me a real-person, now', keywords)).toBe('real person');
  });

  it('matches whole words only: "humanity", "management" and "agency" are not requests for a human', () => {
    for (const text of [
      'Your prices are a crime against humanity',
      'Your management of this is poor',
      'The agency sent me',
    ])
      expect(matchesEscalationKeyword(text, keywords)).toBeNull();
    expect(matchesEscalationKeyword('a real good person', keywords)).toBeNull();
  });

  it("uses the business's own keywords and phrases", () => {
    expect(matchesEscalationKeyword("I'll call my lawyers", ['lawyer', 'cancel my account'])).toBe('lawyer');
    expect(matchesEscalationKeyword('Please CANCEL my account.', ['lawyer', 'cancel my account'])).toBe(
      'cancel my account',
    );
    expect(matchesEscalationKeyword('let me talk to your manager', ['lawyer'])).toBeNull();
  });

  it('escalates when customer sentiment stays at or below the threshold for K consecutive lines', () => {
    const rules = settings();
    expect(sentimentEscalationDue([0.2, -0.7, -0.6], rules)).toBe(true);
    expect(sentimentEscalationDue([-0.7, 0.1, -0.6], rules)).toBe(false);
    expect(sentimentEscalationDue([-0.7], rules)).toBe(false);
    expect(sentimentEscalationDue([-0.5, -0.5], rules)).toBe(true);
    const three = settings({ sentimentEscalation: { enabled: true, consecutiveLines: 3 } });
    expect(sentimentEscalationDue([-0.7, -0.6], three)).toBe(false);
    const off = settings({ sentimentEscalation: { enabled: false, consecutiveLines: 2 } });
    expect(sentimentEscalationDue([-0.9, -0.9], off)).toBe(false);
  });

  it('escalates on repeated empty lookups or tool errors', () => {
    const rules = settings();
    const emptyLookup = { name: 'lookup_knowledge', ok: true, found: false };
    expect(complexityEscalationDue([emptyLookup], rules)).toBeNull();
    expect(complexityEscalationDue([emptyLookup, emptyLookup], rules)).toBe('2 knowledge lookups found nothing');
    expect(
      complexityEscalationDue(
        [
          { name: 'book', ok: false },
          { name: 'book', ok: false },
        ],
        rules,
      ),
    ).toBe('2 tool calls failed');
  });
});

describe('compliance', () => {
  it('flags a card number spoken as words as a high-severity violation, without repeating it', () => {
    const { violations, score } = checkCompliance(
      [agent(1, 'I have your card as four one one one, one one one one, one one one one, one one one one.')],
      settings(),
      ended,
    );
    expect(violations).toEqual([
      {
        rule: 'pii_spoken',
        severity: 'high',
        lineSequence: 1,
        offsetMs: 5000,
        detail: 'card number ending in 1111 spoken',
      },
    ]);
    expect(score).toBe(0.6);
  });

  it('flags written card numbers, even next to other numbers, but not 16 digits that fail Luhn', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    const flagged = (text: string) => checkCompliance([agent(1, text)], settings(), ended).violations.length;
    expect(flagged('Your card 4111-1111-1111-1111 is on file.')).toBe(1);
    expect(flagged('That is 25, 3782 822463 10005 correct?')).toBe(1);
    expect(flagged('Your reference is 4111 1111 1111 1112.')).toBe(0);
    expect(flagged('Your reference is 1234567890123456.')).toBe(0);
  });

  it('still flags a card number the agent read out when the stored line was redacted before scoring', () => {
    const redacted = {
      ...agent(1, 'I have your card as [card •••• 1111].'),
      redactions: [{ kind: 'card_number', tail: '1111' }],
    };
    expect(checkCompliance([redacted as ComplianceLine], settings(), ended).violations).toEqual([
      expect.objectContaining({ rule: 'pii_spoken', severity: 'high', detail: 'card number ending in 1111 spoken' }),
    ]);
  });

  it('does not count the customer reading out their own card number against the agent', () => {
    expect(checkCompliance([customer(1, 'It is 4111 1111 1111 1111')], settings(), ended).violations).toEqual([]);
  });

  it('flags social security numbers and IBANs with a valid check, and only the checks configured', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    const lines = [
      agent(1, 'Your SSN is 123-45-6789.'),
      agent(2, 'We will pay into GB82 WEST 1234 5698 7654 32 tomorrow.'),
      agent(3, 'Not GB82 WEST 1234 5698 7654 33, and not 000-12-3456.'),
      agent(4, 'We will email jane@example.com.'),
    ];
    const byDefault = checkCompliance(lines, settings(), ended).violations;
    expect(byDefault.map((v) => [v.lineSequence, v.detail])).toEqual([
      [1, 'social security number ending in 6789 spoken'],
      [2, 'IBAN ending in 5432 spoken'],
    ]);
    const emailToo = checkCompliance(lines, settings({ piiChecks: ['email'] }), ended).violations;
    expect(emailToo).toEqual([
      { rule: 'pii_spoken', severity: 'medium', lineSequence: 4, offsetMs: 20_000, detail: 'email address spoken' },
    ]);
  });

  describe('required disclosures', () => {
    const rules = settings({ disclosures: [{ phrase: 'this call is recorded', withinSeconds: 30 }] });

    it('lowers compliance when a disclosure is missing from the first N seconds', () => {
      const said = checkCompliance([agent(1, 'Hello! This call is recorded for quality.', 3000)], rules, ended);
      expect(said).toEqual({ violations: [], score: 1 });

      const missing = checkCompliance([agent(1, 'Hello, how can I help?', 3000)], rules, ended);
      expect(missing.violations).toEqual([
        {
          rule: 'missing_disclosure',
          severity: 'high',
          lineSequence: null,
          offsetMs: 30_000,
          detail: '"this call is recorded" not said within 30 s',
        },
      ]);
      expect(missing.score).toBeLessThan(said.score);
    });

    it('records a late disclosure at the line that made it', () => {
      const late = checkCompliance([agent(4, 'By the way, this call is recorded.', 45_000)], rules, ended);
      expect(late.violations).toEqual([
        {
          rule: 'late_disclosure',
          severity: 'medium',
          lineSequence: 4,
          offsetMs: 45_000,
          detail: '"this call is recorded" said after 45 s, required within 30 s',
        },
      ]);
      expect(late.score).toBe(0.8);
    });

    it('does not count a disclosure missing while its window is still open', () => {
      const live = { callEnded: false, callDurationMs: 20_000 };
      expect(checkCompliance([agent(1, 'Hello, how can I help?', 3000)], rules, live).violations).toEqual([]);
    });

    it('counts a recorded announcement, but not the customer saying it', () => {
      const announced: ComplianceLine = { sequence: 0, speaker: 'system', text: 'This call is recorded.', offsetMs: 0 };
      expect(checkCompliance([announced], rules, ended).violations).toEqual([]);
      expect(checkCompliance([customer(1, 'Is this call is recorded?')], rules, ended).violations[0]!.rule).toBe(
        'missing_disclosure',
      );
    });
  });

  it('flags prohibited phrases the agent says', () => {
    const rules = settings({ prohibitedPhrases: ['guaranteed returns', 'calm down'] });
    const { violations } = checkCompliance(
      [customer(1, 'Calm down? I am calm!'), agent(2, 'Please calm down, sir. Our fund has guaranteed returns.')],
      rules,
      ended,
    );
    expect(violations).toEqual([
      {
        rule: 'prohibited_phrase',
        severity: 'medium',
        lineSequence: 2,
        offsetMs: 10_000,
        detail: 'said "guaranteed returns"',
      },
    ]);
  });

  describe('calling hours', () => {
    const hours = { start: '09:00', end: '20:00', timeZone: 'America/New_York', days: [1, 2, 3, 4, 5] };

    it('follows local time across the spring DST change: 13:30 UTC is 08:30 before it and 09:30 after', () => {
      // Clocks in New York went forward on Sunday 9 March 2025.
      expect(withinCallingHours(new Date('2025-03-07T13:30:00Z'), hours)).toBe(false);
      expect(withinCallingHours(new Date('2025-03-10T13:30:00Z'), hours)).toBe(true);
      expect(withinCallingHours(new Date('2025-03-10T23:59:00Z'), hours)).toBe(true); // 19:59 EDT
      expect(withinCallingHours(new Date('2025-03-11T00:00:00Z'), hours)).toBe(false); // 20:00 EDT
    });

    it('follows local time across the autumn DST change and refuses weekends', () => {
      expect(withinCallingHours(new Date('2025-10-31T13:30:00Z'), hours)).toBe(true); // Fri 09:30 EDT
      expect(withinCallingHours(new Date('2025-11-03T13:30:00Z'), hours)).toBe(false); // Mon 08:30 EST
      expect(withinCallingHours(new Date('2025-11-03T14:30:00Z'), hours)).toBe(true); // Mon 09:30 EST
      expect(withinCallingHours(new Date('2025-11-01T15:00:00Z'), hours)).toBe(false); // Saturday
      expect(withinCallingHours(new Date('2025-11-01T15:00:00Z'), null)).toBe(true);
    });

    it('flags an outbound call placed outside calling hours, never an inbound one', () => {
      const rules = settings({ callingHours: hours });
      const early = new Date('2025-03-07T13:30:00Z');
      expect(checkCompliance([], rules, { ...ended, outboundStartedAt: early }).violations).toEqual([
        {
          rule: 'calling_hours',
          severity: 'high',
          lineSequence: null,
          offsetMs: 0,
          detail: 'outbound call placed outside calling hours (09:00–20:00 America/New_York)',
        },
      ]);
      expect(checkCompliance([], rules, { ...ended, outboundStartedAt: null }).violations).toEqual([]);
    });
  });
});

describe('QA score', () => {
  const call: QaLine[] = [
    agent(1, 'Hello, thanks for calling. How can I help?'),
    { ...customer(2, 'How long do I have to return a jacket?'), sentiment: scoreSentiment('How long do I have?') },
    { ...agent(3, 'Returns are accepted within 30 days.'), knowledgeChunkIds: ['chunk-1'] },
    { ...customer(4, 'Great, thanks!'), sentiment: scoreSentiment('Great, thanks!') },
    agent(5, 'Thank you for calling, goodbye!'),
  ];
  const input = (lines: QaLine[], overrides: Partial<QualitySettings> = {}) => ({
    lines,
    toolResults: [],
    settings: settings(overrides),
    callEnded: true,
    callDurationMs: 30_000,
  });

  it('scores a good call high, with every component between 0 and 1', () => {
    const result = scoreQa(input(call));
    expect(result.components).toMatchObject({ compliance: 1, accuracy: 1, professionalism: 1 });
    expect(result.components.sentiment).toBeGreaterThan(0.6);
    expect(result.score).toBeGreaterThan(0.85);
    expect(result.violations).toEqual([]);
  });

  it('lowers accuracy when the agent states a fact without cited knowledge', () => {
    const uncited = call.map((line) => (line.sequence === 3 ? { ...line, knowledgeChunkIds: [] } : line));
    const withExtraClaim = [...call.slice(0, 4), agent(5, 'Shipping is free on orders over 50 dollars.'), call[4]!];
    expect(scoreQa(input(uncited)).components.accuracy).toBe(0);
    expect(scoreQa(input(withExtraClaim)).components.accuracy).toBe(0.5);
    expect(scoreQa(input(uncited)).notes).toContain('accuracy: 0 of 1 factual statements cite knowledge');
    const noClaims = [agent(1, 'Hello, how can I help?'), agent(2, 'Goodbye!')];
    expect(scoreQa(input(noClaims)).components.accuracy).toBe(1);
  });

  it('counts failed tool calls against accuracy', () => {
    const result = scoreQa({ ...input(call), toolResults: [{ name: 'book_appointment', ok: false }] });
    expect(result.components.accuracy).toBe(0.5);
  });

  it('changes the score with the weights, and normalises them', () => {
    const uncited = call.map((line) => (line.sequence === 3 ? { ...line, knowledgeChunkIds: [] } : line));
    const byDefault = scoreQa(input(uncited));
    const accuracyHeavy = scoreQa(
      input(uncited, { qaWeights: { sentiment: 0, compliance: 0, accuracy: 1, professionalism: 0 } }),
    );
    const complianceHeavy = scoreQa(
      input(uncited, { qaWeights: { sentiment: 0, compliance: 0.5, accuracy: 0, professionalism: 0 } }),
    );
    const { sentiment, compliance, accuracy, professionalism } = byDefault.components;
    expect(byDefault.score).toBeCloseTo(0.3 * sentiment + 0.3 * compliance + 0.2 * accuracy + 0.2 * professionalism, 3);
    expect(accuracyHeavy.score).toBe(0);
    expect(complianceHeavy.score).toBe(1);
    expect(complianceHeavy.weights).toEqual({ sentiment: 0, compliance: 1, accuracy: 0, professionalism: 0 });
  });

  it('takes professionalism points for a missing greeting or closing and for profanity', () => {
    const rude = [agent(1, 'Yes?'), customer(2, 'My order is late.'), agent(3, 'Well, damn, that is not my problem.')];
    const result = scoreQa(input(rude));
    expect(result.components.professionalism).toBeCloseTo(0.4);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'professionalism: profanity in 1 lines (−0.3)',
        'professionalism: no greeting (−0.1)',
        'professionalism: no polite closing (−0.2)',
      ]),
    );
  });

  it('scores an angry caller low on sentiment, and a call without scored lines as neutral', () => {
    const angry = (sequence: number, text: string) => ({
      ...customer(sequence, text),
      sentiment: scoreSentiment(text),
    });
    const lines = [
      call[0]!,
      angry(2, 'This is ridiculous, your service is useless and I am furious!'),
      agent(3, 'I am sorry to hear that.'),
      angry(4, 'Sorry does not help. This is the worst company ever.'),
    ];
    expect(scoreQa(input(lines)).components.sentiment).toBeLessThan(0.25);
    expect(scoreQa(input([agent(1, 'Hello!')])).components.sentiment).toBe(0.5);
  });

  it('includes compliance violations in the score', () => {
    const rules = { disclosures: [{ phrase: 'this call is recorded', withinSeconds: 10 }] };
    const result = scoreQa(input(call, rules));
    expect(result.components.compliance).toBe(0.6);
    expect(result.violations.map((v) => v.rule)).toEqual(['missing_disclosure']);
    expect(result.score).toBeLessThan(scoreQa(input(call)).score);
  });
});

describe('quality settings', () => {
  it('fills every default, nested ones too, from a partial input', () => {
    expect(qualitySettingsSchema.parse({})).toEqual(DEFAULT_QUALITY_SETTINGS);
    const parsed = qualitySettingsSchema.parse({
      sentimentEscalation: { consecutiveLines: 3 },
      qaWeights: { accuracy: 0.5 },
      callingHours: { start: '09:00', end: '20:00', timeZone: 'America/New_York' },
    });
    expect(parsed.sentimentEscalation).toEqual({ enabled: true, consecutiveLines: 3 });
    expect(parsed.qaWeights).toEqual({ sentiment: 0.3, compliance: 0.3, accuracy: 0.5, professionalism: 0.2 });
    expect(parsed.callingHours?.days).toEqual([1, 2, 3, 4, 5]);
    expect(parsed.escalation).toEqual({ offerTimeoutSeconds: 30, maxWaitSeconds: 120, department: null, skills: [] });
  });

  it('rejects an unknown time zone, calling hours that end before they start, and all-zero weights', () => {
    const result = qualitySettingsSchema.safeParse({
      callingHours: { start: '20:00', end: '09:00', timeZone: 'Mars/Olympus_Mons' },
      qaWeights: { sentiment: 0, compliance: 0, accuracy: 0, professionalism: 0 },
      piiChecks: ['passport'],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'callingHours.end',
      'callingHours.timeZone',
      'piiChecks.0',
      'qaWeights',
    ]);
  });
});
