import { z } from "zod";
import { COUNTRY_CODES } from "~/modules/tenancy/countries";

/**
 * What the showroom lead forms accept, checked at the edge (parseForm). Messages are i18n keys; the pages show them
 * in the visitor's language. Pure: shared by the routes and the unit tests.
 */

export const LEAD_KINDS = ["contact", "rfq", "sample_order", "event"] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

export const LEAD_STATUSES = ["NEW", "ANSWERED", "CLOSED"] as const;

/**
 * The consent text a guest ticks is versioned: the lead stores the version it was shown (`consentVersion`), and the
 * text of every version stays in the locale files (`showrooms.leads.consent.<version>`) so it can be shown again.
 */
export const CONSENT_VERSION = "v1-2026-12";

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const optionalText = (max: number) => text(max).default("");

/** A booth code as printed ("A-12") and a product slug, both URL-safe. */
const BOOTH_CODE = /^[A-Za-z0-9-]{1,20}$/;
const PRODUCT_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ContactLeadSchema = z
  .object({
    boothCode: z.union([z.string().regex(BOOTH_CODE, "showrooms.leads.errors.booth"), z.literal("")]).default(""),
    productSlug: z.union([z.string().max(200).regex(PRODUCT_SLUG, "showrooms.leads.errors.product"), z.literal("")]).default(""),
    name: text(120).default(""),
    company: optionalText(160),
    countryCode: z.union([z.enum(COUNTRY_CODES, "validation.country"), z.literal("")]).default(""),
    email: z.union([z.email("validation.email").max(254, "validation.tooLong"), z.literal("")]).default(""),
    phone: z.union([z.string().trim().regex(/^\+?[0-9 ()./-]{6,30}$/, "showrooms.leads.errors.phone"), z.literal("")]).default(""),
    message: text(4000).min(1, "validation.required"),
    consent: z.literal("on").optional(),
  })
  .refine((form) => form.boothCode !== "" || form.productSlug !== "", { path: ["boothCode"], message: "showrooms.leads.errors.booth" });

export type ContactLeadForm = z.infer<typeof ContactLeadSchema>;

/** A guest also owes a name, a country, a way to answer (email or phone) and the ticked consent box. */
export function guestProblems(form: ContactLeadForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.name) problems.name = "validation.required";
  if (!form.countryCode) problems.countryCode = "validation.country";
  if (!form.email && !form.phone) problems.email = "showrooms.leads.errors.contact";
  if (form.consent !== "on") problems.consent = "showrooms.leads.errors.consent";
  return problems;
}

export const LeadReplySchema = z.object({ body: text(8000).min(1, "validation.required") });

export const LeadIntentSchema = z.object({ intent: z.enum(["reply", "close", "erase"], "validation.required") });

export const LeadFilterSchema = z.object({
  storefront: z.uuid().optional().catch(undefined),
  booth: z.uuid().optional().catch(undefined),
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
});

/** "2026-12-01" */
const isoDay = z.iso.date();

/** The insight pages' date range: at most two years, `from` ≤ `to`; anything else falls back to the last 30 days. */
export function parseInsightRange(from: string | null, to: string | null, today: Date = new Date()): { from: string; to: string } {
  const end = isoDay.safeParse(to).success ? to! : today.toISOString().slice(0, 10);
  const fallbackStart = new Date(`${end}T00:00:00Z`);
  fallbackStart.setUTCDate(fallbackStart.getUTCDate() - 29);
  const start = isoDay.safeParse(from).success ? from! : fallbackStart.toISOString().slice(0, 10);
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  if (days < 0 || days > 731) return { from: fallbackStart.toISOString().slice(0, 10), to: end };
  return { from: start, to: end };
}
