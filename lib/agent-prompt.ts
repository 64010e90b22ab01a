/**
 * A business's agent instructions are a template (Mustache, logic-less: `{{business_name}}`, and
 * sections such as `{{#handoff_number}}…{{/handoff_number}}` that show only when the value is set).
 * Mustache was chosen over a hand-written `{{…}}` replace because its parser reports a broken tag
 * with its position and lists the names a template uses, which is what validation needs, and its
 * sections give admins optional sentences without a logic language. Nothing is HTML-escaped: the
 * text goes to a voice model, not a page.
 */
import Mustache from 'mustache';

/** Every variable an instruction or greeting may use, with what it becomes on a call. */
export const PROMPT_VARIABLES = {
  business_name: "The business's name.",
  business_description: "The business's description.",
  business_phone: 'The business number on this call.',
  customer_phone: "The caller's (or callee's) number.",
  call_direction: 'inbound or outbound.',
  language: 'The language the agent speaks, e.g. English (United States).',
  local_date: "Today's date in the business's time zone, e.g. Monday, 2 March 2026.",
  local_time: "The time now in the business's time zone, e.g. 14:05.",
  time_zone: "The business's time zone, e.g. Europe/Berlin.",
  handoff_number: 'The number callers are handed to, when set.',
  organization_name: "The organisation's name.",
} as const;
export type PromptVariable = keyof typeof PROMPT_VARIABLES;
export type PromptValues = Record<PromptVariable, string>;

/**
 * What a campaign's instructions and greeting may use besides: the contact it calls, and any of the
 * contact's own variables (CSV columns) as `{{contact.<name>}}`.
 */
export const CAMPAIGN_PROMPT_VARIABLES = {
  contact_name: "The contact's name, when known.",
  contact_phone: "The contact's number.",
  'contact.<name>': 'A variable that came with the contact (a CSV column), e.g. {{contact.plan}}.',
} as const;
const isCampaignVariable = (name: string) =>
  name === 'contact_name' || name === 'contact_phone' || /^contact\.[a-z0-9_]+$/.test(name);

const NO_ESCAPING = { escape: (value: unknown) => String(value) };

/**
 * Why a template cannot be used (a broken tag, an unknown variable), or an empty list. A campaign's
 * templates may also use the contact's variables.
 */
export function templateProblems(template: string, kind: 'business' | 'campaign' = 'business'): string[] {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    return [(error as Error).message.replace(/\s+/g, ' ').trim()];
  }
  const unknown = new Set<string>();
  const walk = (list: unknown[]) => {
    for (const token of list as [string, string, number, number, unknown[]?][]) {
      const [, name, , , children] = token;
      const known = name in PROMPT_VARIABLES || (kind === 'campaign' && isCampaignVariable(name));
      if (['name', '&', '{', '#', '^'].includes(token[0]) && !known) unknown.add(name);
      if (children) walk(children);
    }
  };
  walk(tokens);
  const names = [
    ...Object.keys(PROMPT_VARIABLES),
    ...(kind === 'campaign' ? Object.keys(CAMPAIGN_PROMPT_VARIABLES) : []),
  ];
  return [...unknown].map((name) => `uses {{${name}}}, which is not a variable (known: ${names.join(', ')})`);
}

/** The template with the call's values in place. */
export function renderTemplate(template: string, values: Partial<PromptValues>): string {
  return Mustache.render(template, values, {}, NO_ESCAPING).trim();
}

/** A BCP 47 language tag in words ("de-DE" → "German (Germany)"), for the model and for people. */
export function languageName(tag: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
}

/** The values a call's template gets; times are read in the business's time zone. */
export function promptValues(input: {
  businessName: string;
  businessDescription: string | null;
  businessPhone: string | null;
  customerPhone: string | null;
  direction: 'inbound' | 'outbound' | null;
  language: string;
  timeZone: string;
  handoffNumber: string | null;
  organizationName: string;
  now: Date;
}): PromptValues {
  const inZone = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...options, timeZone: input.timeZone }).format(input.now);
  return {
    business_name: input.businessName,
    business_description: input.businessDescription ?? '',
    business_phone: input.businessPhone ?? '',
    customer_phone: input.customerPhone ?? '',
    call_direction: input.direction ?? '',
    language: languageName(input.language),
    local_date: inZone({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    local_time: inZone({ hour: '2-digit', minute: '2-digit', hour12: false }),
    time_zone: input.timeZone,
    handoff_number: input.handoffNumber ?? '',
    organization_name: input.organizationName,
  };
}

/** The instructions the Realtime model gets: the rendered template, then the language to speak. */
export function agentInstructions(rendered: string, language: string): string {
  return `${rendered}\nSpeak ${languageName(language)} unless the caller speaks another language.`;
}

/** What the model is told about its first words on a fresh call. */
export const openingInstruction = (greeting: string | null): string =>
  greeting ? `\nStart the call by saying: "${greeting}"` : '';
