import { type Component, lazy } from 'solid-js';
import type { Permission } from './gql/graphql.ts';
import { Agents } from './pages/Agents.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { AuditLog } from './pages/AuditLog.tsx';
import { BusinessDetail } from './pages/BusinessDetail.tsx';
import { Businesses } from './pages/Businesses.tsx';
import { CallDetail } from './pages/CallDetail.tsx';
import { Calls } from './pages/Calls.tsx';
import { CampaignDetail } from './pages/CampaignDetail.tsx';
import { CampaignNew } from './pages/CampaignNew.tsx';
import { Campaigns } from './pages/Campaigns.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { DocSync } from './pages/DocSync.tsx';
import { DoNotCall } from './pages/DoNotCall.tsx';
import { Escalations } from './pages/Escalations.tsx';
import { Knowledge } from './pages/Knowledge.tsx';
import { KnowledgeDetail } from './pages/KnowledgeDetail.tsx';
import { PostCallSettings } from './pages/PostCallSettings.tsx';
import { PrivacyRequests } from './pages/PrivacyRequests.tsx';
import { QualityRules } from './pages/QualityRules.tsx';
import { Settings } from './pages/Settings.tsx';
import { Setup } from './pages/Setup.tsx';
import { Users } from './pages/Users.tsx';
import { Webhooks } from './pages/Webhooks.tsx';

// Its own chunk: only those who open it load the charting library.
const Analytics = lazy(() => import('./pages/Analytics.tsx').then((page) => ({ default: page.Analytics })));

export interface ConsolePage {
  path: string;
  label: string;
  /** Who may open it: the navigation offers it only to them, the route tells everyone else no. */
  permission: Permission;
  component: Component;
}

/** The signed-in pages, in navigation order. */
export const PAGES: readonly ConsolePage[] = [
  { path: '/dashboard', label: 'Dashboard', permission: 'ANALYTICS_READ', component: Dashboard },
  { path: '/calls', label: 'Live calls', permission: 'CALLS_READ', component: Calls },
  { path: '/analytics', label: 'Analytics', permission: 'ANALYTICS_READ', component: Analytics },
  { path: '/campaigns', label: 'Campaigns', permission: 'CAMPAIGNS_READ', component: Campaigns },
  { path: '/do-not-call', label: 'Do not call', permission: 'DNC_READ', component: DoNotCall },
  { path: '/escalations', label: 'Escalations', permission: 'ESCALATIONS_READ', component: Escalations },
  { path: '/agents', label: 'Agents', permission: 'AGENTS_READ', component: Agents },
  { path: '/businesses', label: 'Businesses', permission: 'BUSINESSES_READ', component: Businesses },
  { path: '/knowledge', label: 'Knowledge', permission: 'KNOWLEDGE_READ', component: Knowledge },
  { path: '/doc-sync', label: 'Doc sync', permission: 'KNOWLEDGE_READ', component: DocSync },
  { path: '/users', label: 'Users', permission: 'USERS_MANAGE', component: Users },
  { path: '/webhooks', label: 'Webhooks', permission: 'WEBHOOKS_READ', component: Webhooks },
  { path: '/api-keys', label: 'API keys', permission: 'API_KEYS_MANAGE', component: ApiKeys },
  { path: '/audit-log', label: 'Audit log', permission: 'AUDIT_READ', component: AuditLog },
  {
    path: '/privacy-requests',
    label: 'Privacy requests',
    permission: 'PRIVACY_SUBJECT_REQUESTS',
    component: PrivacyRequests,
  },
  { path: '/settings', label: 'Settings', permission: 'ORGANIZATION_MANAGE', component: Settings },
];

/** Every signed-in route: the pages above and those reached from them (not in the navigation). */
export const ROUTES: readonly ConsolePage[] = [
  ...PAGES,
  { path: '/calls/:id', label: 'Call', permission: 'CALLS_READ', component: CallDetail },
  { path: '/campaigns/new', label: 'New campaign', permission: 'CAMPAIGNS_MANAGE', component: CampaignNew },
  { path: '/campaigns/:id', label: 'Campaign', permission: 'CAMPAIGNS_READ', component: CampaignDetail },
  { path: '/knowledge/:id', label: 'Knowledge entry', permission: 'KNOWLEDGE_READ', component: KnowledgeDetail },
  { path: '/setup', label: 'Setup', permission: 'ORGANIZATION_MANAGE', component: Setup },
  { path: '/businesses/:id', label: 'Business', permission: 'BUSINESSES_READ', component: BusinessDetail },
  { path: '/businesses/:id/quality', label: 'Quality rules', permission: 'BUSINESSES_READ', component: QualityRules },
  {
    path: '/businesses/:id/post-call',
    label: 'After the call',
    permission: 'BUSINESSES_READ',
    component: PostCallSettings,
  },
];
