/**
 * Who may do what. One table for the gateway's field authorization, the console's navigation and
 * the README's role table; pure data so the console can import it too.
 */
export const ROLES = ['admin', 'supervisor', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'calls:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'calls:start': ['admin', 'supervisor'],
  'calls:end': ['admin', 'supervisor'],
  'calls:intervene': ['admin', 'supervisor'],
  'calls:listen': ['admin', 'supervisor'],
  'notes:write': ['admin', 'supervisor', 'agent'],
  'knowledge:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'knowledge:write': ['admin', 'supervisor'],
  'businesses:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'businesses:manage': ['admin', 'supervisor'],
  'organization:manage': ['admin'],
  'quality:review': ['admin', 'supervisor'],
  'quality:configure': ['admin', 'supervisor'],
  'agents:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'agents:manage': ['admin', 'supervisor'],
  'agents:availability': ['admin', 'supervisor', 'agent'],
  'escalations:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'escalations:handle': ['admin', 'supervisor', 'agent'],
  'calls:escalate': ['admin', 'supervisor'],
  'analytics:read': ['admin', 'supervisor', 'viewer'],
  'exports:create': ['admin', 'supervisor'],
  'campaigns:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'campaigns:manage': ['admin', 'supervisor'],
  'campaigns:run': ['admin', 'supervisor'],
  'dnc:read': ['admin', 'supervisor', 'agent'],
  'dnc:manage': ['admin', 'supervisor'],
  'users:manage': ['admin'],
  'apiKeys:manage': ['admin'],
  'audit:read': ['admin'],
  'privacy:manage': ['admin'],
  'transcripts:reveal': ['admin'],
  'privacy:subjectRequests': ['admin'],
  'workflows:decode': ['admin'],
  'webhooks:read': ['admin', 'supervisor'],
  'webhooks:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
