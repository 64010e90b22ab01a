/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment BusinessFields on BusinessConfig {\n    id name type description phoneNumbers instructions greeting instructionsVersion voice model language timeZone\n    escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount updatedAt\n    callingHours { start end timeZone days }\n    knowledgeLookup { enabled maxResults minScore }\n  }\n": typeof types.BusinessFieldsFragmentDoc,
    "\n  mutation ConsoleCreateBusiness($input: CreateBusinessInput!) {\n    createBusiness(input: $input) {\n      __typename\n      ... on MutationCreateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateBusinessDocument,
    "\n  mutation ConsoleUpdateBusiness($id: ID!, $input: UpdateBusinessInput!) {\n    updateBusiness(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateBusinessDocument,
    "\n  query ConsolePreviewPrompt($businessId: ID, $draft: AgentPromptDraftInput!) {\n    previewAgentPrompt(businessId: $businessId, draft: $draft) {\n      prompt\n      problems { field message }\n      variables { name description value }\n    }\n  }\n": typeof types.ConsolePreviewPromptDocument,
    "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    outcome adversarialScore\n    qa { effectiveScore }\n    business { id name }\n  }\n": typeof types.CallFieldsFragmentDoc,
    "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleEndCallDocument,
    "\n  fragment CampaignSummaryFields on Campaign {\n    id name status contactCount callsPerMinute maxConcurrentCalls startedAt finishedAt workflowUrl\n    business { id name }\n    progress {\n      total dialsPerMinute etaAt updatedAt\n      counts {\n        pending dialling connected waitingWindow retryScheduled completed voicemail busy noAnswer failed\n        skippedDnc skippedNoConsent skippedNoWindow\n      }\n    }\n  }\n": typeof types.CampaignSummaryFieldsFragmentDoc,
    "\n  subscription ConsoleCampaignProgress($campaignId: ID) { campaignProgress(campaignId: $campaignId) { ...CampaignSummaryFields } }\n": typeof types.ConsoleCampaignProgressDocument,
    "\n  mutation ConsoleStartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      __typename\n      ... on MutationStartCampaignSuccess { data { ...CampaignSummaryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleStartCampaignDocument,
    "\n  mutation ConsolePauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename ... on MutationPauseCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": typeof types.ConsolePauseCampaignDocument,
    "\n  mutation ConsoleResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename ... on MutationResumeCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": typeof types.ConsoleResumeCampaignDocument,
    "\n  mutation ConsoleCancelCampaign($id: ID!, $endCalls: Boolean!) {\n    cancelCampaign(id: $id, endCalls: $endCalls) {\n      __typename ... on MutationCancelCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCancelCampaignDocument,
    "\n  query ConsoleAnalyticsBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": typeof types.ConsoleAnalyticsBusinessesDocument,
    "\n  query ConsoleAnalyticsCampaigns { campaigns { id name } }\n": typeof types.ConsoleAnalyticsCampaignsDocument,
    "\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n": typeof types.ConsoleBusinessChoiceDocument,
    "\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleInterveneCallDocument,
    "\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleTakeOverCallDocument,
    "\n  fragment CallNoteFields on CallNote { id body sensitive category tags createdAt updatedAt author { id displayName } }\n": typeof types.CallNoteFieldsFragmentDoc,
    "\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAddCallNoteDocument,
    "\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateCallNoteDocument,
    "\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteCallNoteDocument,
    "\n  fragment ExportFields on Export {\n    id kind status fileName bytes rowsDone rowsTotal progress error createdAt download { url }\n  }\n": typeof types.ExportFieldsFragmentDoc,
    "\n  query ConsoleExports { exports(first: 10) { ...ExportFields } }\n": typeof types.ConsoleExportsDocument,
    "\n  query ConsoleExport($id: ID!) { export(id: $id) { ...ExportFields } }\n": typeof types.ConsoleExportDocument,
    "\n  mutation ConsoleCreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      __typename\n      ... on MutationCreateExportSuccess { data { ...ExportFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateExportDocument,
    "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUploadKnowledgeDocument,
    "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateKnowledgeEntryDocument,
    "\n  fragment KnowledgeReindexFields on KnowledgeReindex {\n    embedder\n    staleChunks\n    status\n    totalChunks\n    reembeddedChunks\n  }\n": typeof types.KnowledgeReindexFieldsFragmentDoc,
    "\n  query ConsoleKnowledgeReindex($businessId: ID!) {\n    knowledgeReindex(businessId: $businessId) {\n      __typename\n      ... on QueryKnowledgeReindexSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleKnowledgeReindexDocument,
    "\n  mutation ConsoleReindexKnowledge($businessId: ID!) {\n    reindexKnowledge(businessId: $businessId) {\n      __typename\n      ... on MutationReindexKnowledgeSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleReindexKnowledgeDocument,
    "\n  fragment KnowledgeHitFields on KnowledgeHit { chunkId entryId title heading text sourceUrl score }\n": typeof types.KnowledgeHitFieldsFragmentDoc,
    "\n  query ConsoleSearchKnowledge(\n    $businessId: ID!\n    $query: String!\n    $limit: Int!\n    $alpha: Float!\n    $minScore: Float\n    $rerank: Boolean!\n    $filter: KnowledgeSearchFilter\n  ) {\n    searchKnowledge(\n      businessId: $businessId\n      query: $query\n      limit: $limit\n      alpha: $alpha\n      minScore: $minScore\n      rerank: $rerank\n      filter: $filter\n    ) {\n      __typename\n      ... on QuerySearchKnowledgeSuccess { data { ...KnowledgeHitFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleSearchKnowledgeDocument,
    "\n  mutation ConsoleListenToCall($id: ID!) {\n    listenToCall(id: $id) {\n      __typename\n      ... on MutationListenToCallSuccess { data { url expiresAt } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleListenToCallDocument,
    "\n  fragment NotificationFields on Notification { id type title body callId readAt createdAt }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query ConsoleUnreadNotifications { unreadNotificationCount }\n": typeof types.ConsoleUnreadNotificationsDocument,
    "\n  query ConsoleNotifications($first: Int!) {\n    notifications(first: $first) { ...NotificationFields }\n    notificationPreferences { emailTypes }\n  }\n": typeof types.ConsoleNotificationsDocument,
    "\n  subscription ConsoleNotificationAdded { notificationAdded { ...NotificationFields } }\n": typeof types.ConsoleNotificationAddedDocument,
    "\n  mutation ConsoleMarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      __typename\n      ... on MutationMarkNotificationReadSuccess { data { ...NotificationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleMarkNotificationReadDocument,
    "\n  mutation ConsoleMarkAllNotificationsRead { markAllNotificationsRead }\n": typeof types.ConsoleMarkAllNotificationsReadDocument,
    "\n  mutation ConsoleDeleteNotification($id: ID!) {\n    deleteNotification(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteNotificationDocument,
    "\n  mutation ConsoleUpdateNotificationPreferences($emailTypes: [NotificationType!]!) {\n    updateNotificationPreferences(emailTypes: $emailTypes) {\n      __typename\n      ... on MutationUpdateNotificationPreferencesSuccess { data { emailTypes } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateNotificationPreferencesDocument,
    "\n  query ConsoleTranscriptDownload($id: ID!, $format: TranscriptFormat!) {\n    call(id: $id) { id transcriptDownload(format: $format) { url } }\n  }\n": typeof types.ConsoleTranscriptDownloadDocument,
    "\n  fragment EscalationFields on Escalation {\n    id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt\n    completedAt resolved resolutionNotes\n    call { id fromNumber toNumber direction status }\n    agent { id name user { id } }\n    offers { offeredAt outcome agent { id name user { id } } }\n    context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }\n  }\n": typeof types.EscalationFieldsFragmentDoc,
    "\n  subscription ConsoleEscalationChanged { escalationChanged { ...EscalationFields } }\n": typeof types.ConsoleEscalationChangedDocument,
    "\n  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {\n    escalateCall(callId: $callId, reason: $reason, priority: $priority) {\n      __typename\n      ... on MutationEscalateCallSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleEscalateCallDocument,
    "\n  mutation ConsoleAcceptEscalation($id: ID!) {\n    acceptEscalation(id: $id) {\n      __typename\n      ... on MutationAcceptEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAcceptEscalationDocument,
    "\n  mutation ConsoleDeclineEscalation($id: ID!) {\n    declineEscalation(id: $id) {\n      __typename\n      ... on MutationDeclineEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleDeclineEscalationDocument,
    "\n  mutation ConsoleCompleteCallback($id: ID!, $input: CompleteEscalationInput!) {\n    completeCallback(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteCallbackSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCompleteCallbackDocument,
    "\n  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {\n    completeEscalation(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCompleteEscalationDocument,
    "\n  fragment KnowledgeEntryFields on KnowledgeEntry {\n    id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt\n  }\n": typeof types.KnowledgeEntryFieldsFragmentDoc,
    "\n  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {\n    knowledgeEntryChanged(businessId: $businessId) { ...KnowledgeEntryFields }\n  }\n": typeof types.ConsoleKnowledgeEntryChangedDocument,
    "\n  mutation ConsoleReindexKnowledgeEntry($id: ID!) {\n    reindexKnowledgeEntry(id: $id) {\n      __typename\n      ... on MutationReindexKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleReindexKnowledgeEntryDocument,
    "\n  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {\n    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteKnowledgeEntryDocument,
    "\n  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }\n": typeof types.ConsoleHumanAgentsDocument,
    "\n  query ConsoleAnalyticsCharts($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          period { timeZone }\n          volume(bucket: $bucket) {\n            __typename\n            ... on AnalyticsVolumeSuccess {\n              data {\n                buckets { start calls previousCalls answered escalated averageQaScore averageSentiment }\n                heatmap { weekday hour calls }\n              }\n            }\n            ... on Error { message }\n          }\n          quality { scored averageScore distribution { from to calls } }\n          sentiment { calls negative neutral positive }\n          escalations { total byTrigger { reason count } }\n          campaigns {\n            campaignId name status calls answered answerRate retries contactsTotal contactsDialled\n            byHour { hour calls answered }\n            contacts { status contacts }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAnalyticsChartsDocument,
    "\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n": typeof types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n    changes { field before after }\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAuditLogDocument,
    "\n  query ConsoleBusiness($id: ID!) {\n    businessConfig(id: $id) {\n      ...BusinessFields\n      instructionsHistory(first: 20) { id version instructions greeting createdBy createdAt callCount }\n    }\n  }\n": typeof types.ConsoleBusinessDocument,
    "\n  mutation ConsoleArchiveBusiness($id: ID!) {\n    archiveBusiness(id: $id) { __typename ... on MutationArchiveBusinessSuccess { data { ...BusinessFields } } ... on Error { message } }\n  }\n": typeof types.ConsoleArchiveBusinessDocument,
    "\n  mutation ConsoleRestoreBusiness($id: ID!) {\n    restoreBusiness(id: $id) {\n      __typename\n      ... on MutationRestoreBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRestoreBusinessDocument,
    "\n  mutation ConsoleDeleteBusiness($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { message } } }\n": typeof types.ConsoleDeleteBusinessDocument,
    "\n  query ConsoleBusinessList($includeInactive: Boolean) {\n    businessConfigs(includeInactive: $includeInactive) {\n      id name type phoneNumbers voice language active callCount instructionsVersion\n    }\n  }\n": typeof types.ConsoleBusinessListDocument,
    "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCallsDocument,
    "\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": typeof types.ConsoleBusinessesDocument,
    "\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n": typeof types.ConsoleCallsChangedDocument,
    "\n  query ConsoleCampaign($id: ID!) { campaign(id: $id) { ...CampaignSummaryFields } }\n": typeof types.ConsoleCampaignDocument,
    "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on MutationCreateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateCampaignDocument,
    "\n  mutation ConsoleUpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateCampaignDocument,
    "\n  query ConsoleCampaigns { campaigns { ...CampaignSummaryFields } }\n": typeof types.ConsoleCampaignsDocument,
    "\n  fragment OverviewFields on OverviewFigures {\n    calls answered answeredRate averageMinutes averageHandleSeconds containmentRate averageQaScore\n    averageSentiment escalated escalationRate totalMinutes\n  }\n": typeof types.OverviewFieldsFragmentDoc,
    "\n  query ConsoleAnalyticsOverview($range: AnalyticsRange!, $filter: AnalyticsFilter) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          overview {\n            activeNow\n            current { ...OverviewFields }\n            previous { ...OverviewFields }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAnalyticsOverviewDocument,
    "\n  fragment DoNotCallFields on DoNotCallEntry { id phoneNumber reason source addedBy callId createdAt }\n": typeof types.DoNotCallFieldsFragmentDoc,
    "\n  query ConsoleDoNotCall($search: String, $first: Int!) {\n    doNotCallEntries(search: $search, first: $first) { totalCount nodes { ...DoNotCallFields } }\n  }\n": typeof types.ConsoleDoNotCallDocument,
    "\n  mutation ConsoleAddDoNotCall($input: AddDoNotCallInput!) {\n    addDoNotCall(input: $input) {\n      __typename\n      ... on MutationAddDoNotCallSuccess { data { ...DoNotCallFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n": typeof types.ConsoleAddDoNotCallDocument,
    "\n  mutation ConsoleUpdateDoNotCall($id: ID!, $reason: String) {\n    updateDoNotCall(id: $id, reason: $reason) {\n      __typename ... on MutationUpdateDoNotCallSuccess { data { ...DoNotCallFields } } ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateDoNotCallDocument,
    "\n  mutation ConsoleRemoveDoNotCall($id: ID!) {\n    removeDoNotCall(id: $id) {\n      __typename ... on MutationRemoveDoNotCallSuccess { data { id } } ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRemoveDoNotCallDocument,
    "\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleDocSyncsDocument,
    "\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n": typeof types.ConsoleEscalationsDocument,
    "\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n": typeof types.ConsoleForgotPasswordDocument,
    "\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleKnowledgeEntriesDocument,
    "\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n": typeof types.ConsoleKnowledgeEntryDocument,
    "\n  query ConsolePostCallSettings($id: ID!) {\n    businessConfig(id: $id) {\n      id name\n      postCallSettings {\n        extractionSchema adversarialAlertThreshold\n        outcomes { name description }\n        extractionFields { path required description }\n      }\n    }\n    extractionTemplates { name label schema }\n  }\n": typeof types.ConsolePostCallSettingsDocument,
    "\n  query ConsoleCheckExtractionSchema($schema: String!) {\n    checkExtractionSchema(schema: $schema) { valid problems fields { path required } }\n  }\n": typeof types.ConsoleCheckExtractionSchemaDocument,
    "\n  mutation ConsoleUpdatePostCallSettings($id: ID!, $input: PostCallSettingsInput!) {\n    updatePostCallSettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdatePostCallSettingsSuccess { data { id postCallSettings { extractionSchema adversarialAlertThreshold } } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdatePostCallSettingsDocument,
    "\n  fragment PersonRequestFields on PersonRequest {\n    id kind status subjectHint requestedBy includeOriginals addToDoNotCall stage itemsDone itemsTotal progress error\n    createdAt completedAt\n    download { url expiresAt }\n    receipt {\n      weaviateObjects addedToDoNotCall\n      postgres {\n        callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents\n        notifications webhookEvents campaignContactIds exportIds\n      }\n      temporal { deleted notFound running }\n    }\n  }\n": typeof types.PersonRequestFieldsFragmentDoc,
    "\n  query ConsolePersonRequests { personRequests(first: 50) { ...PersonRequestFields } }\n": typeof types.ConsolePersonRequestsDocument,
    "\n  mutation ConsoleExportPersonData($input: ExportPersonDataInput!) {\n    exportPersonData(input: $input) {\n      __typename\n      ... on MutationExportPersonDataSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleExportPersonDataDocument,
    "\n  mutation ConsoleErasePerson($input: ErasePersonInput!) {\n    erasePerson(input: $input) {\n      __typename\n      ... on MutationErasePersonSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleErasePersonDocument,
    "\n  fragment QualityRuleFields on QualitySettings {\n    sentimentAlertThreshold sentimentEscalationEnabled sentimentEscalationLines maxFailedLookups maxToolErrors\n    disclosureRules { phrase withinSeconds } prohibitedPhrases piiChecks\n    qaWeights { sentiment compliance accuracy professionalism } qaAlertThreshold\n    offerTimeoutSeconds maxWaitSeconds escalationDepartment escalationSkills\n  }\n": typeof types.QualityRuleFieldsFragmentDoc,
    "\n  query ConsoleQualityRules($id: ID!) { businessConfig(id: $id) { id name qualitySettings { ...QualityRuleFields } } }\n": typeof types.ConsoleQualityRulesDocument,
    "\n  mutation ConsoleUpdateQualityRules($id: ID!, $input: QualitySettingsInput!) {\n    updateQualitySettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdateQualitySettingsSuccess { data { id qualitySettings { ...QualityRuleFields } } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateQualityRulesDocument,
    "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n": typeof types.ConsolePasswordPolicyDocument,
    "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": typeof types.ConsoleResetPasswordDocument,
    "\n  fragment SetupWizardFields on SetupWizard {\n    needed currentStep businessId testCallId completedAt steps { step title optional status }\n  }\n": typeof types.SetupWizardFieldsFragmentDoc,
    "\n  query ConsoleSetupWizard { setupWizard { ...SetupWizardFields } }\n": typeof types.ConsoleSetupWizardDocument,
    "\n  mutation ConsoleUpdateSetupWizard($step: SetupStep!, $status: SetupStepStatus!, $businessId: ID, $testCallId: ID) {\n    updateSetupWizard(step: $step, status: $status, businessId: $businessId, testCallId: $testCallId) {\n      __typename\n      ... on MutationUpdateSetupWizardSuccess { data { ...SetupWizardFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateSetupWizardDocument,
    "\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query ConsoleUsers { users { ...UserFields } }\n": typeof types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateUserDocument,
    "\n  fragment WebhookEndpointFields on WebhookEndpoint {\n    id url description eventTypes enabled disabledAt disabledReason failingSince createdAt\n    secrets { id lastFour createdAt expiresAt }\n  }\n": typeof types.WebhookEndpointFieldsFragmentDoc,
    "\n  query ConsoleWebhooks {\n    webhookEndpoints { ...WebhookEndpointFields }\n    webhookEventTypes { type description }\n  }\n": typeof types.ConsoleWebhooksDocument,
    "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      deliveries(first: 50) {\n        id eventId eventType status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError\n        attemptLog { number manual attemptedAt responseStatus latencyMs error }\n      }\n    }\n  }\n": typeof types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleCreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateWebhookEndpointDocument,
    "\n  mutation ConsoleUpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookEndpointSuccess { data { ...WebhookEndpointFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateWebhookEndpointDocument,
    "\n  mutation ConsoleRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      __typename\n      ... on MutationRotateWebhookSecretSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRotateWebhookSecretDocument,
    "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(endpointId: $id) { __typename ... on MutationSendTestWebhookSuccess { data { id } } ... on Error { message } }\n  }\n": typeof types.ConsoleSendTestWebhookDocument,
    "\n  mutation ConsoleRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { __typename ... on MutationRedeliverWebhookSuccess { data { id status } } ... on Error { message } }\n  }\n": typeof types.ConsoleRedeliverWebhookDocument,
    "\n  query ConsoleAgentUsers { users { id displayName email active } }\n": typeof types.ConsoleAgentUsersDocument,
    "\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateHumanAgentDocument,
    "\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateHumanAgentDocument,
    "\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleSetAgentAvailabilityDocument,
    "\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteHumanAgentDocument,
    "\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n": typeof types.HumanAgentFieldsFragmentDoc,
    "\n  query ConsoleCallAnalysis($id: ID!) {\n    call(id: $id) {\n      id\n      analysis {\n        summary outcome intent actionItems source notes completedAt\n        extraction {\n          status schemaName data errors\n          fields { path status required message }\n          provenance { path lines { sequence text } }\n          gaps { from to months description }\n        }\n        adversarial {\n          score rulesScore llmScore llmReasons flagged threshold\n          signals { kind detail lineSequence }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCallAnalysisDocument,
    "\n  fragment CallDetailFields on Call {\n    ...CallFields endedAt endReason workflowId disclosureSpokenAt callerObjectedAt callerObjection\n  }\n": typeof types.CallDetailFieldsFragmentDoc,
    "\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n": typeof types.CallLatencyFieldsFragmentDoc,
    "\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": typeof types.TranscriptLineFieldsFragmentDoc,
    "\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": typeof types.LiveLineFieldsFragmentDoc,
    "\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n": typeof types.ConsoleCallDocument,
    "\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n": typeof types.ConsoleCallTranscriptDocument,
    "\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n": typeof types.ConsoleCallEventsDocument,
    "\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n": typeof types.ConsoleCallQualityDocument,
    "\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n": typeof types.ConsoleStartCallDocument,
    "\n  query ConsoleCampaignCsvPreview($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    campaignCsvPreview(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on QueryCampaignCsvPreviewSuccess {\n        data {\n          headers missingColumns\n          mapping { phoneNumber name consent timeZone variables }\n          rows { line phoneNumber values problems { field message } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCampaignCsvPreviewDocument,
    "\n  mutation ConsoleImportCampaignContacts($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on MutationImportCampaignContactsSuccess {\n        data { id fileName rows added merged doNotCall failed errors(first: 1000) { line field message } }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleImportCampaignContactsDocument,
    "\n  query ConsoleCampaignContacts($id: ID!, $first: Int!, $filter: CampaignContactFilter) {\n    campaign(id: $id) {\n      id\n      contacts(first: $first, filter: $filter) {\n        totalCount\n        nodes { id phoneNumber name status lastOutcome attempts nextAttemptAt calls { id } }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignContactsDocument,
    "\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n": typeof types.ConsoleDocSyncPresetsDocument,
    "\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateDocSourceDocument,
    "\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n": typeof types.ConsoleDocSyncDocument,
    "\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n": typeof types.ConsoleDocSyncProgressDocument,
    "\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n": typeof types.ConsoleDeleteDocSourceDocument,
    "\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleStartDocSyncDocument,
    "\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCancelDocSyncDocument,
    "\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n": typeof types.DocSyncRunFieldsFragmentDoc,
    "\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n": typeof types.DocSourceFieldsFragmentDoc,
    "\n  mutation ConsoleSetupKnowledge($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleSetupKnowledgeDocument,
    "\n  query ConsoleSetupKnowledgeStatus($id: ID!) { knowledgeEntry(id: $id) { id status error chunkCount } }\n": typeof types.ConsoleSetupKnowledgeStatusDocument,
    "\n  mutation ConsoleSetupTestCall($input: StartCallInput!) {\n    startCall(input: $input) {\n      __typename\n      ... on MutationStartCallSuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleSetupTestCallDocument,
    "\n  subscription ConsoleSetupTestCallEvents($id: ID!) {\n    callEvents(callId: $id, after: \"0\") { cursor type call { id status endReason } line { sequence speaker text } }\n  }\n": typeof types.ConsoleSetupTestCallEventsDocument,
    "\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n": typeof types.CallSentimentFieldsFragmentDoc,
    "\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n": typeof types.QaComponentFieldsFragmentDoc,
    "\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n": typeof types.QaScoreFieldsFragmentDoc,
    "\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n": typeof types.ConsoleCallQaChangedDocument,
    "\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleOverrideQaScoreDocument,
    "\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRecalculateQaDocument,
    "\n  fragment RetentionPolicyFields on RetentionPolicy {\n    transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays\n    scheduleId updatedAt\n    lastRun {\n      startedAt finishedAt\n      removed { transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions }\n    }\n  }\n": typeof types.RetentionPolicyFieldsFragmentDoc,
    "\n  query ConsoleRetentionPolicy { retentionPolicy { ...RetentionPolicyFields } }\n": typeof types.ConsoleRetentionPolicyDocument,
    "\n  mutation ConsoleUpdateRetentionPolicy($input: RetentionPolicyInput!) {\n    updateRetentionPolicy(input: $input) {\n      __typename\n      ... on MutationUpdateRetentionPolicySuccess { data { ...RetentionPolicyFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n": typeof types.ConsoleUpdateRetentionPolicyDocument,
    "\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n": typeof types.SessionTokensFragmentDoc,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConsoleRefreshSessionDocument,
    "\n  mutation ConsoleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on MutationSignUpSuccess { data { ...SessionTokens } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConsoleSignUpDocument,
    "\n  query ConsoleSignUpEnabled { signUpEnabled }\n": typeof types.ConsoleSignUpEnabledDocument,
    "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.ConsoleLogoutDocument,
    "\n  fragment ConnectionTestFields on ConnectionTestResult { integration ok account durationMs checks { name ok detail hint } }\n": typeof types.ConnectionTestFieldsFragmentDoc,
    "\n  fragment IntegrationFields on IntegrationStatus {\n    integration usingPlatformDefault platformAccount accountSid host port secure username from secretLastFour version updatedAt\n    lastTest { ok at summary }\n  }\n": typeof types.IntegrationFieldsFragmentDoc,
    "\n  query ConsoleIntegrations { integrations { ...IntegrationFields } }\n": typeof types.ConsoleIntegrationsDocument,
    "\n  mutation ConsoleUpdateTwilio($input: TwilioCredentialsInput!) {\n    updateTwilioCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateTwilioCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateTwilioDocument,
    "\n  mutation ConsoleUpdateOpenAi($input: OpenAiCredentialsInput!) {\n    updateOpenAiCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateOpenAiCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateOpenAiDocument,
    "\n  mutation ConsoleUpdateSmtp($input: SmtpSettingsInput!) {\n    updateSmtpSettings(input: $input) {\n      __typename\n      ... on MutationUpdateSmtpSettingsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateSmtpDocument,
    "\n  mutation ConsoleRemoveCredentials($integration: Integration!) { removeCredentials(integration: $integration) { ...IntegrationFields } }\n": typeof types.ConsoleRemoveCredentialsDocument,
    "\n  mutation ConsoleTestTwilio($credentials: TwilioConnectionTestInput, $phoneNumber: String) {\n    testTwilioConnection(credentials: $credentials, phoneNumber: $phoneNumber) {\n      __typename\n      ... on MutationTestTwilioConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleTestTwilioDocument,
    "\n  mutation ConsoleTestOpenAi($apiKey: String) {\n    testOpenAiConnection(apiKey: $apiKey) {\n      __typename\n      ... on MutationTestOpenAiConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleTestOpenAiDocument,
    "\n  mutation ConsoleTestSmtp($settings: SmtpSettingsInput) {\n    testSmtpConnection(settings: $settings) {\n      __typename\n      ... on MutationTestSmtpConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleTestSmtpDocument,
    "\n  mutation ConsoleTestWeaviate { testWeaviateConnection { ...ConnectionTestFields } }\n": typeof types.ConsoleTestWeaviateDocument,
    "\n  mutation ConsoleTestTemporal { testTemporalConnection { ...ConnectionTestFields } }\n": typeof types.ConsoleTestTemporalDocument,
    "\n  mutation ConsoleUpdateOrganization($input: OrganizationInput!) {\n    updateOrganization(input: $input) {\n      __typename\n      ... on MutationUpdateOrganizationSuccess { data { id name country timeZone } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateOrganizationDocument,
    "\n  query ConsoleOrganization { me { organization { id name country timeZone } } }\n": typeof types.ConsoleOrganizationDocument,
    "\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n": typeof types.ConsoleMeDocument,
};
const documents: Documents = {
    "\n  fragment BusinessFields on BusinessConfig {\n    id name type description phoneNumbers instructions greeting instructionsVersion voice model language timeZone\n    escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount updatedAt\n    callingHours { start end timeZone days }\n    knowledgeLookup { enabled maxResults minScore }\n  }\n": types.BusinessFieldsFragmentDoc,
    "\n  mutation ConsoleCreateBusiness($input: CreateBusinessInput!) {\n    createBusiness(input: $input) {\n      __typename\n      ... on MutationCreateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateBusinessDocument,
    "\n  mutation ConsoleUpdateBusiness($id: ID!, $input: UpdateBusinessInput!) {\n    updateBusiness(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateBusinessDocument,
    "\n  query ConsolePreviewPrompt($businessId: ID, $draft: AgentPromptDraftInput!) {\n    previewAgentPrompt(businessId: $businessId, draft: $draft) {\n      prompt\n      problems { field message }\n      variables { name description value }\n    }\n  }\n": types.ConsolePreviewPromptDocument,
    "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    outcome adversarialScore\n    qa { effectiveScore }\n    business { id name }\n  }\n": types.CallFieldsFragmentDoc,
    "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n": types.ConsoleEndCallDocument,
    "\n  fragment CampaignSummaryFields on Campaign {\n    id name status contactCount callsPerMinute maxConcurrentCalls startedAt finishedAt workflowUrl\n    business { id name }\n    progress {\n      total dialsPerMinute etaAt updatedAt\n      counts {\n        pending dialling connected waitingWindow retryScheduled completed voicemail busy noAnswer failed\n        skippedDnc skippedNoConsent skippedNoWindow\n      }\n    }\n  }\n": types.CampaignSummaryFieldsFragmentDoc,
    "\n  subscription ConsoleCampaignProgress($campaignId: ID) { campaignProgress(campaignId: $campaignId) { ...CampaignSummaryFields } }\n": types.ConsoleCampaignProgressDocument,
    "\n  mutation ConsoleStartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      __typename\n      ... on MutationStartCampaignSuccess { data { ...CampaignSummaryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleStartCampaignDocument,
    "\n  mutation ConsolePauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename ... on MutationPauseCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": types.ConsolePauseCampaignDocument,
    "\n  mutation ConsoleResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename ... on MutationResumeCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": types.ConsoleResumeCampaignDocument,
    "\n  mutation ConsoleCancelCampaign($id: ID!, $endCalls: Boolean!) {\n    cancelCampaign(id: $id, endCalls: $endCalls) {\n      __typename ... on MutationCancelCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n": types.ConsoleCancelCampaignDocument,
    "\n  query ConsoleAnalyticsBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": types.ConsoleAnalyticsBusinessesDocument,
    "\n  query ConsoleAnalyticsCampaigns { campaigns { id name } }\n": types.ConsoleAnalyticsCampaignsDocument,
    "\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n": types.ConsoleBusinessChoiceDocument,
    "\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": types.ConsoleInterveneCallDocument,
    "\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": types.ConsoleTakeOverCallDocument,
    "\n  fragment CallNoteFields on CallNote { id body sensitive category tags createdAt updatedAt author { id displayName } }\n": types.CallNoteFieldsFragmentDoc,
    "\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAddCallNoteDocument,
    "\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateCallNoteDocument,
    "\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteCallNoteDocument,
    "\n  fragment ExportFields on Export {\n    id kind status fileName bytes rowsDone rowsTotal progress error createdAt download { url }\n  }\n": types.ExportFieldsFragmentDoc,
    "\n  query ConsoleExports { exports(first: 10) { ...ExportFields } }\n": types.ConsoleExportsDocument,
    "\n  query ConsoleExport($id: ID!) { export(id: $id) { ...ExportFields } }\n": types.ConsoleExportDocument,
    "\n  mutation ConsoleCreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      __typename\n      ... on MutationCreateExportSuccess { data { ...ExportFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateExportDocument,
    "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUploadKnowledgeDocument,
    "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateKnowledgeEntryDocument,
    "\n  fragment KnowledgeReindexFields on KnowledgeReindex {\n    embedder\n    staleChunks\n    status\n    totalChunks\n    reembeddedChunks\n  }\n": types.KnowledgeReindexFieldsFragmentDoc,
    "\n  query ConsoleKnowledgeReindex($businessId: ID!) {\n    knowledgeReindex(businessId: $businessId) {\n      __typename\n      ... on QueryKnowledgeReindexSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleKnowledgeReindexDocument,
    "\n  mutation ConsoleReindexKnowledge($businessId: ID!) {\n    reindexKnowledge(businessId: $businessId) {\n      __typename\n      ... on MutationReindexKnowledgeSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleReindexKnowledgeDocument,
    "\n  fragment KnowledgeHitFields on KnowledgeHit { chunkId entryId title heading text sourceUrl score }\n": types.KnowledgeHitFieldsFragmentDoc,
    "\n  query ConsoleSearchKnowledge(\n    $businessId: ID!\n    $query: String!\n    $limit: Int!\n    $alpha: Float!\n    $minScore: Float\n    $rerank: Boolean!\n    $filter: KnowledgeSearchFilter\n  ) {\n    searchKnowledge(\n      businessId: $businessId\n      query: $query\n      limit: $limit\n      alpha: $alpha\n      minScore: $minScore\n      rerank: $rerank\n      filter: $filter\n    ) {\n      __typename\n      ... on QuerySearchKnowledgeSuccess { data { ...KnowledgeHitFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleSearchKnowledgeDocument,
    "\n  mutation ConsoleListenToCall($id: ID!) {\n    listenToCall(id: $id) {\n      __typename\n      ... on MutationListenToCallSuccess { data { url expiresAt } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleListenToCallDocument,
    "\n  fragment NotificationFields on Notification { id type title body callId readAt createdAt }\n": types.NotificationFieldsFragmentDoc,
    "\n  query ConsoleUnreadNotifications { unreadNotificationCount }\n": types.ConsoleUnreadNotificationsDocument,
    "\n  query ConsoleNotifications($first: Int!) {\n    notifications(first: $first) { ...NotificationFields }\n    notificationPreferences { emailTypes }\n  }\n": types.ConsoleNotificationsDocument,
    "\n  subscription ConsoleNotificationAdded { notificationAdded { ...NotificationFields } }\n": types.ConsoleNotificationAddedDocument,
    "\n  mutation ConsoleMarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      __typename\n      ... on MutationMarkNotificationReadSuccess { data { ...NotificationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleMarkNotificationReadDocument,
    "\n  mutation ConsoleMarkAllNotificationsRead { markAllNotificationsRead }\n": types.ConsoleMarkAllNotificationsReadDocument,
    "\n  mutation ConsoleDeleteNotification($id: ID!) {\n    deleteNotification(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteNotificationDocument,
    "\n  mutation ConsoleUpdateNotificationPreferences($emailTypes: [NotificationType!]!) {\n    updateNotificationPreferences(emailTypes: $emailTypes) {\n      __typename\n      ... on MutationUpdateNotificationPreferencesSuccess { data { emailTypes } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateNotificationPreferencesDocument,
    "\n  query ConsoleTranscriptDownload($id: ID!, $format: TranscriptFormat!) {\n    call(id: $id) { id transcriptDownload(format: $format) { url } }\n  }\n": types.ConsoleTranscriptDownloadDocument,
    "\n  fragment EscalationFields on Escalation {\n    id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt\n    completedAt resolved resolutionNotes\n    call { id fromNumber toNumber direction status }\n    agent { id name user { id } }\n    offers { offeredAt outcome agent { id name user { id } } }\n    context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }\n  }\n": types.EscalationFieldsFragmentDoc,
    "\n  subscription ConsoleEscalationChanged { escalationChanged { ...EscalationFields } }\n": types.ConsoleEscalationChangedDocument,
    "\n  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {\n    escalateCall(callId: $callId, reason: $reason, priority: $priority) {\n      __typename\n      ... on MutationEscalateCallSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleEscalateCallDocument,
    "\n  mutation ConsoleAcceptEscalation($id: ID!) {\n    acceptEscalation(id: $id) {\n      __typename\n      ... on MutationAcceptEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAcceptEscalationDocument,
    "\n  mutation ConsoleDeclineEscalation($id: ID!) {\n    declineEscalation(id: $id) {\n      __typename\n      ... on MutationDeclineEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleDeclineEscalationDocument,
    "\n  mutation ConsoleCompleteCallback($id: ID!, $input: CompleteEscalationInput!) {\n    completeCallback(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteCallbackSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCompleteCallbackDocument,
    "\n  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {\n    completeEscalation(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCompleteEscalationDocument,
    "\n  fragment KnowledgeEntryFields on KnowledgeEntry {\n    id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt\n  }\n": types.KnowledgeEntryFieldsFragmentDoc,
    "\n  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {\n    knowledgeEntryChanged(businessId: $businessId) { ...KnowledgeEntryFields }\n  }\n": types.ConsoleKnowledgeEntryChangedDocument,
    "\n  mutation ConsoleReindexKnowledgeEntry($id: ID!) {\n    reindexKnowledgeEntry(id: $id) {\n      __typename\n      ... on MutationReindexKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleReindexKnowledgeEntryDocument,
    "\n  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {\n    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteKnowledgeEntryDocument,
    "\n  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }\n": types.ConsoleHumanAgentsDocument,
    "\n  query ConsoleAnalyticsCharts($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          period { timeZone }\n          volume(bucket: $bucket) {\n            __typename\n            ... on AnalyticsVolumeSuccess {\n              data {\n                buckets { start calls previousCalls answered escalated averageQaScore averageSentiment }\n                heatmap { weekday hour calls }\n              }\n            }\n            ... on Error { message }\n          }\n          quality { scored averageScore distribution { from to calls } }\n          sentiment { calls negative neutral positive }\n          escalations { total byTrigger { reason count } }\n          campaigns {\n            campaignId name status calls answered answerRate retries contactsTotal contactsDialled\n            byHour { hour calls answered }\n            contacts { status contacts }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAnalyticsChartsDocument,
    "\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n": types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n    changes { field before after }\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAuditLogDocument,
    "\n  query ConsoleBusiness($id: ID!) {\n    businessConfig(id: $id) {\n      ...BusinessFields\n      instructionsHistory(first: 20) { id version instructions greeting createdBy createdAt callCount }\n    }\n  }\n": types.ConsoleBusinessDocument,
    "\n  mutation ConsoleArchiveBusiness($id: ID!) {\n    archiveBusiness(id: $id) { __typename ... on MutationArchiveBusinessSuccess { data { ...BusinessFields } } ... on Error { message } }\n  }\n": types.ConsoleArchiveBusinessDocument,
    "\n  mutation ConsoleRestoreBusiness($id: ID!) {\n    restoreBusiness(id: $id) {\n      __typename\n      ... on MutationRestoreBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRestoreBusinessDocument,
    "\n  mutation ConsoleDeleteBusiness($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { message } } }\n": types.ConsoleDeleteBusinessDocument,
    "\n  query ConsoleBusinessList($includeInactive: Boolean) {\n    businessConfigs(includeInactive: $includeInactive) {\n      id name type phoneNumbers voice language active callCount instructionsVersion\n    }\n  }\n": types.ConsoleBusinessListDocument,
    "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCallsDocument,
    "\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": types.ConsoleBusinessesDocument,
    "\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n": types.ConsoleCallsChangedDocument,
    "\n  query ConsoleCampaign($id: ID!) { campaign(id: $id) { ...CampaignSummaryFields } }\n": types.ConsoleCampaignDocument,
    "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on MutationCreateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateCampaignDocument,
    "\n  mutation ConsoleUpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateCampaignDocument,
    "\n  query ConsoleCampaigns { campaigns { ...CampaignSummaryFields } }\n": types.ConsoleCampaignsDocument,
    "\n  fragment OverviewFields on OverviewFigures {\n    calls answered answeredRate averageMinutes averageHandleSeconds containmentRate averageQaScore\n    averageSentiment escalated escalationRate totalMinutes\n  }\n": types.OverviewFieldsFragmentDoc,
    "\n  query ConsoleAnalyticsOverview($range: AnalyticsRange!, $filter: AnalyticsFilter) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          overview {\n            activeNow\n            current { ...OverviewFields }\n            previous { ...OverviewFields }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAnalyticsOverviewDocument,
    "\n  fragment DoNotCallFields on DoNotCallEntry { id phoneNumber reason source addedBy callId createdAt }\n": types.DoNotCallFieldsFragmentDoc,
    "\n  query ConsoleDoNotCall($search: String, $first: Int!) {\n    doNotCallEntries(search: $search, first: $first) { totalCount nodes { ...DoNotCallFields } }\n  }\n": types.ConsoleDoNotCallDocument,
    "\n  mutation ConsoleAddDoNotCall($input: AddDoNotCallInput!) {\n    addDoNotCall(input: $input) {\n      __typename\n      ... on MutationAddDoNotCallSuccess { data { ...DoNotCallFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n": types.ConsoleAddDoNotCallDocument,
    "\n  mutation ConsoleUpdateDoNotCall($id: ID!, $reason: String) {\n    updateDoNotCall(id: $id, reason: $reason) {\n      __typename ... on MutationUpdateDoNotCallSuccess { data { ...DoNotCallFields } } ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateDoNotCallDocument,
    "\n  mutation ConsoleRemoveDoNotCall($id: ID!) {\n    removeDoNotCall(id: $id) {\n      __typename ... on MutationRemoveDoNotCallSuccess { data { id } } ... on Error { message }\n    }\n  }\n": types.ConsoleRemoveDoNotCallDocument,
    "\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleDocSyncsDocument,
    "\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n": types.ConsoleEscalationsDocument,
    "\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n": types.ConsoleForgotPasswordDocument,
    "\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleKnowledgeEntriesDocument,
    "\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n": types.ConsoleKnowledgeEntryDocument,
    "\n  query ConsolePostCallSettings($id: ID!) {\n    businessConfig(id: $id) {\n      id name\n      postCallSettings {\n        extractionSchema adversarialAlertThreshold\n        outcomes { name description }\n        extractionFields { path required description }\n      }\n    }\n    extractionTemplates { name label schema }\n  }\n": types.ConsolePostCallSettingsDocument,
    "\n  query ConsoleCheckExtractionSchema($schema: String!) {\n    checkExtractionSchema(schema: $schema) { valid problems fields { path required } }\n  }\n": types.ConsoleCheckExtractionSchemaDocument,
    "\n  mutation ConsoleUpdatePostCallSettings($id: ID!, $input: PostCallSettingsInput!) {\n    updatePostCallSettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdatePostCallSettingsSuccess { data { id postCallSettings { extractionSchema adversarialAlertThreshold } } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdatePostCallSettingsDocument,
    "\n  fragment PersonRequestFields on PersonRequest {\n    id kind status subjectHint requestedBy includeOriginals addToDoNotCall stage itemsDone itemsTotal progress error\n    createdAt completedAt\n    download { url expiresAt }\n    receipt {\n      weaviateObjects addedToDoNotCall\n      postgres {\n        callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents\n        notifications webhookEvents campaignContactIds exportIds\n      }\n      temporal { deleted notFound running }\n    }\n  }\n": types.PersonRequestFieldsFragmentDoc,
    "\n  query ConsolePersonRequests { personRequests(first: 50) { ...PersonRequestFields } }\n": types.ConsolePersonRequestsDocument,
    "\n  mutation ConsoleExportPersonData($input: ExportPersonDataInput!) {\n    exportPersonData(input: $input) {\n      __typename\n      ... on MutationExportPersonDataSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleExportPersonDataDocument,
    "\n  mutation ConsoleErasePerson($input: ErasePersonInput!) {\n    erasePerson(input: $input) {\n      __typename\n      ... on MutationErasePersonSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleErasePersonDocument,
    "\n  fragment QualityRuleFields on QualitySettings {\n    sentimentAlertThreshold sentimentEscalationEnabled sentimentEscalationLines maxFailedLookups maxToolErrors\n    disclosureRules { phrase withinSeconds } prohibitedPhrases piiChecks\n    qaWeights { sentiment compliance accuracy professionalism } qaAlertThreshold\n    offerTimeoutSeconds maxWaitSeconds escalationDepartment escalationSkills\n  }\n": types.QualityRuleFieldsFragmentDoc,
    "\n  query ConsoleQualityRules($id: ID!) { businessConfig(id: $id) { id name qualitySettings { ...QualityRuleFields } } }\n": types.ConsoleQualityRulesDocument,
    "\n  mutation ConsoleUpdateQualityRules($id: ID!, $input: QualitySettingsInput!) {\n    updateQualitySettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdateQualitySettingsSuccess { data { id qualitySettings { ...QualityRuleFields } } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateQualityRulesDocument,
    "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n": types.ConsolePasswordPolicyDocument,
    "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": types.ConsoleResetPasswordDocument,
    "\n  fragment SetupWizardFields on SetupWizard {\n    needed currentStep businessId testCallId completedAt steps { step title optional status }\n  }\n": types.SetupWizardFieldsFragmentDoc,
    "\n  query ConsoleSetupWizard { setupWizard { ...SetupWizardFields } }\n": types.ConsoleSetupWizardDocument,
    "\n  mutation ConsoleUpdateSetupWizard($step: SetupStep!, $status: SetupStepStatus!, $businessId: ID, $testCallId: ID) {\n    updateSetupWizard(step: $step, status: $status, businessId: $businessId, testCallId: $testCallId) {\n      __typename\n      ... on MutationUpdateSetupWizardSuccess { data { ...SetupWizardFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateSetupWizardDocument,
    "\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n": types.UserFieldsFragmentDoc,
    "\n  query ConsoleUsers { users { ...UserFields } }\n": types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateUserDocument,
    "\n  fragment WebhookEndpointFields on WebhookEndpoint {\n    id url description eventTypes enabled disabledAt disabledReason failingSince createdAt\n    secrets { id lastFour createdAt expiresAt }\n  }\n": types.WebhookEndpointFieldsFragmentDoc,
    "\n  query ConsoleWebhooks {\n    webhookEndpoints { ...WebhookEndpointFields }\n    webhookEventTypes { type description }\n  }\n": types.ConsoleWebhooksDocument,
    "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      deliveries(first: 50) {\n        id eventId eventType status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError\n        attemptLog { number manual attemptedAt responseStatus latencyMs error }\n      }\n    }\n  }\n": types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleCreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateWebhookEndpointDocument,
    "\n  mutation ConsoleUpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookEndpointSuccess { data { ...WebhookEndpointFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateWebhookEndpointDocument,
    "\n  mutation ConsoleRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      __typename\n      ... on MutationRotateWebhookSecretSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRotateWebhookSecretDocument,
    "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(endpointId: $id) { __typename ... on MutationSendTestWebhookSuccess { data { id } } ... on Error { message } }\n  }\n": types.ConsoleSendTestWebhookDocument,
    "\n  mutation ConsoleRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { __typename ... on MutationRedeliverWebhookSuccess { data { id status } } ... on Error { message } }\n  }\n": types.ConsoleRedeliverWebhookDocument,
    "\n  query ConsoleAgentUsers { users { id displayName email active } }\n": types.ConsoleAgentUsersDocument,
    "\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateHumanAgentDocument,
    "\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateHumanAgentDocument,
    "\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleSetAgentAvailabilityDocument,
    "\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteHumanAgentDocument,
    "\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n": types.HumanAgentFieldsFragmentDoc,
    "\n  query ConsoleCallAnalysis($id: ID!) {\n    call(id: $id) {\n      id\n      analysis {\n        summary outcome intent actionItems source notes completedAt\n        extraction {\n          status schemaName data errors\n          fields { path status required message }\n          provenance { path lines { sequence text } }\n          gaps { from to months description }\n        }\n        adversarial {\n          score rulesScore llmScore llmReasons flagged threshold\n          signals { kind detail lineSequence }\n        }\n      }\n    }\n  }\n": types.ConsoleCallAnalysisDocument,
    "\n  fragment CallDetailFields on Call {\n    ...CallFields endedAt endReason workflowId disclosureSpokenAt callerObjectedAt callerObjection\n  }\n": types.CallDetailFieldsFragmentDoc,
    "\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n": types.CallLatencyFieldsFragmentDoc,
    "\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": types.TranscriptLineFieldsFragmentDoc,
    "\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": types.LiveLineFieldsFragmentDoc,
    "\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n": types.ConsoleCallDocument,
    "\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n": types.ConsoleCallTranscriptDocument,
    "\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n": types.ConsoleCallEventsDocument,
    "\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n": types.ConsoleCallQualityDocument,
    "\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n": types.ConsoleStartCallDocument,
    "\n  query ConsoleCampaignCsvPreview($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    campaignCsvPreview(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on QueryCampaignCsvPreviewSuccess {\n        data {\n          headers missingColumns\n          mapping { phoneNumber name consent timeZone variables }\n          rows { line phoneNumber values problems { field message } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCampaignCsvPreviewDocument,
    "\n  mutation ConsoleImportCampaignContacts($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on MutationImportCampaignContactsSuccess {\n        data { id fileName rows added merged doNotCall failed errors(first: 1000) { line field message } }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleImportCampaignContactsDocument,
    "\n  query ConsoleCampaignContacts($id: ID!, $first: Int!, $filter: CampaignContactFilter) {\n    campaign(id: $id) {\n      id\n      contacts(first: $first, filter: $filter) {\n        totalCount\n        nodes { id phoneNumber name status lastOutcome attempts nextAttemptAt calls { id } }\n      }\n    }\n  }\n": types.ConsoleCampaignContactsDocument,
    "\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n": types.ConsoleDocSyncPresetsDocument,
    "\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateDocSourceDocument,
    "\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n": types.ConsoleDocSyncDocument,
    "\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n": types.ConsoleDocSyncProgressDocument,
    "\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n": types.ConsoleDeleteDocSourceDocument,
    "\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleStartDocSyncDocument,
    "\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCancelDocSyncDocument,
    "\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n": types.DocSyncRunFieldsFragmentDoc,
    "\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n": types.DocSourceFieldsFragmentDoc,
    "\n  mutation ConsoleSetupKnowledge($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleSetupKnowledgeDocument,
    "\n  query ConsoleSetupKnowledgeStatus($id: ID!) { knowledgeEntry(id: $id) { id status error chunkCount } }\n": types.ConsoleSetupKnowledgeStatusDocument,
    "\n  mutation ConsoleSetupTestCall($input: StartCallInput!) {\n    startCall(input: $input) {\n      __typename\n      ... on MutationStartCallSuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleSetupTestCallDocument,
    "\n  subscription ConsoleSetupTestCallEvents($id: ID!) {\n    callEvents(callId: $id, after: \"0\") { cursor type call { id status endReason } line { sequence speaker text } }\n  }\n": types.ConsoleSetupTestCallEventsDocument,
    "\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n": types.CallSentimentFieldsFragmentDoc,
    "\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n": types.QaComponentFieldsFragmentDoc,
    "\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n": types.QaScoreFieldsFragmentDoc,
    "\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n": types.ConsoleCallQaChangedDocument,
    "\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleOverrideQaScoreDocument,
    "\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRecalculateQaDocument,
    "\n  fragment RetentionPolicyFields on RetentionPolicy {\n    transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays\n    scheduleId updatedAt\n    lastRun {\n      startedAt finishedAt\n      removed { transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions }\n    }\n  }\n": types.RetentionPolicyFieldsFragmentDoc,
    "\n  query ConsoleRetentionPolicy { retentionPolicy { ...RetentionPolicyFields } }\n": types.ConsoleRetentionPolicyDocument,
    "\n  mutation ConsoleUpdateRetentionPolicy($input: RetentionPolicyInput!) {\n    updateRetentionPolicy(input: $input) {\n      __typename\n      ... on MutationUpdateRetentionPolicySuccess { data { ...RetentionPolicyFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n": types.ConsoleUpdateRetentionPolicyDocument,
    "\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n": types.SessionTokensFragmentDoc,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": types.ConsoleLoginDocument,
    "\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": types.ConsoleRefreshSessionDocument,
    "\n  mutation ConsoleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on MutationSignUpSuccess { data { ...SessionTokens } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": types.ConsoleSignUpDocument,
    "\n  query ConsoleSignUpEnabled { signUpEnabled }\n": types.ConsoleSignUpEnabledDocument,
    "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.ConsoleLogoutDocument,
    "\n  fragment ConnectionTestFields on ConnectionTestResult { integration ok account durationMs checks { name ok detail hint } }\n": types.ConnectionTestFieldsFragmentDoc,
    "\n  fragment IntegrationFields on IntegrationStatus {\n    integration usingPlatformDefault platformAccount accountSid host port secure username from secretLastFour version updatedAt\n    lastTest { ok at summary }\n  }\n": types.IntegrationFieldsFragmentDoc,
    "\n  query ConsoleIntegrations { integrations { ...IntegrationFields } }\n": types.ConsoleIntegrationsDocument,
    "\n  mutation ConsoleUpdateTwilio($input: TwilioCredentialsInput!) {\n    updateTwilioCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateTwilioCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateTwilioDocument,
    "\n  mutation ConsoleUpdateOpenAi($input: OpenAiCredentialsInput!) {\n    updateOpenAiCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateOpenAiCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateOpenAiDocument,
    "\n  mutation ConsoleUpdateSmtp($input: SmtpSettingsInput!) {\n    updateSmtpSettings(input: $input) {\n      __typename\n      ... on MutationUpdateSmtpSettingsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateSmtpDocument,
    "\n  mutation ConsoleRemoveCredentials($integration: Integration!) { removeCredentials(integration: $integration) { ...IntegrationFields } }\n": types.ConsoleRemoveCredentialsDocument,
    "\n  mutation ConsoleTestTwilio($credentials: TwilioConnectionTestInput, $phoneNumber: String) {\n    testTwilioConnection(credentials: $credentials, phoneNumber: $phoneNumber) {\n      __typename\n      ... on MutationTestTwilioConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleTestTwilioDocument,
    "\n  mutation ConsoleTestOpenAi($apiKey: String) {\n    testOpenAiConnection(apiKey: $apiKey) {\n      __typename\n      ... on MutationTestOpenAiConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleTestOpenAiDocument,
    "\n  mutation ConsoleTestSmtp($settings: SmtpSettingsInput) {\n    testSmtpConnection(settings: $settings) {\n      __typename\n      ... on MutationTestSmtpConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleTestSmtpDocument,
    "\n  mutation ConsoleTestWeaviate { testWeaviateConnection { ...ConnectionTestFields } }\n": types.ConsoleTestWeaviateDocument,
    "\n  mutation ConsoleTestTemporal { testTemporalConnection { ...ConnectionTestFields } }\n": types.ConsoleTestTemporalDocument,
    "\n  mutation ConsoleUpdateOrganization($input: OrganizationInput!) {\n    updateOrganization(input: $input) {\n      __typename\n      ... on MutationUpdateOrganizationSuccess { data { id name country timeZone } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateOrganizationDocument,
    "\n  query ConsoleOrganization { me { organization { id name country timeZone } } }\n": types.ConsoleOrganizationDocument,
    "\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n": types.ConsoleMeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BusinessFields on BusinessConfig {\n    id name type description phoneNumbers instructions greeting instructionsVersion voice model language timeZone\n    escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount updatedAt\n    callingHours { start end timeZone days }\n    knowledgeLookup { enabled maxResults minScore }\n  }\n"): (typeof documents)["\n  fragment BusinessFields on BusinessConfig {\n    id name type description phoneNumbers instructions greeting instructionsVersion voice model language timeZone\n    escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount updatedAt\n    callingHours { start end timeZone days }\n    knowledgeLookup { enabled maxResults minScore }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateBusiness($input: CreateBusinessInput!) {\n    createBusiness(input: $input) {\n      __typename\n      ... on MutationCreateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateBusiness($input: CreateBusinessInput!) {\n    createBusiness(input: $input) {\n      __typename\n      ... on MutationCreateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateBusiness($id: ID!, $input: UpdateBusinessInput!) {\n    updateBusiness(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateBusiness($id: ID!, $input: UpdateBusinessInput!) {\n    updateBusiness(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePreviewPrompt($businessId: ID, $draft: AgentPromptDraftInput!) {\n    previewAgentPrompt(businessId: $businessId, draft: $draft) {\n      prompt\n      problems { field message }\n      variables { name description value }\n    }\n  }\n"): (typeof documents)["\n  query ConsolePreviewPrompt($businessId: ID, $draft: AgentPromptDraftInput!) {\n    previewAgentPrompt(businessId: $businessId, draft: $draft) {\n      prompt\n      problems { field message }\n      variables { name description value }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    outcome adversarialScore\n    qa { effectiveScore }\n    business { id name }\n  }\n"): (typeof documents)["\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    outcome adversarialScore\n    qa { effectiveScore }\n    business { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignSummaryFields on Campaign {\n    id name status contactCount callsPerMinute maxConcurrentCalls startedAt finishedAt workflowUrl\n    business { id name }\n    progress {\n      total dialsPerMinute etaAt updatedAt\n      counts {\n        pending dialling connected waitingWindow retryScheduled completed voicemail busy noAnswer failed\n        skippedDnc skippedNoConsent skippedNoWindow\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CampaignSummaryFields on Campaign {\n    id name status contactCount callsPerMinute maxConcurrentCalls startedAt finishedAt workflowUrl\n    business { id name }\n    progress {\n      total dialsPerMinute etaAt updatedAt\n      counts {\n        pending dialling connected waitingWindow retryScheduled completed voicemail busy noAnswer failed\n        skippedDnc skippedNoConsent skippedNoWindow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleCampaignProgress($campaignId: ID) { campaignProgress(campaignId: $campaignId) { ...CampaignSummaryFields } }\n"): (typeof documents)["\n  subscription ConsoleCampaignProgress($campaignId: ID) { campaignProgress(campaignId: $campaignId) { ...CampaignSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      __typename\n      ... on MutationStartCampaignSuccess { data { ...CampaignSummaryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleStartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      __typename\n      ... on MutationStartCampaignSuccess { data { ...CampaignSummaryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename ... on MutationPauseCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename ... on MutationPauseCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename ... on MutationResumeCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename ... on MutationResumeCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelCampaign($id: ID!, $endCalls: Boolean!) {\n    cancelCampaign(id: $id, endCalls: $endCalls) {\n      __typename ... on MutationCancelCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCancelCampaign($id: ID!, $endCalls: Boolean!) {\n    cancelCampaign(id: $id, endCalls: $endCalls) {\n      __typename ... on MutationCancelCampaignSuccess { data { ...CampaignSummaryFields } } ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalyticsBusinesses { businessConfigs(includeInactive: true) { id name active } }\n"): (typeof documents)["\n  query ConsoleAnalyticsBusinesses { businessConfigs(includeInactive: true) { id name active } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalyticsCampaigns { campaigns { id name } }\n"): (typeof documents)["\n  query ConsoleAnalyticsCampaigns { campaigns { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n"): (typeof documents)["\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CallNoteFields on CallNote { id body sensitive category tags createdAt updatedAt author { id displayName } }\n"): (typeof documents)["\n  fragment CallNoteFields on CallNote { id body sensitive category tags createdAt updatedAt author { id displayName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportFields on Export {\n    id kind status fileName bytes rowsDone rowsTotal progress error createdAt download { url }\n  }\n"): (typeof documents)["\n  fragment ExportFields on Export {\n    id kind status fileName bytes rowsDone rowsTotal progress error createdAt download { url }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleExports { exports(first: 10) { ...ExportFields } }\n"): (typeof documents)["\n  query ConsoleExports { exports(first: 10) { ...ExportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleExport($id: ID!) { export(id: $id) { ...ExportFields } }\n"): (typeof documents)["\n  query ConsoleExport($id: ID!) { export(id: $id) { ...ExportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      __typename\n      ... on MutationCreateExportSuccess { data { ...ExportFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      __typename\n      ... on MutationCreateExportSuccess { data { ...ExportFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KnowledgeReindexFields on KnowledgeReindex {\n    embedder\n    staleChunks\n    status\n    totalChunks\n    reembeddedChunks\n  }\n"): (typeof documents)["\n  fragment KnowledgeReindexFields on KnowledgeReindex {\n    embedder\n    staleChunks\n    status\n    totalChunks\n    reembeddedChunks\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleKnowledgeReindex($businessId: ID!) {\n    knowledgeReindex(businessId: $businessId) {\n      __typename\n      ... on QueryKnowledgeReindexSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleKnowledgeReindex($businessId: ID!) {\n    knowledgeReindex(businessId: $businessId) {\n      __typename\n      ... on QueryKnowledgeReindexSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleReindexKnowledge($businessId: ID!) {\n    reindexKnowledge(businessId: $businessId) {\n      __typename\n      ... on MutationReindexKnowledgeSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleReindexKnowledge($businessId: ID!) {\n    reindexKnowledge(businessId: $businessId) {\n      __typename\n      ... on MutationReindexKnowledgeSuccess { data { ...KnowledgeReindexFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KnowledgeHitFields on KnowledgeHit { chunkId entryId title heading text sourceUrl score }\n"): (typeof documents)["\n  fragment KnowledgeHitFields on KnowledgeHit { chunkId entryId title heading text sourceUrl score }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSearchKnowledge(\n    $businessId: ID!\n    $query: String!\n    $limit: Int!\n    $alpha: Float!\n    $minScore: Float\n    $rerank: Boolean!\n    $filter: KnowledgeSearchFilter\n  ) {\n    searchKnowledge(\n      businessId: $businessId\n      query: $query\n      limit: $limit\n      alpha: $alpha\n      minScore: $minScore\n      rerank: $rerank\n      filter: $filter\n    ) {\n      __typename\n      ... on QuerySearchKnowledgeSuccess { data { ...KnowledgeHitFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSearchKnowledge(\n    $businessId: ID!\n    $query: String!\n    $limit: Int!\n    $alpha: Float!\n    $minScore: Float\n    $rerank: Boolean!\n    $filter: KnowledgeSearchFilter\n  ) {\n    searchKnowledge(\n      businessId: $businessId\n      query: $query\n      limit: $limit\n      alpha: $alpha\n      minScore: $minScore\n      rerank: $rerank\n      filter: $filter\n    ) {\n      __typename\n      ... on QuerySearchKnowledgeSuccess { data { ...KnowledgeHitFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleListenToCall($id: ID!) {\n    listenToCall(id: $id) {\n      __typename\n      ... on MutationListenToCallSuccess { data { url expiresAt } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleListenToCall($id: ID!) {\n    listenToCall(id: $id) {\n      __typename\n      ... on MutationListenToCallSuccess { data { url expiresAt } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification { id type title body callId readAt createdAt }\n"): (typeof documents)["\n  fragment NotificationFields on Notification { id type title body callId readAt createdAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUnreadNotifications { unreadNotificationCount }\n"): (typeof documents)["\n  query ConsoleUnreadNotifications { unreadNotificationCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleNotifications($first: Int!) {\n    notifications(first: $first) { ...NotificationFields }\n    notificationPreferences { emailTypes }\n  }\n"): (typeof documents)["\n  query ConsoleNotifications($first: Int!) {\n    notifications(first: $first) { ...NotificationFields }\n    notificationPreferences { emailTypes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleNotificationAdded { notificationAdded { ...NotificationFields } }\n"): (typeof documents)["\n  subscription ConsoleNotificationAdded { notificationAdded { ...NotificationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleMarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      __typename\n      ... on MutationMarkNotificationReadSuccess { data { ...NotificationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleMarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      __typename\n      ... on MutationMarkNotificationReadSuccess { data { ...NotificationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleMarkAllNotificationsRead { markAllNotificationsRead }\n"): (typeof documents)["\n  mutation ConsoleMarkAllNotificationsRead { markAllNotificationsRead }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteNotification($id: ID!) {\n    deleteNotification(id: $id) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleDeleteNotification($id: ID!) {\n    deleteNotification(id: $id) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateNotificationPreferences($emailTypes: [NotificationType!]!) {\n    updateNotificationPreferences(emailTypes: $emailTypes) {\n      __typename\n      ... on MutationUpdateNotificationPreferencesSuccess { data { emailTypes } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateNotificationPreferences($emailTypes: [NotificationType!]!) {\n    updateNotificationPreferences(emailTypes: $emailTypes) {\n      __typename\n      ... on MutationUpdateNotificationPreferencesSuccess { data { emailTypes } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTranscriptDownload($id: ID!, $format: TranscriptFormat!) {\n    call(id: $id) { id transcriptDownload(format: $format) { url } }\n  }\n"): (typeof documents)["\n  query ConsoleTranscriptDownload($id: ID!, $format: TranscriptFormat!) {\n    call(id: $id) { id transcriptDownload(format: $format) { url } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EscalationFields on Escalation {\n    id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt\n    completedAt resolved resolutionNotes\n    call { id fromNumber toNumber direction status }\n    agent { id name user { id } }\n    offers { offeredAt outcome agent { id name user { id } } }\n    context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }\n  }\n"): (typeof documents)["\n  fragment EscalationFields on Escalation {\n    id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt\n    completedAt resolved resolutionNotes\n    call { id fromNumber toNumber direction status }\n    agent { id name user { id } }\n    offers { offeredAt outcome agent { id name user { id } } }\n    context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleEscalationChanged { escalationChanged { ...EscalationFields } }\n"): (typeof documents)["\n  subscription ConsoleEscalationChanged { escalationChanged { ...EscalationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {\n    escalateCall(callId: $callId, reason: $reason, priority: $priority) {\n      __typename\n      ... on MutationEscalateCallSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {\n    escalateCall(callId: $callId, reason: $reason, priority: $priority) {\n      __typename\n      ... on MutationEscalateCallSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAcceptEscalation($id: ID!) {\n    acceptEscalation(id: $id) {\n      __typename\n      ... on MutationAcceptEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAcceptEscalation($id: ID!) {\n    acceptEscalation(id: $id) {\n      __typename\n      ... on MutationAcceptEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeclineEscalation($id: ID!) {\n    declineEscalation(id: $id) {\n      __typename\n      ... on MutationDeclineEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleDeclineEscalation($id: ID!) {\n    declineEscalation(id: $id) {\n      __typename\n      ... on MutationDeclineEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteCallback($id: ID!, $input: CompleteEscalationInput!) {\n    completeCallback(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteCallbackSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCompleteCallback($id: ID!, $input: CompleteEscalationInput!) {\n    completeCallback(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteCallbackSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {\n    completeEscalation(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {\n    completeEscalation(id: $id, input: $input) {\n      __typename\n      ... on MutationCompleteEscalationSuccess { data { ...EscalationFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KnowledgeEntryFields on KnowledgeEntry {\n    id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt\n  }\n"): (typeof documents)["\n  fragment KnowledgeEntryFields on KnowledgeEntry {\n    id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {\n    knowledgeEntryChanged(businessId: $businessId) { ...KnowledgeEntryFields }\n  }\n"): (typeof documents)["\n  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {\n    knowledgeEntryChanged(businessId: $businessId) { ...KnowledgeEntryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleReindexKnowledgeEntry($id: ID!) {\n    reindexKnowledgeEntry(id: $id) {\n      __typename\n      ... on MutationReindexKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleReindexKnowledgeEntry($id: ID!) {\n    reindexKnowledgeEntry(id: $id) {\n      __typename\n      ... on MutationReindexKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {\n    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {\n    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }\n"): (typeof documents)["\n  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalyticsCharts($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          period { timeZone }\n          volume(bucket: $bucket) {\n            __typename\n            ... on AnalyticsVolumeSuccess {\n              data {\n                buckets { start calls previousCalls answered escalated averageQaScore averageSentiment }\n                heatmap { weekday hour calls }\n              }\n            }\n            ... on Error { message }\n          }\n          quality { scored averageScore distribution { from to calls } }\n          sentiment { calls negative neutral positive }\n          escalations { total byTrigger { reason count } }\n          campaigns {\n            campaignId name status calls answered answerRate retries contactsTotal contactsDialled\n            byHour { hour calls answered }\n            contacts { status contacts }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAnalyticsCharts($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          period { timeZone }\n          volume(bucket: $bucket) {\n            __typename\n            ... on AnalyticsVolumeSuccess {\n              data {\n                buckets { start calls previousCalls answered escalated averageQaScore averageSentiment }\n                heatmap { weekday hour calls }\n              }\n            }\n            ... on Error { message }\n          }\n          quality { scored averageScore distribution { from to calls } }\n          sentiment { calls negative neutral positive }\n          escalations { total byTrigger { reason count } }\n          campaigns {\n            campaignId name status calls answered answerRate retries contactsTotal contactsDialled\n            byHour { hour calls answered }\n            contacts { status contacts }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n"): (typeof documents)["\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n    changes { field before after }\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n    changes { field before after }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBusiness($id: ID!) {\n    businessConfig(id: $id) {\n      ...BusinessFields\n      instructionsHistory(first: 20) { id version instructions greeting createdBy createdAt callCount }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleBusiness($id: ID!) {\n    businessConfig(id: $id) {\n      ...BusinessFields\n      instructionsHistory(first: 20) { id version instructions greeting createdBy createdAt callCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleArchiveBusiness($id: ID!) {\n    archiveBusiness(id: $id) { __typename ... on MutationArchiveBusinessSuccess { data { ...BusinessFields } } ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleArchiveBusiness($id: ID!) {\n    archiveBusiness(id: $id) { __typename ... on MutationArchiveBusinessSuccess { data { ...BusinessFields } } ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRestoreBusiness($id: ID!) {\n    restoreBusiness(id: $id) {\n      __typename\n      ... on MutationRestoreBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRestoreBusiness($id: ID!) {\n    restoreBusiness(id: $id) {\n      __typename\n      ... on MutationRestoreBusinessSuccess { data { ...BusinessFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteBusiness($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { message } } }\n"): (typeof documents)["\n  mutation ConsoleDeleteBusiness($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBusinessList($includeInactive: Boolean) {\n    businessConfigs(includeInactive: $includeInactive) {\n      id name type phoneNumbers voice language active callCount instructionsVersion\n    }\n  }\n"): (typeof documents)["\n  query ConsoleBusinessList($includeInactive: Boolean) {\n    businessConfigs(includeInactive: $includeInactive) {\n      id name type phoneNumbers voice language active callCount instructionsVersion\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n"): (typeof documents)["\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n"): (typeof documents)["\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaign($id: ID!) { campaign(id: $id) { ...CampaignSummaryFields } }\n"): (typeof documents)["\n  query ConsoleCampaign($id: ID!) { campaign(id: $id) { ...CampaignSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on MutationCreateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on MutationCreateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCampaignSuccess { data { id } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaigns { campaigns { ...CampaignSummaryFields } }\n"): (typeof documents)["\n  query ConsoleCampaigns { campaigns { ...CampaignSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OverviewFields on OverviewFigures {\n    calls answered answeredRate averageMinutes averageHandleSeconds containmentRate averageQaScore\n    averageSentiment escalated escalationRate totalMinutes\n  }\n"): (typeof documents)["\n  fragment OverviewFields on OverviewFigures {\n    calls answered answeredRate averageMinutes averageHandleSeconds containmentRate averageQaScore\n    averageSentiment escalated escalationRate totalMinutes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalyticsOverview($range: AnalyticsRange!, $filter: AnalyticsFilter) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          overview {\n            activeNow\n            current { ...OverviewFields }\n            previous { ...OverviewFields }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAnalyticsOverview($range: AnalyticsRange!, $filter: AnalyticsFilter) {\n    analytics(range: $range, filter: $filter) {\n      __typename\n      ... on QueryAnalyticsSuccess {\n        data {\n          overview {\n            activeNow\n            current { ...OverviewFields }\n            previous { ...OverviewFields }\n          }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DoNotCallFields on DoNotCallEntry { id phoneNumber reason source addedBy callId createdAt }\n"): (typeof documents)["\n  fragment DoNotCallFields on DoNotCallEntry { id phoneNumber reason source addedBy callId createdAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDoNotCall($search: String, $first: Int!) {\n    doNotCallEntries(search: $search, first: $first) { totalCount nodes { ...DoNotCallFields } }\n  }\n"): (typeof documents)["\n  query ConsoleDoNotCall($search: String, $first: Int!) {\n    doNotCallEntries(search: $search, first: $first) { totalCount nodes { ...DoNotCallFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddDoNotCall($input: AddDoNotCallInput!) {\n    addDoNotCall(input: $input) {\n      __typename\n      ... on MutationAddDoNotCallSuccess { data { ...DoNotCallFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAddDoNotCall($input: AddDoNotCallInput!) {\n    addDoNotCall(input: $input) {\n      __typename\n      ... on MutationAddDoNotCallSuccess { data { ...DoNotCallFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateDoNotCall($id: ID!, $reason: String) {\n    updateDoNotCall(id: $id, reason: $reason) {\n      __typename ... on MutationUpdateDoNotCallSuccess { data { ...DoNotCallFields } } ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateDoNotCall($id: ID!, $reason: String) {\n    updateDoNotCall(id: $id, reason: $reason) {\n      __typename ... on MutationUpdateDoNotCallSuccess { data { ...DoNotCallFields } } ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveDoNotCall($id: ID!) {\n    removeDoNotCall(id: $id) {\n      __typename ... on MutationRemoveDoNotCallSuccess { data { id } } ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveDoNotCall($id: ID!) {\n    removeDoNotCall(id: $id) {\n      __typename ... on MutationRemoveDoNotCallSuccess { data { id } } ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n"): (typeof documents)["\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n"): (typeof documents)["\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePostCallSettings($id: ID!) {\n    businessConfig(id: $id) {\n      id name\n      postCallSettings {\n        extractionSchema adversarialAlertThreshold\n        outcomes { name description }\n        extractionFields { path required description }\n      }\n    }\n    extractionTemplates { name label schema }\n  }\n"): (typeof documents)["\n  query ConsolePostCallSettings($id: ID!) {\n    businessConfig(id: $id) {\n      id name\n      postCallSettings {\n        extractionSchema adversarialAlertThreshold\n        outcomes { name description }\n        extractionFields { path required description }\n      }\n    }\n    extractionTemplates { name label schema }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCheckExtractionSchema($schema: String!) {\n    checkExtractionSchema(schema: $schema) { valid problems fields { path required } }\n  }\n"): (typeof documents)["\n  query ConsoleCheckExtractionSchema($schema: String!) {\n    checkExtractionSchema(schema: $schema) { valid problems fields { path required } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdatePostCallSettings($id: ID!, $input: PostCallSettingsInput!) {\n    updatePostCallSettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdatePostCallSettingsSuccess { data { id postCallSettings { extractionSchema adversarialAlertThreshold } } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdatePostCallSettings($id: ID!, $input: PostCallSettingsInput!) {\n    updatePostCallSettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdatePostCallSettingsSuccess { data { id postCallSettings { extractionSchema adversarialAlertThreshold } } }\n      ... on ValidationError { message fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonRequestFields on PersonRequest {\n    id kind status subjectHint requestedBy includeOriginals addToDoNotCall stage itemsDone itemsTotal progress error\n    createdAt completedAt\n    download { url expiresAt }\n    receipt {\n      weaviateObjects addedToDoNotCall\n      postgres {\n        callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents\n        notifications webhookEvents campaignContactIds exportIds\n      }\n      temporal { deleted notFound running }\n    }\n  }\n"): (typeof documents)["\n  fragment PersonRequestFields on PersonRequest {\n    id kind status subjectHint requestedBy includeOriginals addToDoNotCall stage itemsDone itemsTotal progress error\n    createdAt completedAt\n    download { url expiresAt }\n    receipt {\n      weaviateObjects addedToDoNotCall\n      postgres {\n        callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents\n        notifications webhookEvents campaignContactIds exportIds\n      }\n      temporal { deleted notFound running }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePersonRequests { personRequests(first: 50) { ...PersonRequestFields } }\n"): (typeof documents)["\n  query ConsolePersonRequests { personRequests(first: 50) { ...PersonRequestFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleExportPersonData($input: ExportPersonDataInput!) {\n    exportPersonData(input: $input) {\n      __typename\n      ... on MutationExportPersonDataSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleExportPersonData($input: ExportPersonDataInput!) {\n    exportPersonData(input: $input) {\n      __typename\n      ... on MutationExportPersonDataSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleErasePerson($input: ErasePersonInput!) {\n    erasePerson(input: $input) {\n      __typename\n      ... on MutationErasePersonSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleErasePerson($input: ErasePersonInput!) {\n    erasePerson(input: $input) {\n      __typename\n      ... on MutationErasePersonSuccess { data { ...PersonRequestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QualityRuleFields on QualitySettings {\n    sentimentAlertThreshold sentimentEscalationEnabled sentimentEscalationLines maxFailedLookups maxToolErrors\n    disclosureRules { phrase withinSeconds } prohibitedPhrases piiChecks\n    qaWeights { sentiment compliance accuracy professionalism } qaAlertThreshold\n    offerTimeoutSeconds maxWaitSeconds escalationDepartment escalationSkills\n  }\n"): (typeof documents)["\n  fragment QualityRuleFields on QualitySettings {\n    sentimentAlertThreshold sentimentEscalationEnabled sentimentEscalationLines maxFailedLookups maxToolErrors\n    disclosureRules { phrase withinSeconds } prohibitedPhrases piiChecks\n    qaWeights { sentiment compliance accuracy professionalism } qaAlertThreshold\n    offerTimeoutSeconds maxWaitSeconds escalationDepartment escalationSkills\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleQualityRules($id: ID!) { businessConfig(id: $id) { id name qualitySettings { ...QualityRuleFields } } }\n"): (typeof documents)["\n  query ConsoleQualityRules($id: ID!) { businessConfig(id: $id) { id name qualitySettings { ...QualityRuleFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateQualityRules($id: ID!, $input: QualitySettingsInput!) {\n    updateQualitySettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdateQualitySettingsSuccess { data { id qualitySettings { ...QualityRuleFields } } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateQualityRules($id: ID!, $input: QualitySettingsInput!) {\n    updateQualitySettings(businessId: $id, input: $input) {\n      __typename\n      ... on MutationUpdateQualitySettingsSuccess { data { id qualitySettings { ...QualityRuleFields } } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n"): (typeof documents)["\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SetupWizardFields on SetupWizard {\n    needed currentStep businessId testCallId completedAt steps { step title optional status }\n  }\n"): (typeof documents)["\n  fragment SetupWizardFields on SetupWizard {\n    needed currentStep businessId testCallId completedAt steps { step title optional status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetupWizard { setupWizard { ...SetupWizardFields } }\n"): (typeof documents)["\n  query ConsoleSetupWizard { setupWizard { ...SetupWizardFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateSetupWizard($step: SetupStep!, $status: SetupStepStatus!, $businessId: ID, $testCallId: ID) {\n    updateSetupWizard(step: $step, status: $status, businessId: $businessId, testCallId: $testCallId) {\n      __typename\n      ... on MutationUpdateSetupWizardSuccess { data { ...SetupWizardFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateSetupWizard($step: SetupStep!, $status: SetupStepStatus!, $businessId: ID, $testCallId: ID) {\n    updateSetupWizard(step: $step, status: $status, businessId: $businessId, testCallId: $testCallId) {\n      __typename\n      ... on MutationUpdateSetupWizardSuccess { data { ...SetupWizardFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n"): (typeof documents)["\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers { users { ...UserFields } }\n"): (typeof documents)["\n  query ConsoleUsers { users { ...UserFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointFields on WebhookEndpoint {\n    id url description eventTypes enabled disabledAt disabledReason failingSince createdAt\n    secrets { id lastFour createdAt expiresAt }\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointFields on WebhookEndpoint {\n    id url description eventTypes enabled disabledAt disabledReason failingSince createdAt\n    secrets { id lastFour createdAt expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhooks {\n    webhookEndpoints { ...WebhookEndpointFields }\n    webhookEventTypes { type description }\n  }\n"): (typeof documents)["\n  query ConsoleWebhooks {\n    webhookEndpoints { ...WebhookEndpointFields }\n    webhookEventTypes { type description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      deliveries(first: 50) {\n        id eventId eventType status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError\n        attemptLog { number manual attemptedAt responseStatus latencyMs error }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      deliveries(first: 50) {\n        id eventId eventType status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError\n        attemptLog { number manual attemptedAt responseStatus latencyMs error }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookEndpointSuccess { data { ...WebhookEndpointFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookEndpointSuccess { data { ...WebhookEndpointFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      __typename\n      ... on MutationRotateWebhookSecretSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      __typename\n      ... on MutationRotateWebhookSecretSuccess { data { secret endpoint { ...WebhookEndpointFields } } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(endpointId: $id) { __typename ... on MutationSendTestWebhookSuccess { data { id } } ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(endpointId: $id) { __typename ... on MutationSendTestWebhookSuccess { data { id } } ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { __typename ... on MutationRedeliverWebhookSuccess { data { id status } } ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { __typename ... on MutationRedeliverWebhookSuccess { data { id status } } ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAgentUsers { users { id displayName email active } }\n"): (typeof documents)["\n  query ConsoleAgentUsers { users { id displayName email active } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n"): (typeof documents)["\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCallAnalysis($id: ID!) {\n    call(id: $id) {\n      id\n      analysis {\n        summary outcome intent actionItems source notes completedAt\n        extraction {\n          status schemaName data errors\n          fields { path status required message }\n          provenance { path lines { sequence text } }\n          gaps { from to months description }\n        }\n        adversarial {\n          score rulesScore llmScore llmReasons flagged threshold\n          signals { kind detail lineSequence }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCallAnalysis($id: ID!) {\n    call(id: $id) {\n      id\n      analysis {\n        summary outcome intent actionItems source notes completedAt\n        extraction {\n          status schemaName data errors\n          fields { path status required message }\n          provenance { path lines { sequence text } }\n          gaps { from to months description }\n        }\n        adversarial {\n          score rulesScore llmScore llmReasons flagged threshold\n          signals { kind detail lineSequence }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CallDetailFields on Call {\n    ...CallFields endedAt endReason workflowId disclosureSpokenAt callerObjectedAt callerObjection\n  }\n"): (typeof documents)["\n  fragment CallDetailFields on Call {\n    ...CallFields endedAt endReason workflowId disclosureSpokenAt callerObjectedAt callerObjection\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n"): (typeof documents)["\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n"): (typeof documents)["\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n"): (typeof documents)["\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n"): (typeof documents)["\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n"): (typeof documents)["\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignCsvPreview($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    campaignCsvPreview(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on QueryCampaignCsvPreviewSuccess {\n        data {\n          headers missingColumns\n          mapping { phoneNumber name consent timeZone variables }\n          rows { line phoneNumber values problems { field message } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCampaignCsvPreview($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    campaignCsvPreview(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on QueryCampaignCsvPreviewSuccess {\n        data {\n          headers missingColumns\n          mapping { phoneNumber name consent timeZone variables }\n          rows { line phoneNumber values problems { field message } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleImportCampaignContacts($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on MutationImportCampaignContactsSuccess {\n        data { id fileName rows added merged doNotCall failed errors(first: 1000) { line field message } }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleImportCampaignContacts($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {\n    importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping) {\n      __typename\n      ... on MutationImportCampaignContactsSuccess {\n        data { id fileName rows added merged doNotCall failed errors(first: 1000) { line field message } }\n      }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignContacts($id: ID!, $first: Int!, $filter: CampaignContactFilter) {\n    campaign(id: $id) {\n      id\n      contacts(first: $first, filter: $filter) {\n        totalCount\n        nodes { id phoneNumber name status lastOutcome attempts nextAttemptAt calls { id } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCampaignContacts($id: ID!, $first: Int!, $filter: CampaignContactFilter) {\n    campaign(id: $id) {\n      id\n      contacts(first: $first, filter: $filter) {\n        totalCount\n        nodes { id phoneNumber name status lastOutcome attempts nextAttemptAt calls { id } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n"): (typeof documents)["\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n"): (typeof documents)["\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n"): (typeof documents)["\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n"): (typeof documents)["\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n"): (typeof documents)["\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n"): (typeof documents)["\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetupKnowledge($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSetupKnowledge($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetupKnowledgeStatus($id: ID!) { knowledgeEntry(id: $id) { id status error chunkCount } }\n"): (typeof documents)["\n  query ConsoleSetupKnowledgeStatus($id: ID!) { knowledgeEntry(id: $id) { id status error chunkCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetupTestCall($input: StartCallInput!) {\n    startCall(input: $input) {\n      __typename\n      ... on MutationStartCallSuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSetupTestCall($input: StartCallInput!) {\n    startCall(input: $input) {\n      __typename\n      ... on MutationStartCallSuccess { data { id status } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleSetupTestCallEvents($id: ID!) {\n    callEvents(callId: $id, after: \"0\") { cursor type call { id status endReason } line { sequence speaker text } }\n  }\n"): (typeof documents)["\n  subscription ConsoleSetupTestCallEvents($id: ID!) {\n    callEvents(callId: $id, after: \"0\") { cursor type call { id status endReason } line { sequence speaker text } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n"): (typeof documents)["\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n"): (typeof documents)["\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n"): (typeof documents)["\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n"): (typeof documents)["\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RetentionPolicyFields on RetentionPolicy {\n    transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays\n    scheduleId updatedAt\n    lastRun {\n      startedAt finishedAt\n      removed { transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions }\n    }\n  }\n"): (typeof documents)["\n  fragment RetentionPolicyFields on RetentionPolicy {\n    transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays\n    scheduleId updatedAt\n    lastRun {\n      startedAt finishedAt\n      removed { transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleRetentionPolicy { retentionPolicy { ...RetentionPolicyFields } }\n"): (typeof documents)["\n  query ConsoleRetentionPolicy { retentionPolicy { ...RetentionPolicyFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateRetentionPolicy($input: RetentionPolicyInput!) {\n    updateRetentionPolicy(input: $input) {\n      __typename\n      ... on MutationUpdateRetentionPolicySuccess { data { ...RetentionPolicyFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateRetentionPolicy($input: RetentionPolicyInput!) {\n    updateRetentionPolicy(input: $input) {\n      __typename\n      ... on MutationUpdateRetentionPolicySuccess { data { ...RetentionPolicyFields } }\n      ... on ValidationError { message fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n"): (typeof documents)["\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on MutationSignUpSuccess { data { ...SessionTokens } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on MutationSignUpSuccess { data { ...SessionTokens } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSignUpEnabled { signUpEnabled }\n"): (typeof documents)["\n  query ConsoleSignUpEnabled { signUpEnabled }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): (typeof documents)["\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectionTestFields on ConnectionTestResult { integration ok account durationMs checks { name ok detail hint } }\n"): (typeof documents)["\n  fragment ConnectionTestFields on ConnectionTestResult { integration ok account durationMs checks { name ok detail hint } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IntegrationFields on IntegrationStatus {\n    integration usingPlatformDefault platformAccount accountSid host port secure username from secretLastFour version updatedAt\n    lastTest { ok at summary }\n  }\n"): (typeof documents)["\n  fragment IntegrationFields on IntegrationStatus {\n    integration usingPlatformDefault platformAccount accountSid host port secure username from secretLastFour version updatedAt\n    lastTest { ok at summary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleIntegrations { integrations { ...IntegrationFields } }\n"): (typeof documents)["\n  query ConsoleIntegrations { integrations { ...IntegrationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTwilio($input: TwilioCredentialsInput!) {\n    updateTwilioCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateTwilioCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateTwilio($input: TwilioCredentialsInput!) {\n    updateTwilioCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateTwilioCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateOpenAi($input: OpenAiCredentialsInput!) {\n    updateOpenAiCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateOpenAiCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateOpenAi($input: OpenAiCredentialsInput!) {\n    updateOpenAiCredentials(input: $input) {\n      __typename\n      ... on MutationUpdateOpenAiCredentialsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateSmtp($input: SmtpSettingsInput!) {\n    updateSmtpSettings(input: $input) {\n      __typename\n      ... on MutationUpdateSmtpSettingsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateSmtp($input: SmtpSettingsInput!) {\n    updateSmtpSettings(input: $input) {\n      __typename\n      ... on MutationUpdateSmtpSettingsSuccess { data { ...IntegrationFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveCredentials($integration: Integration!) { removeCredentials(integration: $integration) { ...IntegrationFields } }\n"): (typeof documents)["\n  mutation ConsoleRemoveCredentials($integration: Integration!) { removeCredentials(integration: $integration) { ...IntegrationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestTwilio($credentials: TwilioConnectionTestInput, $phoneNumber: String) {\n    testTwilioConnection(credentials: $credentials, phoneNumber: $phoneNumber) {\n      __typename\n      ... on MutationTestTwilioConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestTwilio($credentials: TwilioConnectionTestInput, $phoneNumber: String) {\n    testTwilioConnection(credentials: $credentials, phoneNumber: $phoneNumber) {\n      __typename\n      ... on MutationTestTwilioConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestOpenAi($apiKey: String) {\n    testOpenAiConnection(apiKey: $apiKey) {\n      __typename\n      ... on MutationTestOpenAiConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestOpenAi($apiKey: String) {\n    testOpenAiConnection(apiKey: $apiKey) {\n      __typename\n      ... on MutationTestOpenAiConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestSmtp($settings: SmtpSettingsInput) {\n    testSmtpConnection(settings: $settings) {\n      __typename\n      ... on MutationTestSmtpConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestSmtp($settings: SmtpSettingsInput) {\n    testSmtpConnection(settings: $settings) {\n      __typename\n      ... on MutationTestSmtpConnectionSuccess { data { ...ConnectionTestFields } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestWeaviate { testWeaviateConnection { ...ConnectionTestFields } }\n"): (typeof documents)["\n  mutation ConsoleTestWeaviate { testWeaviateConnection { ...ConnectionTestFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestTemporal { testTemporalConnection { ...ConnectionTestFields } }\n"): (typeof documents)["\n  mutation ConsoleTestTemporal { testTemporalConnection { ...ConnectionTestFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateOrganization($input: OrganizationInput!) {\n    updateOrganization(input: $input) {\n      __typename\n      ... on MutationUpdateOrganizationSuccess { data { id name country timeZone } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateOrganization($input: OrganizationInput!) {\n    updateOrganization(input: $input) {\n      __typename\n      ... on MutationUpdateOrganizationSuccess { data { id name country timeZone } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganization { me { organization { id name country timeZone } } }\n"): (typeof documents)["\n  query ConsoleOrganization { me { organization { id name country timeZone } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n"): (typeof documents)["\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;