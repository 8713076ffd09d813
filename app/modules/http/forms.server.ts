import { data } from "@remix-run/node";
import type { z } from "zod";
import { en, es, pt, zhCN } from "zod/locales";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CSRF_FIELD, isValidCsrf } from "~/modules/security/csrf.server";

export interface FormErrors {
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

const ZOD_LOCALES = { en: en(), es: es(), pt: pt(), zh: zhCN() } satisfies Record<Lang, { localeError: unknown }>;

// Never send these back to the browser, even to refill a form.
const SECRET_FIELDS = /password|csrf/i;

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = value;
  return values;
}

export type ParsedForm<T> = { ok: true; data: T; formData: FormData } | { ok: false; reply: ReturnType<typeof data<FormErrors>> };

/**
 * The one way an action reads a form: checks the CSRF token, validates with zod, and on failure answers a 4xx
 * with messages in the user's language and the submitted values, so nothing typed is lost.
 * Schema messages are i18n keys ("validation.email"); rules without one get zod's own message in that language.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S, lang: Lang, formData?: FormData): Promise<ParsedForm<z.infer<S>>> {
  const form = formData ?? (await request.formData());
  const t = serverT(lang);
  if (!isValidCsrf(request, form.get(CSRF_FIELD))) {
    return { ok: false, reply: data({ formError: t("errors.csrf"), fieldErrors: {}, values: echo(form) }, { status: 403 }) };
  }
  const input = Object.fromEntries([...form.keys()].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)]));
  const result = schema.safeParse(input, { error: ZOD_LOCALES[lang].localeError as z.core.$ZodErrorMap });
  if (result.success) return { ok: true, data: result.data, formData: form };
  return { ok: false, reply: formErrorReply(lang, form, Object.fromEntries(result.error.issues.map((i) => [String(i.path[0] ?? "_form"), i.message]))) };
}

/** A 400 answer for business-rule failures found after validation (e.g. "email already registered"). */
export function formErrorReply(lang: Lang, form: FormData, fieldErrors: Record<string, string>, formError?: string, status = 400) {
  const t = serverT(lang);
  const translated = Object.fromEntries(Object.entries(fieldErrors).map(([field, message]) => [field, t(message, { defaultValue: message })]));
  const { _form, ...rest } = translated;
  return data<FormErrors>({ formError: formError ? t(formError, { defaultValue: formError }) : _form, fieldErrors: rest, values: echo(form) }, { status });
}
