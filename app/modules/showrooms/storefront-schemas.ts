import { z } from "zod";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { isTimeZone, type OpeningHoursRule } from "./event-times";
import { normalizeBoothCode } from "./hall-plan";

/**
 * The operator console's forms, validated at the edge. Messages are i18n keys (showrooms.console.errors.*), shown in
 * the operator's language by parseForm. Per-language texts arrive as `name_pt`, `name_zh`… and are gathered into the
 * `{ pt, zh }` objects the storefront stores.
 */

const E = "showrooms.console.errors";
export const STOREFRONT_SLUG_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Printed on the floor, the QR labels and in the scan URL: letters, digits and inner dashes ("A-12"). */
export const BOOTH_CODE_SHAPE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const trimmed = (max: number) => z.string().trim().max(max, { message: `${E}.tooLong` });
const optionalText = (max: number) => z.preprocess((v) => (v === null || v === undefined ? "" : v), trimmed(max));
const int = (min: number, max: number) => z.coerce.number({ message: `${E}.number` }).int({ message: `${E}.number` }).min(min, { message: `${E}.number` }).max(max, { message: `${E}.number` });
const languageList = z.preprocess(
  (v) => (Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v]),
  z.array(z.enum(LANGS)).min(1, { message: `${E}.languages` }),
);

/** `{ pt: "...", zh: "..." }` from `prefix_pt`, `prefix_zh`… (blank ones left out). */
export function perLanguage(form: Record<string, unknown>, prefix: string): Partial<Record<Lang, string>> {
  const out: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const value = form[`${prefix}_${lang}`];
    if (typeof value === "string" && value.trim()) out[lang] = value.trim();
  }
  return out;
}

const perLanguageFields = (prefix: string, max: number) => Object.fromEntries(LANGS.map((lang) => [`${prefix}_${lang}`, optionalText(max)])) as Record<`${string}_${Lang}`, z.ZodType<string>>;
const hourFields = Object.fromEntries(WEEKDAYS.flatMap((d) => [[`opens_${d}`, optionalText(5)], [`closes_${d}`, optionalText(5)]]));

export const StorefrontFormSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(3, { message: `${E}.slugShape` })
      .max(80, { message: `${E}.slugShape` })
      .regex(STOREFRONT_SLUG_SHAPE, { message: `${E}.slugShape` }),
    languages: languageList,
    ...perLanguageFields("name", 160),
    ...perLanguageFields("heroTitle", 160),
    ...perLanguageFields("heroText", 2000),
    addressLine1: trimmed(200).min(1, { message: `${E}.required` }),
    city: trimmed(100).min(1, { message: `${E}.required` }),
    countryCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { message: `${E}.country` }),
    postalCode: optionalText(20),
    timeZone: z.string().trim().refine(isTimeZone, { message: `${E}.timeZone` }),
    planWidth: int(4, 200),
    planHeight: int(4, 200),
    ...hourFields,
  })
  .superRefine((form, ctx) => {
    const names = perLanguage(form, "name");
    if (!form.languages.some((lang) => names[lang])) ctx.addIssue({ code: "custom", path: [`name_${form.languages[0] ?? "pt"}`], message: `${E}.nameRequired` });
    for (const day of WEEKDAYS) {
      const opens = (form as unknown as Record<string, string>)[`opens_${day}`] ?? "";
      const closes = (form as unknown as Record<string, string>)[`closes_${day}`] ?? "";
      if (!opens && !closes) continue;
      if (!HHMM.test(opens)) ctx.addIssue({ code: "custom", path: [`opens_${day}`], message: `${E}.time` });
      else if (!HHMM.test(closes)) ctx.addIssue({ code: "custom", path: [`closes_${day}`], message: `${E}.time` });
      else if (closes <= opens) ctx.addIssue({ code: "custom", path: [`closes_${day}`], message: `${E}.closesBeforeOpens` });
    }
  });

export type StorefrontForm = z.infer<typeof StorefrontFormSchema>;

/** Weekday fields → stored rules, days with the same hours grouped ("Mon–Fri 09:30–18:00"). */
export function openingHoursFromForm(form: Record<string, unknown>): OpeningHoursRule[] {
  const rules: OpeningHoursRule[] = [];
  for (const day of WEEKDAYS) {
    const opens = String(form[`opens_${day}`] ?? "");
    const closes = String(form[`closes_${day}`] ?? "");
    if (!HHMM.test(opens) || !HHMM.test(closes) || closes <= opens) continue;
    const same = rules.find((r) => r.opens === opens && r.closes === closes);
    if (same) same.days.push(day);
    else rules.push({ days: [day], opens, closes });
  }
  return rules;
}

/** Stored rules → one `{ opens, closes }` per weekday for the form. */
export function openingHoursByDay(rules: readonly OpeningHoursRule[]): Record<number, { opens: string; closes: string } | null> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, rules.find((r) => r.days.includes(day)) ?? null]));
}

export const BoothFormSchema = z.object({
  boothId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  code: z
    .string()
    .transform(normalizeBoothCode)
    .pipe(
      z
        .string()
        .min(1, { message: `${E}.boothCode` })
        .max(12, { message: `${E}.boothCode` })
        .regex(BOOTH_CODE_SHAPE, { message: `${E}.boothCode` }),
    ),
  x: int(0, 199),
  y: int(0, 199),
  width: int(1, 200),
  height: int(1, 200),
  ...perLanguageFields("label", 80),
});
export type BoothForm = z.infer<typeof BoothFormSchema>;

export const AssignBoothSchema = z.object({
  boothId: z.uuid(),
  /** Empty: release the booth. */
  participationId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
});

export const InvitationSchema = z.object({
  manufacturerId: z.uuid({ message: `${E}.manufacturer` }),
  message: optionalText(1000),
});

export const SectionFormSchema = z
  .object({
    sectionId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
    ...perLanguageFields("title", 120),
  })
  .superRefine((form, ctx) => {
    if (Object.keys(perLanguage(form, "title")).length === 0) ctx.addIssue({ code: "custom", path: ["title_pt"], message: `${E}.titleRequired` });
  });

export const SectionItemSchema = z.object({
  sectionId: z.uuid(),
  manufacturerId: z.uuid({ message: `${E}.manufacturer` }),
  /** Empty: the whole manufacturer. */
  productId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.uuid().nullable()),
});

export const MoveSchema = z.object({ id: z.uuid(), direction: z.enum(["up", "down"]) });

export const EVENT_KINDS = ["EXHIBITION", "BUYER_DELEGATION", "LIVESTREAM"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const EventFormSchema = z
  .object({
    eventId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
    kind: z.enum(EVENT_KINDS, { message: `${E}.kind` }),
    ...perLanguageFields("title", 160),
    ...perLanguageFields("description", 4000),
    date: z.string().trim().regex(DATE, { message: `${E}.date` }),
    startTime: z.string().trim().regex(HHMM, { message: `${E}.time` }),
    endTime: z.string().trim().regex(HHMM, { message: `${E}.time` }),
    timeZone: z.string().trim().refine(isTimeZone, { message: `${E}.timeZone` }),
    language: z.enum(LANGS, { message: `${E}.language` }),
    capacity: int(1, 100000),
    link: z.preprocess(
      (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
      z
        .string()
        .trim()
        .max(500, { message: `${E}.tooLong` })
        .refine((v) => isHttpsUrl(v), { message: `${E}.link` })
        .nullable(),
    ),
  })
  .superRefine((form, ctx) => {
    if (Object.keys(perLanguage(form, "title")).length === 0) ctx.addIssue({ code: "custom", path: [`title_${form.language}`], message: `${E}.titleRequired` });
    if (form.endTime <= form.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: `${E}.closesBeforeOpens` });
    if (form.kind === "LIVESTREAM" && !form.link) ctx.addIssue({ code: "custom", path: ["link"], message: `${E}.linkRequired` });
  });
export type EventForm = z.infer<typeof EventFormSchema>;

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** A wall-clock date and time in an IANA zone → the instant (handles daylight saving by a second pass). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/** The instant's wall-clock date and time in `timeZone`, for refilling the event form. */
export function wallDateTime(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}
