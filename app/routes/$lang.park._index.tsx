import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLang } from "~/modules/i18n/config";
import { requireParkOperator } from "~/modules/showrooms/operator-scope.server";

/** The park console starts at the operator's storefronts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireParkOperator(request, lang);
  throw redirect(`/${lang}/park/storefronts`);
}
