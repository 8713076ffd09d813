import { expireReservations } from "~/modules/inventory/reservations.server";

/** Recurring (every minute): releases every ACTIVE reservation past its expiry (status EXPIRED, RELEASE movements). */
export async function runReservationExpiry(now = new Date()): Promise<{ expired: number }> {
  const result = await expireReservations({ now });
  if (result.expired > 0) console.log("[inventory] expired reservations released:", result.expired);
  return result;
}
