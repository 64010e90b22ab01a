import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** What operators filter workflows by in the Temporal Web UI (registered by scripts/infra.sh). */
export const searchAttributes = {
  businessId: defineSearchAttributeKey('BusinessId', SearchAttributeType.KEYWORD),
  callStatus: defineSearchAttributeKey('CallStatus', SearchAttributeType.KEYWORD),
  callDirection: defineSearchAttributeKey('CallDirection', SearchAttributeType.KEYWORD),
  campaignId: defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD),
  campaignStatus: defineSearchAttributeKey('CampaignStatus', SearchAttributeType.KEYWORD),
};
