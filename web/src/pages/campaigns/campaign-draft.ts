import type { UpdateCampaignInput, VoicemailCountsAs } from '../../gql/graphql.ts';

/** The create flow's settings, as typed: numbers as strings, empty text for "the business's". */
export interface CampaignDraft {
  name: string;
  callsPerMinute: string;
  maxConcurrentCalls: string;
  start: string;
  end: string;
  days: number[];
  timeZone: string;
  maxAttempts: string;
  initialDelaySeconds: string;
  backoffMultiplier: string;
  detectVoicemail: boolean;
  voicemailCountsAs: VoicemailCountsAs;
  voicemailMessage: string;
  requireConsent: boolean;
  instructions: string;
  greeting: string;
  /** JSON Schema text of what each call collects; empty: the business's. */
  extractionSchema: string;
}

export const newCampaignDraft = (): CampaignDraft => ({
  name: '',
  callsPerMinute: '10',
  maxConcurrentCalls: '5',
  start: '09:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
  timeZone: '',
  maxAttempts: '3',
  initialDelaySeconds: '3600',
  backoffMultiplier: '2',
  detectVoicemail: true,
  voicemailCountsAs: 'REACHED',
  voicemailMessage: '',
  requireConsent: false,
  instructions: '',
  greeting: '',
  extractionSchema: '',
});

const orNull = (text: string) => text.trim() || null;

/** The mutation input for the draft: every setting is sent, so what the form shows is what is saved. */
export const campaignInputOf = (d: CampaignDraft): UpdateCampaignInput => ({
  name: d.name.trim(),
  callsPerMinute: Number(d.callsPerMinute),
  maxConcurrentCalls: Number(d.maxConcurrentCalls),
  callingWindow: { start: d.start, end: d.end, days: d.days },
  timeZone: orNull(d.timeZone),
  retry: {
    maxAttempts: Number(d.maxAttempts),
    initialDelaySeconds: Number(d.initialDelaySeconds),
    backoffMultiplier: Number(d.backoffMultiplier),
  },
  voicemail: { detect: d.detectVoicemail, countsAs: d.voicemailCountsAs, message: orNull(d.voicemailMessage) },
  requireConsent: d.requireConsent,
  instructions: orNull(d.instructions),
  greeting: orNull(d.greeting),
  postCall: { extractionSchema: orNull(d.extractionSchema) },
});
