/**
 * Times of a showroom: opening hours and events are planned in the hall's (or the event's) IANA zone; a visitor reads
 * them in their own zone as well. Pure, so that the server render and the browser agree on every label.
 */

export interface OpeningHoursRule {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** "09:30", in the hall's zone. */
  opens: string;
  closes: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number | null {
  const match = HHMM.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The stored opening hours, keeping only well-formed rules (the operator's form validates; old rows may not). */
export function parseOpeningHours(value: unknown): OpeningHoursRule[] {
  if (!Array.isArray(value)) return [];
  const rules: OpeningHoursRule[] = [];
  for (const raw of value) {
    if (!raw || typeof raw !== "object") continue;
    const { days, opens, closes } = raw as Record<string, unknown>;
    if (!Array.isArray(days) || typeof opens !== "string" || typeof closes !== "string") continue;
    const validDays = days.filter((d): d is number => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7);
    const from = minutesOf(opens);
    const to = minutesOf(closes);
    if (validDays.length === 0 || from === null || to === null || to <= from) continue;
    rules.push({ days: [...new Set(validDays)].sort(), opens, closes });
  }
  return rules;
}

/** Weekday (ISO) and minutes since midnight of an instant, on the wall clock of `timeZone`. */
export function wallClock(instant: Date, timeZone: string): { weekday: number; minutes: number; date: string } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday")) + 1;
  return { weekday, minutes: Number(get("hour")) * 60 + Number(get("minute")), date: `${get("year")}-${get("month")}-${get("day")}` };
}

export interface OpenState {
  open: boolean;
  /** Today's hours in the hall's zone ("09:30–18:00"), or null when closed all day. */
  today: { opens: string; closes: string } | null;
}

/** Whether the hall is open at `now` by its own clock. */
export function openState(rules: OpeningHoursRule[], timeZone: string, now: Date): OpenState {
  const clock = wallClock(now, timeZone);
  const today = rules.find((r) => r.days.includes(clock.weekday)) ?? null;
  if (!today) return { open: false, today: null };
  const open = clock.minutes >= minutesOf(today.opens)! && clock.minutes < minutesOf(today.closes)!;
  return { open, today: { opens: today.opens, closes: today.closes } };
}

/** Whether a string is an IANA zone this runtime knows (a browser's, a cookie's). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "Tue, 8 Dec 2026, 10:00 – 12:00" (or with both dates when it spans days), on the wall clock of `timeZone`. */
export function formatEventRange(startsAt: Date, endsAt: Date, timeZone: string, localeTag: string): string {
  const format = new Intl.DateTimeFormat(localeTag, { timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return format.formatRange(startsAt, endsAt);
}

/** The zone's name as the reader says it ("China Standard Time", "GMT-03:00"), for the label beside a time. */
export function timeZoneLabel(instant: Date, timeZone: string, localeTag: string): string {
  const parts = new Intl.DateTimeFormat(localeTag, { timeZone, timeZoneName: "long" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** The day-before reminder is due once the event starts within this many hours (and has not started). */
export const REMINDER_LEAD_HOURS = 24;

/** Events starting in (now, now + 24 h]: their registered buyers get the reminder. */
export function reminderWindow(now: Date): { from: Date; to: Date } {
  return { from: now, to: new Date(now.getTime() + REMINDER_LEAD_HOURS * 3600_000) };
}

/** Upcoming: not ended yet (an event on now is still listed, marked live). */
export function isLive(event: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return event.startsAt.getTime() <= now.getTime() && now.getTime() < event.endsAt.getTime();
}
