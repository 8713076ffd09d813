import type { MembershipRole } from "~/generated/prisma/enums";

/**
 * What each role may do in its organization. Checked per (user, organization, permission) on the server;
 * the same table lets pages hide what a member cannot do.
 */
const GRANTS = {
  "organization:read": ["OWNER", "ADMIN", "MEMBER"],
  "organization:update": ["OWNER", "ADMIN"],
  "members:read": ["OWNER", "ADMIN", "MEMBER"],
  "members:invite": ["OWNER", "ADMIN"],
  "members:remove": ["OWNER", "ADMIN"],
  "members:change-role": ["OWNER"],
} as const satisfies Record<string, readonly MembershipRole[]>;

export type Permission = keyof typeof GRANTS;

export function roleCan(role: MembershipRole, permission: Permission): boolean {
  return (GRANTS[permission] as readonly MembershipRole[]).includes(role);
}

/** An ADMIN manages MEMBERs and ADMINs; only an OWNER touches OWNERs. */
export function canManageRole(actor: MembershipRole, target: MembershipRole): boolean {
  if (actor === "OWNER") return true;
  return actor === "ADMIN" && target !== "OWNER";
}
