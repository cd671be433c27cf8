/**
 * Whether a granted permission is privileged: administrator policies, full-access policies, cluster-admin,
 * project owner/editor, Okta super admin, wildcard actions. Used to raise permission-expansion severity.
 */
const PRIVILEGED = [
  /AdministratorAccess/i,
  /FullAccess$/i,
  /PowerUserAccess/i,
  /\bcluster-admin\b/i,
  /^ClusterRole\/(admin|edit)$/i,
  /\broles\/(owner|editor)\b/i,
  /\broles\/iam\.(serviceAccountTokenCreator|serviceAccountKeyAdmin|securityAdmin)\b/i,
  /SUPER_ADMIN|Super Administrator|ORG_ADMIN|Organization Administrator/i,
  /(^|[\s:/])admin$/i,
  /(^|:)\*$/,
];

export function isPrivilegedPermission(permission: string | null | undefined): boolean {
  return Boolean(permission && PRIVILEGED.some((re) => re.test(permission)));
}
