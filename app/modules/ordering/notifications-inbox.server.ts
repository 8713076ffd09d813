import { db, unscopedDb } from "~/modules/db/index.server";
import { forgetRequestMemo, requestMemo } from "~/modules/http/request-memo.server";
import { unreadNotificationsMemoKey } from "~/modules/tenancy/session.server";

/**
 * A signed-in user's in-app notifications: their own rows, only from organizations they still belong to (someone
 * who left a company stops seeing its orders). Keyed by the user, so read through the guarded client with the
 * memberships as the organization filter.
 */
async function myOrganizationIds(userId: string): Promise<string[]> {
  const memberships = await unscopedDb.membership.findMany({ where: { userId }, select: { organizationId: true } });
  return memberships.map((m) => m.organizationId);
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/**
 * The unread count for the header's bell (the root loader already knows the memberships). The session read of a
 * page request brings it along (session.server.ts): then it costs no statement of its own.
 */
export async function countUnreadNotifications(userId: string, organizationIds: string[]): Promise<number> {
  if (organizationIds.length === 0) return 0;
  return requestMemo(unreadNotificationsMemoKey(userId, organizationIds), () => db.notification.count({ where: { userId, organizationId: { in: organizationIds }, readAt: null } }));
}

/** Newest first; `before` (an id from the previous page) pages back in time. */
export async function listNotifications(userId: string, options: { before?: string | null; take?: number } = {}) {
  const organizationIds = await myOrganizationIds(userId);
  const take = options.take ?? NOTIFICATIONS_PAGE_SIZE;
  if (organizationIds.length === 0) return { items: [], unread: 0, nextBefore: null };
  const scope = { userId, organizationId: { in: organizationIds } };
  // Ids are UUIDv7 (time-ordered): the id alone is a stable cursor for "older than this one".
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { ...scope, ...(options.before ? { id: { lt: options.before } } : {}) },
      orderBy: { id: "desc" },
      take: take + 1,
      select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true, organizationId: true },
    }),
    db.notification.count({ where: { ...scope, readAt: null } }),
  ]);
  const items = rows.slice(0, take);
  return { items, unread, nextBefore: rows.length > take ? (items.at(-1)?.id ?? null) : null };
}

/** Marks one of the user's notifications read; another user's id changes nothing. */
export async function markNotificationRead(userId: string, id: string): Promise<boolean> {
  const organizationIds = await myOrganizationIds(userId);
  if (organizationIds.length === 0) return false;
  const { count } = await db.notification.updateMany({ where: { id, userId, organizationId: { in: organizationIds }, readAt: null }, data: { readAt: new Date() } });
  // The loaders after this action show the new unread count, not the one read with the session.
  forgetRequestMemo();
  return count > 0;
}

export async function markAllNotificationsRead(userId: string): Promise<number> {
  const organizationIds = await myOrganizationIds(userId);
  if (organizationIds.length === 0) return 0;
  const { count } = await db.notification.updateMany({ where: { userId, organizationId: { in: organizationIds }, readAt: null }, data: { readAt: new Date() } });
  forgetRequestMemo();
  return count;
}
