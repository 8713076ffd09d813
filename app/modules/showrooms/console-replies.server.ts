import { ImageUploadError } from "~/modules/catalog/images.server";
import { formErrorReply } from "~/modules/http/forms.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { BoothError } from "./booths.server";
import { EventAdminError } from "./events-admin.server";
import { ParticipationError } from "./participation.server";
import { SectionError } from "./sections.server";
import { StorefrontError } from "./storefronts.server";

/**
 * The console's refusals as 4xx answers in the operator's language: a module error becomes a message (on its
 * field when there is one), anything else is rethrown (a real 500).
 */
export function consoleErrorReply(error: unknown, lang: Lang, form: FormData) {
  const t = serverT(lang);
  const E = "showrooms.console.errors";
  if (error instanceof StorefrontError) {
    if (error.code === "slugTaken") return formErrorReply(lang, form, { slug: `${E}.slugTaken` }, undefined, 409);
    if (error.code === "planTooSmall") return formErrorReply(lang, form, { planWidth: t(`${E}.planTooSmall`, { booths: (error.detail.booths ?? []).join(", ") }) }, undefined, 409);
    if (error.code === "publishProblems") {
      const lines = (error.detail.problems ?? []).map((p) => (p.kind === "noManufacturer" ? t(`${E}.publish.noManufacturer`) : t(`${E}.publish.${p.kind}`, { language: t(`showrooms.console.languages.${p.lang}`) })));
      return formErrorReply(lang, form, {}, `${t(`${E}.publish.intro`)} ${lines.join(" · ")}`, 409);
    }
    return formErrorReply(lang, form, {}, `${E}.notAllowed`, 409);
  }
  if (error instanceof BoothError) {
    const p = error.problem;
    if (p.kind === "overlap") return formErrorReply(lang, form, { x: t(`${E}.boothOverlap`, { code: p.code }) }, undefined, 409);
    if (p.kind === "duplicate_code") return formErrorReply(lang, form, { code: t(`${E}.boothDuplicate`, { code: p.code }) }, undefined, 409);
    if (p.kind === "outside") return formErrorReply(lang, form, { x: `${E}.boothOutside` }, undefined, 400);
    return formErrorReply(lang, form, {}, `${E}.notFound`, 404);
  }
  if (error instanceof ParticipationError) return formErrorReply(lang, form, {}, `${E}.participation.${error.code}`, error.code === "notFound" ? 404 : 409);
  if (error instanceof SectionError) return formErrorReply(lang, form, {}, `${E}.section.${error.code}`, error.code === "notFound" ? 404 : 409);
  if (error instanceof EventAdminError) return formErrorReply(lang, form, {}, `${E}.event.${error.code}`, error.code === "notFound" ? 404 : 409);
  if (error instanceof ImageUploadError) return formErrorReply(lang, form, {}, t(error.messageKey, { file: error.fileName ?? "" }), error.code === "too_large" ? 413 : 400);
  throw error;
}
