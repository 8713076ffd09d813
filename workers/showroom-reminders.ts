import { sendEventReminders } from "~/modules/showrooms/reminders.server";

/** Recurring (every 15 minutes): day-before reminders of showroom events, once per registered buyer. */
export async function runShowroomReminders(now = new Date()) {
  const sent = await sendEventReminders(now);
  if (sent > 0) console.log("[showrooms] event reminders sent:", sent);
  return sent;
}
