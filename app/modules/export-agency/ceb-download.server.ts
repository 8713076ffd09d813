import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CebBuildError, buildCebMessage, validateCebMessage, type CebBuildProblem, type CebMessageType } from "./ceb-messages";
import { gatherDeclarationDocuments } from "./declarations.server";
import { downloadFileName, unsignedExport, type CustomsMessageSigner } from "./message-signing";

/**
 * One customs message of a declaration as a download: gathered, built, checked field by field against the formats
 * (a message that fails is never handed out), then passed to the signer; here only the explicit unsigned export
 * exists, and the answer says so (file name "…_UNSIGNED.xml", header X-Ponte-Signature: unsigned). Callers
 * authorize first (requireDeclarationViewer): the declaration id is already one the viewer may see.
 *
 * Refusals are 409 with the reason in the viewer's language: no receipt for CEB403, a currency or country without
 * a confirmed code, the agency's DXP id not configured, a field failing its format.
 */
export async function cebDownloadResponse(
  declarationId: string,
  type: CebMessageType,
  lang: Lang,
  options: { now?: Date; signer?: CustomsMessageSigner } = {},
): Promise<Response> {
  const t = serverT(lang);
  const docs = await gatherDeclarationDocuments(unscopedDb, declarationId);
  if (!docs) notFound();
  const dxpId = env().CUSTOMS_DXP_ID;
  const refuse = (message: string) => new Response(message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  let built;
  try {
    built = buildCebMessage(type, docs, { dxpId: dxpId ?? "" }, options.now ?? new Date());
  } catch (error) {
    if (error instanceof CebBuildError) return refuse(buildRefusal(error.problems, t));
    throw error;
  }
  if (!dxpId) return refuse(t("customs.xml.errors.dxp"));
  const validation = validateCebMessage(built.xml);
  if (!validation.ok) {
    return refuse(t("customs.xml.errors.invalid", { problems: validation.problems.map((p) => `${p.path} (${p.problem})`).join("; ") }));
  }
  const signed = await (options.signer ?? unsignedExport).sign(built.xml);
  const fileName = downloadFileName(built.fileName, signed);
  return new Response(signed.xml, {
    status: 200,
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Ponte-Signature": signed.signed ? "signed" : "unsigned",
    },
  });
}

/** The first kind of problem decides the message; every currency or country of that kind is named. */
function buildRefusal(problems: CebBuildProblem[], t: ReturnType<typeof serverT>): string {
  if (problems.some((p) => p.kind === "no-receipt")) return t("customs.xml.errors.noReceipt");
  const named = (kind: "currency" | "country" | "inexact-amount") =>
    [...new Set(problems.flatMap((p) => (p.kind === kind ? [p.kind === "country" ? p.country : p.currency] : [])))].join(", ");
  const parts: string[] = [];
  if (named("currency")) parts.push(t("customs.xml.errors.currency", { currencies: named("currency") }));
  if (named("country")) parts.push(t("customs.xml.errors.country", { countries: named("country") }));
  if (named("inexact-amount")) parts.push(t("customs.xml.errors.inexact", { currencies: named("inexact-amount") }));
  return parts.join(" ");
}
