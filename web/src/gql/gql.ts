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
    "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    business { id name }\n  }\n": typeof types.CallFieldsFragmentDoc,
    "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleEndCallDocument,
    "\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n": typeof types.ConsoleBusinessChoiceDocument,
    "\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleInterveneCallDocument,
    "\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleTakeOverCallDocument,
    "\n  fragment CallNoteFields on CallNote { id body category tags createdAt updatedAt author { id displayName } }\n": typeof types.CallNoteFieldsFragmentDoc,
    "\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAddCallNoteDocument,
    "\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateCallNoteDocument,
    "\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteCallNoteDocument,
    "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUploadKnowledgeDocument,
    "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateKnowledgeEntryDocument,
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
    "\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n": typeof types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAuditLogDocument,
    "\n  query ConsoleBusinessList { businessConfigs { id name type phoneNumbers voice escalationKeywords } }\n": typeof types.ConsoleBusinessListDocument,
    "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCallsDocument,
    "\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": typeof types.ConsoleBusinessesDocument,
    "\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n": typeof types.ConsoleCallsChangedDocument,
    "\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleDocSyncsDocument,
    "\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n": typeof types.ConsoleEscalationsDocument,
    "\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n": typeof types.ConsoleForgotPasswordDocument,
    "\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleKnowledgeEntriesDocument,
    "\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n": typeof types.ConsoleKnowledgeEntryDocument,
    "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n": typeof types.ConsolePasswordPolicyDocument,
    "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": typeof types.ConsoleResetPasswordDocument,
    "\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query ConsoleUsers { users { ...UserFields } }\n": typeof types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateUserDocument,
    "\n  query ConsoleAgentUsers { users { id displayName email active } }\n": typeof types.ConsoleAgentUsersDocument,
    "\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateHumanAgentDocument,
    "\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleUpdateHumanAgentDocument,
    "\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleSetAgentAvailabilityDocument,
    "\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n": typeof types.ConsoleDeleteHumanAgentDocument,
    "\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n": typeof types.HumanAgentFieldsFragmentDoc,
    "\n  fragment CallDetailFields on Call { ...CallFields endedAt endReason workflowId }\n": typeof types.CallDetailFieldsFragmentDoc,
    "\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n": typeof types.CallLatencyFieldsFragmentDoc,
    "\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": typeof types.TranscriptLineFieldsFragmentDoc,
    "\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": typeof types.LiveLineFieldsFragmentDoc,
    "\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n": typeof types.ConsoleCallDocument,
    "\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n": typeof types.ConsoleCallTranscriptDocument,
    "\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n": typeof types.ConsoleCallEventsDocument,
    "\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n": typeof types.ConsoleCallQualityDocument,
    "\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n": typeof types.ConsoleStartCallDocument,
    "\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n": typeof types.ConsoleDocSyncPresetsDocument,
    "\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCreateDocSourceDocument,
    "\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n": typeof types.ConsoleDocSyncDocument,
    "\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n": typeof types.ConsoleDocSyncProgressDocument,
    "\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n": typeof types.ConsoleDeleteDocSourceDocument,
    "\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleStartDocSyncDocument,
    "\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleCancelDocSyncDocument,
    "\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n": typeof types.DocSyncRunFieldsFragmentDoc,
    "\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n": typeof types.DocSourceFieldsFragmentDoc,
    "\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n": typeof types.CallSentimentFieldsFragmentDoc,
    "\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n": typeof types.QaComponentFieldsFragmentDoc,
    "\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n": typeof types.QaScoreFieldsFragmentDoc,
    "\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n": typeof types.ConsoleCallQaChangedDocument,
    "\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleOverrideQaScoreDocument,
    "\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleRecalculateQaDocument,
    "\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n": typeof types.SessionTokensFragmentDoc,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConsoleRefreshSessionDocument,
    "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.ConsoleLogoutDocument,
    "\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n": typeof types.ConsoleMeDocument,
};
const documents: Documents = {
    "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    business { id name }\n  }\n": types.CallFieldsFragmentDoc,
    "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n": types.ConsoleEndCallDocument,
    "\n  query ConsoleBusinessChoice { businessConfigs(includeInactive: true) { id name active } }\n": types.ConsoleBusinessChoiceDocument,
    "\n  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {\n    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": types.ConsoleInterveneCallDocument,
    "\n  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {\n    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }\n  }\n": types.ConsoleTakeOverCallDocument,
    "\n  fragment CallNoteFields on CallNote { id body category tags createdAt updatedAt author { id displayName } }\n": types.CallNoteFieldsFragmentDoc,
    "\n  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {\n    addCallNote(callId: $callId, input: $input) {\n      __typename\n      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAddCallNoteDocument,
    "\n  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {\n    updateCallNote(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateCallNoteDocument,
    "\n  mutation ConsoleDeleteCallNote($id: ID!) {\n    deleteCallNote(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteCallNoteDocument,
    "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUploadKnowledgeDocument,
    "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateKnowledgeEntryDocument,
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
    "\n  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }\n": types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAuditLogDocument,
    "\n  query ConsoleBusinessList { businessConfigs { id name type phoneNumbers voice escalationKeywords } }\n": types.ConsoleBusinessListDocument,
    "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCallsDocument,
    "\n  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }\n": types.ConsoleBusinessesDocument,
    "\n  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }\n": types.ConsoleCallsChangedDocument,
    "\n  query ConsoleDocSyncs($businessId: ID!) {\n    docSyncs(businessId: $businessId) {\n      __typename\n      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleDocSyncsDocument,
    "\n  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {\n    escalations(status: $status, first: $first) { ...EscalationFields }\n  }\n": types.ConsoleEscalationsDocument,
    "\n  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }\n": types.ConsoleForgotPasswordDocument,
    "\n  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {\n    knowledgeEntries(businessId: $businessId, first: $first) {\n      __typename\n      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleKnowledgeEntriesDocument,
    "\n  query ConsoleKnowledgeEntry($id: ID!) {\n    knowledgeEntry(id: $id) {\n      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }\n    }\n  }\n": types.ConsoleKnowledgeEntryDocument,
    "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n": types.ConsolePasswordPolicyDocument,
    "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": types.ConsoleResetPasswordDocument,
    "\n  fragment UserFields on User { id email displayName role active lastLoginAt }\n": types.UserFieldsFragmentDoc,
    "\n  query ConsoleUsers { users { ...UserFields } }\n": types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on MutationCreateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateUserSuccess { data { ...UserFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateUserDocument,
    "\n  query ConsoleAgentUsers { users { id displayName email active } }\n": types.ConsoleAgentUsersDocument,
    "\n  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {\n    createHumanAgent(input: $input) {\n      __typename\n      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateHumanAgentDocument,
    "\n  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {\n    updateHumanAgent(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleUpdateHumanAgentDocument,
    "\n  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {\n    setAgentAvailability(id: $id, availability: $availability) {\n      __typename\n      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleSetAgentAvailabilityDocument,
    "\n  mutation ConsoleDeleteHumanAgent($id: ID!) {\n    deleteHumanAgent(id: $id) { __typename ... on Error { message } }\n  }\n": types.ConsoleDeleteHumanAgentDocument,
    "\n  fragment HumanAgentFields on HumanAgent {\n    id name email phoneNumber skills department availability maxConcurrent currentLoad\n    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }\n  }\n": types.HumanAgentFieldsFragmentDoc,
    "\n  fragment CallDetailFields on Call { ...CallFields endedAt endReason workflowId }\n": types.CallDetailFieldsFragmentDoc,
    "\n  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }\n": types.CallLatencyFieldsFragmentDoc,
    "\n  fragment TranscriptLineFields on TranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": types.TranscriptLineFieldsFragmentDoc,
    "\n  fragment LiveLineFields on LiveTranscriptLine {\n    sequence speaker text startMs endMs interrupted\n    citations { chunkId entryId title heading sourceUrl score similarity }\n  }\n": types.LiveLineFieldsFragmentDoc,
    "\n  query ConsoleCall($id: ID!) {\n    call(id: $id) {\n      ...CallDetailFields\n      timeline { status at }\n      latency { ...CallLatencyFields }\n      notes { ...CallNoteFields }\n    }\n  }\n": types.ConsoleCallDocument,
    "\n  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {\n    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }\n  }\n": types.ConsoleCallTranscriptDocument,
    "\n  subscription ConsoleCallEvents($id: ID!, $after: String) {\n    callEvents(callId: $id, after: $after) {\n      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }\n    }\n  }\n": types.ConsoleCallEventsDocument,
    "\n  query ConsoleCallQuality($id: ID!) {\n    call(id: $id) {\n      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }\n      business { id qualitySettings { sentimentAlertThreshold } }\n    }\n  }\n": types.ConsoleCallQualityDocument,
    "\n  mutation ConsoleStartCall($input: StartCallInput!) {\n    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }\n  }\n": types.ConsoleStartCallDocument,
    "\n  query ConsoleDocSyncPresets {\n    docSyncPresets { key name vendor startUrl allowedPrefixes sitemapUrl docTypeRules { pattern docType } }\n  }\n": types.ConsoleDocSyncPresetsDocument,
    "\n  mutation ConsoleCreateDocSource($input: CreateDocSourceInput!) {\n    createDocSource(input: $input) {\n      __typename\n      ... on MutationCreateDocSourceSuccess { data { ...DocSourceFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCreateDocSourceDocument,
    "\n  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }\n": types.ConsoleDocSyncDocument,
    "\n  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }\n": types.ConsoleDocSyncProgressDocument,
    "\n  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }\n": types.ConsoleDeleteDocSourceDocument,
    "\n  mutation ConsoleStartDocSync($source: ID!) {\n    startDocSync(source: $source) {\n      __typename\n      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleStartDocSyncDocument,
    "\n  mutation ConsoleCancelDocSync($source: ID!) {\n    cancelDocSync(source: $source) {\n      __typename\n      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleCancelDocSyncDocument,
    "\n  fragment DocSyncRunFields on DocSyncRun {\n    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt\n  }\n": types.DocSyncRunFieldsFragmentDoc,
    "\n  fragment DocSourceFields on DocSource {\n    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }\n    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }\n  }\n": types.DocSourceFieldsFragmentDoc,
    "\n  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }\n": types.CallSentimentFieldsFragmentDoc,
    "\n  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }\n": types.QaComponentFieldsFragmentDoc,
    "\n  fragment QaScoreFields on QaScore {\n    score effectiveScore final grader computedAt notes\n    components { ...QaComponentFields }\n    weights { ...QaComponentFields }\n    violations { rule severity lineSequence offsetMs detail }\n    override { score reason at by { displayName } }\n  }\n": types.QaScoreFieldsFragmentDoc,
    "\n  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }\n": types.ConsoleCallQaChangedDocument,
    "\n  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {\n    overrideQaScore(callId: $callId, score: $score, reason: $reason) {\n      __typename\n      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleOverrideQaScoreDocument,
    "\n  mutation ConsoleRecalculateQa($callId: ID!) {\n    recalculateQa(callId: $callId) {\n      __typename\n      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleRecalculateQaDocument,
    "\n  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }\n": types.SessionTokensFragmentDoc,
    "\n  mutation ConsoleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": types.ConsoleLoginDocument,
    "\n  mutation ConsoleRefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      __typename\n      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }\n      ... on Error { code message }\n    }\n  }\n": types.ConsoleRefreshSessionDocument,
    "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.ConsoleLogoutDocument,
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
export function graphql(source: "\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    business { id name }\n  }\n"): (typeof documents)["\n  fragment CallFields on Call {\n    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl\n    business { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n"): (typeof documents)["\n  mutation ConsoleEndCall($id: ID!, $reason: String) {\n    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }\n  }\n"];
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
export function graphql(source: "\n  fragment CallNoteFields on CallNote { id body category tags createdAt updatedAt author { id displayName } }\n"): (typeof documents)["\n  fragment CallNoteFields on CallNote { id body category tags createdAt updatedAt author { id displayName } }\n"];
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
export function graphql(source: "\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {\n    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {\n      __typename\n      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }\n      ... on ValidationError { fieldErrors { message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {\n    createKnowledgeEntry(input: $input) {\n      __typename\n      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id at actorType actorLabel operation targetType targetId outcome errorCode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {\n    auditLog(first: $first, before: $before, filter: $filter) {\n      __typename\n      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBusinessList { businessConfigs { id name type phoneNumbers voice escalationKeywords } }\n"): (typeof documents)["\n  query ConsoleBusinessList { businessConfigs { id name type phoneNumbers voice escalationKeywords } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {\n    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      __typename\n      ... on QueryCallsSuccess {\n        data { totalCount pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }\n      }\n      ... on Error { message }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n"): (typeof documents)["\n  query ConsolePasswordPolicy { passwordPolicy { minLength } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment CallDetailFields on Call { ...CallFields endedAt endReason workflowId }\n"): (typeof documents)["\n  fragment CallDetailFields on Call { ...CallFields endedAt endReason workflowId }\n"];
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
export function graphql(source: "\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): (typeof documents)["\n  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n"): (typeof documents)["\n  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;