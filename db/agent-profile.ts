/**
 * What the voice agent of a call is told, read when the call's media stream starts: the business's
 * current instructions version (or, for a stream that continues the call on another bridge, the one
 * the call started with), rendered with the call's values. The call row records the version.
 */

import type { EntityManager } from '@mikro-orm/postgresql';
import { agentInstructions, promptValues, renderTemplate } from '../lib/agent-prompt.ts';
import type { Encryption } from '../lib/encryption.ts';
import { privacyOf } from '../lib/privacy-settings.ts';
import {
  type BusinessConfig,
  BusinessInstructionsVersion,
  type Call,
  Campaign,
  CampaignContact,
  Organization,
} from './entities/index.ts';
import { contactVariablesOf } from './sealed-columns.ts';

export interface StartingProfile {
  /** The model's instructions, template rendered and language added. */
  instructions: string;
  greeting: string | null;
  voice: string;
  model: string | null;
  versionId: string;
  version: number;
}

/** The business's current version, made from the business row when it has none yet (a business made before versions). */
export async function currentInstructionsVersion(
  em: EntityManager,
  business: BusinessConfig,
): Promise<BusinessInstructionsVersion> {
  const found = await em.findOne(BusinessInstructionsVersion, {
    business: business.id,
    version: business.instructionsVersion,
  });
  if (found) return found;
  await em.getConnection().execute(
    `insert into business_instructions_version (id, business_id, version, instructions, greeting, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, now()) on conflict (business_id, version) do nothing`,
    [business.id, business.instructionsVersion, business.systemPrompt, business.greeting ?? null],
  );
  return em.findOneOrFail(BusinessInstructionsVersion, {
    business: business.id,
    version: business.instructionsVersion,
  });
}

/** The values a call's templates are rendered with. */
export function callPromptValues(
  business: BusinessConfig,
  organizationName: string,
  call: Pick<Call, 'direction' | 'fromNumber' | 'toNumber'> | null,
  now = new Date(),
) {
  const outbound = call?.direction === 'outbound';
  return promptValues({
    businessName: business.name,
    businessDescription: business.description ?? null,
    businessPhone: call ? (outbound ? call.fromNumber : call.toNumber) : (business.phoneNumbers[0] ?? null),
    customerPhone: call ? (outbound ? call.toNumber : call.fromNumber) : null,
    direction: call?.direction ?? null,
    language: business.language,
    timeZone: business.timeZone,
    handoffNumber: business.handoffNumber ?? null,
    organizationName,
    now,
  });
}

/**
 * The profile a call's stream starts with, recording on the call the version it runs with. A call
 * that already has a version (its stream moved to another bridge) keeps it, so a change made
 * mid-call applies from the next call.
 */
export async function startingProfile(
  em: EntityManager,
  call: Call,
  business: BusinessConfig,
  /** Opens a campaign contact's variables for the templates. */
  encryption: Encryption,
): Promise<StartingProfile> {
  const recordedId = call.instructionsVersion?.id;
  const version = recordedId
    ? await em.findOneOrFail(BusinessInstructionsVersion, recordedId)
    : await currentInstructionsVersion(em, business);
  if (!recordedId) {
    await em
      .getConnection()
      .execute('update call set instructions_version_id = ? where id = ? and instructions_version_id is null', [
        version.id,
        call.id,
      ]);
  }
  const organization = await em.findOneOrFail(Organization, call.organization.id);
  const values = callPromptValues(business, organization.name, call);
  const campaign = call.campaign ? await em.findOneOrFail(Campaign, call.campaign.id) : null;
  if (campaign) {
    const contact = call.campaignContact ? await em.findOne(CampaignContact, call.campaignContact.id) : null;
    const withContact = {
      ...values,
      contact_name: contact?.name ?? '',
      contact_phone: call.toNumber,
      contact: contact
        ? contactVariablesOf(encryption, call.organization.id, {
            campaignId: campaign.id,
            phoneNumber: contact.phoneNumber,
            variables: contact.variables,
            sealedVariables: contact.sealedVariables,
          })
        : {},
    };
    const greeting = campaign.greeting ?? version.greeting;
    return {
      instructions: agentInstructions(
        renderTemplate(campaign.instructions ?? version.instructions, withContact),
        business.language,
      ),
      greeting: withDisclosures(greeting ? renderTemplate(greeting, withContact) : null, business),
      voice: business.voice,
      model: business.model ?? null,
      versionId: version.id,
      version: version.version,
    };
  }
  return {
    instructions: agentInstructions(renderTemplate(version.instructions, values), business.language),
    // The business's disclosure (recording, AI) comes before anything else the agent says.
    greeting:
      [privacyOf(business).disclosure.text, version.greeting ? renderTemplate(version.greeting, values) : null]
        .filter(Boolean)
        .join(' ') || null,
    voice: business.voice,
    model: business.model ?? null,
    versionId: version.id,
    version: version.version,
  };
}

/**
 * A campaign's call opens with the business's privacy disclosure (as every call does), then the
 * disclosures its quality rules require ("this call is recorded"), each unless the disclosure or the
 * greeting says it already. The rules are validated when saved (quality/settings.ts); only their
 * phrases are read here.
 */
function withDisclosures(greeting: string | null, business: BusinessConfig): string | null {
  const disclosure = privacyOf(business).disclosure.text;
  const opening = [disclosure, greeting].filter(Boolean).join(' ').toLowerCase();
  const rules = (business.settings as { quality?: { disclosures?: { phrase?: unknown }[] } }).quality;
  const phrases = (rules?.disclosures ?? [])
    .map((d) => (typeof d.phrase === 'string' ? d.phrase.trim() : ''))
    .filter((phrase) => phrase && !opening.includes(phrase.toLowerCase()));
  const said = phrases.map((phrase) => (/[.!?]$/.test(phrase) ? phrase : `${phrase}.`));
  return [disclosure, ...said, greeting].filter(Boolean).join(' ') || null;
}
