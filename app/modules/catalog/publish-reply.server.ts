import { data } from "@remix-run/node";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import type { StatusChange } from "./products.server";

/**
 * The answer to a refused or unconfirmed publish, in the viewer's language: the problems (409), with the way to the
 * company's verification when the maker is not verified; or what is missing, to confirm (409 too: nothing changed).
 */
export function publishReply(lang: Lang, organizationId: string, result: Extract<StatusChange, { ok: false }>, extra: Record<string, string> = {}) {
  const t = serverT(lang);
  if ("needsConfirmation" in result) {
    return data({ ok: false as const, intent: "publish", ...extra, confirm: result.needsConfirmation.map((w) => t(`trust.publish.missing.${w}`)) }, { status: 409 });
  }
  return data(
    {
      ok: false as const,
      intent: "publish",
      ...extra,
      problems: result.problems.map((p) => t(`console.publish.problems.${p}`)),
      verificationHref: result.problems.includes("unverified") ? `/${lang}/orgs/${organizationId}/settings#verification` : null,
    },
    { status: 409 },
  );
}
