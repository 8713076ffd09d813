import type { LoaderFunctionArgs } from "@remix-run/node";
import { scanRedirect } from "~/modules/showrooms/scan.server";

/** A product's QR label: /q/{storefrontSlug}/{boothCode}/{productSlug} → the product page, with the source remembered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return scanRedirect(request, { slug: params.slug ?? "", boothCode: params.booth ?? "", productSlug: params.product ?? "" });
}
