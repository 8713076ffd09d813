import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { collectLabels, qrLabelsPdf } from "~/modules/showrooms/qr-labels.server";
import { BOOTH_CODE_SHAPE } from "~/modules/showrooms/storefront-schemas";

/** A4 sheets of QR labels for a storefront, or one booth (?booth=A-01); the operator's own storefronts only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  // Codes are printed in capitals; a typed "a-01" means the same booth.
  const booth = new URL(request.url).searchParams.get("booth")?.trim().toUpperCase() ?? null;
  if (booth !== null && !BOOTH_CODE_SHAPE.test(booth)) notFound();
  const collected = await collectLabels(context.operator, storefront.id, { boothCode: booth });
  if (!collected || (booth && collected.labels.length === 0)) notFound();
  const pdf = await qrLabelsPdf({ storefrontName: collected.storefront.name, labels: collected.labels, lang, operatorName: context.organization.name });
  const file = `qr-${collected.storefront.slug}${booth ? `-${booth}` : ""}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "private, no-store" },
  });
}
