import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { ConsoleBreadcrumb } from "~/components/showrooms/console/park-header";
import { StorefrontForm } from "~/components/showrooms/console/storefront-form";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { StorefrontFormSchema } from "~/modules/showrooms/storefront-schemas";
import { createStorefront } from "~/modules/showrooms/storefronts.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.new.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireParkOperator(request, lang);
  return { lang };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const parsed = await parseForm(request, StorefrontFormSchema, lang);
  if (!parsed.ok) return parsed.reply;
  try {
    const { id } = await createStorefront(context.operator, parsed.data);
    throw redirect(`/${lang}/park/storefronts/${id}/plan?created=1`);
  } catch (error) {
    if (error instanceof Response) throw error;
    return consoleErrorReply(error, lang, parsed.formData);
  }
}

export default function NewStorefront() {
  const { t } = useTranslation();
  const { lang } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <ConsoleBreadcrumb lang={lang} current={t("showrooms.console.new.title")} />
      <h1 className="mt-2 text-2xl font-bold sm:text-3xl">{t("showrooms.console.new.title")}</h1>
      <p className="mt-1 text-slate-700">{t("showrooms.console.new.intro")}</p>
      <div className="mt-6">
        <StorefrontForm
          reply={reply}
          submitLabel={t("showrooms.console.new.submit")}
          values={{
            slug: "",
            languages: ["pt", "es", "zh", "en"],
            name: {},
            heroTitle: {},
            heroText: {},
            addressLine1: "",
            city: "",
            countryCode: "CN",
            postalCode: "",
            timeZone: "Asia/Shanghai",
            planWidth: 40,
            planHeight: 24,
            hours: { 1: { opens: "09:30", closes: "18:00" }, 2: { opens: "09:30", closes: "18:00" }, 3: { opens: "09:30", closes: "18:00" }, 4: { opens: "09:30", closes: "18:00" }, 5: { opens: "09:30", closes: "18:00" }, 6: null, 7: null },
          }}
        />
      </div>
    </div>
  );
}
