import type { LoaderFunctionArgs } from "@remix-run/node";
import { scanRedirect } from "~/modules/showrooms/scan.server";

/** A booth's QR code: /q/{storefrontSlug}/{boothCode} → the booth page, with the showroom source remembered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return scanRedirect(request, { slug: params.slug ?? "", boothCode: params.booth ?? "", productSlug: null });
}
