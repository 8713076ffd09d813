import { data } from "@remix-run/node";
import type { z } from "zod";
import { en, es, pt, zhCN } from "zod/locales";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CSRF_FIELD, isValidCsrf } from "~/modules/security/csrf.server";
import { foldFormData } from "./fold-codes";
import { discardBody, readBodyUpTo, readMultipart } from "./multipart.server";

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
  // Control characters are refused, and not sent back either.
  for (const [key, value] of formData) if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
  return values;
}

/** A form body larger than this is refused before it is read whole (uploads go through readMultipart's own limits). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;
// C0 controls and DEL have no place in anything a person types; tab, CR and LF do (text areas). A NUL byte reaching
// PostgreSQL is an error ("invalid byte sequence"), the rest corrupts exports and emails.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Refused = ReturnType<typeof data<FormErrors>>;
export type ReadFormResult = { ok: true; form: FormData } | { ok: false; reply: Refused };

function refusal(lang: Lang, message: string, status: number): Refused {
  return data<FormErrors>({ formError: serverT(lang)(message), fieldErrors: {}, values: {} }, { status });
}

/**
 * Reads a form body: urlencoded or multipart only (JSON, text or no body: 415), at most MAX_FORM_BYTES, never a 500
 * for a malformed one. Routes that take uploads use readMultipart with their own limits instead.
 */
export async function tryReadForm(request: Request, lang: Lang): Promise<ReadFormResult> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    const result = await readMultipart(request, { maxFiles: 0, maxFileBytes: 0, maxTotalBytes: MAX_FORM_BYTES });
    if (result.ok) return { ok: true, form: result.form };
    return { ok: false, reply: refusal(lang, result.status === 413 ? "errors.form.tooLarge" : "errors.form.unreadable", result.status) };
  }
  if (type !== "application/x-www-form-urlencoded" || !request.body) {
    discardBody(request.body);
    return { ok: false, reply: refusal(lang, "errors.form.unreadable", 415) };
  }
  const body = await readBodyUpTo(request, MAX_FORM_BYTES);
  if (body === null) return { ok: false, reply: refusal(lang, "errors.form.tooLarge", 413) };
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) form.append(key, value);
  // Every form of the app carries at least its CSRF token: an empty body is not one of them.
  if ([...form.keys()].length === 0) return { ok: false, reply: refusal(lang, "errors.form.unreadable", 400) };
  // Full-width ids, codes and numbers from Chinese keyboards are folded here, for every form (fold-codes.ts).
  return { ok: true, form: foldFormData(form) };
}

/**
 * tryReadForm for routes that read the body before parseForm: a refused body is thrown as the 4xx answer. A thrown
 * Response, not data(): pages show its message on the error page, resource routes (no page) send it as it is.
 */
export async function readForm(request: Request, lang: Lang): Promise<FormData> {
  const result = await tryReadForm(request, lang);
  if (!result.ok) throw Response.json(result.reply.data, { status: result.reply.init?.status ?? 400 });
  return result.form;
}

/** The fields holding control characters, each with the message to show. */
function controlCharacterErrors(form: FormData): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && (CONTROL_CHARACTERS.test(value) || CONTROL_CHARACTERS.test(key))) errors[CONTROL_CHARACTERS.test(key) ? "_form" : key] = "validation.controlCharacters";
  }
  return errors;
}

export type ParsedForm<T> = { ok: true; data: T; formData: FormData } | { ok: false; reply: ReturnType<typeof data<FormErrors>> };

/**
 * The one way an action reads a form: reads the body within limits (tryReadForm), checks the CSRF token, refuses
 * control characters in any field, validates with zod, and on failure answers a 4xx
 * with messages in the user's language and the submitted values, so nothing typed is lost.
 * Schema messages are i18n keys ("validation.email"); rules without one get zod's own message in that language.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S, lang: Lang, formData?: FormData): Promise<ParsedForm<z.infer<S>>> {
  let form = formData;
  // A body that is no form at all never came from one of our pages: the error page says why (its status is 4xx).
  form ??= await readForm(request, lang);
  const t = serverT(lang);
  if (!isValidCsrf(request, form.get(CSRF_FIELD))) {
    return { ok: false, reply: data({ formError: t("errors.csrf"), fieldErrors: {}, values: echo(form) }, { status: 403 }) };
  }
  const controls = controlCharacterErrors(form);
  // Also as the form's message: some forms show field errors only for the fields they render.
  if (Object.keys(controls).length > 0) return { ok: false, reply: formErrorReply(lang, form, { _form: "validation.controlCharacters", ...controls }) };
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
