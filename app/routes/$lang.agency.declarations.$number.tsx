import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeclarationBody, DeclarationHeader, type DeclarationViewData } from "~/components/declarations/declaration-view";
import { FormSuccess, type FormReply } from "~/components/forms";
import { LinkedShipmentCard } from "~/components/logistics/shipment-list-link";
import { pageTitle } from "~/components/meta";
import { requireDeclarationViewer } from "~/modules/export-agency/agency-access.server";
import { AgentForm, applyAgentForm } from "~/modules/export-agency/declaration-forms.server";
import { presentDeclaration } from "~/modules/export-agency/declarations-presenter.server";
import { notFound } from "~/modules/http/responses.server";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { findDeclarationShipment } from "~/modules/logistics/shipment-list.server";

export const meta: MetaFunction = (args) => pageTitle(args, "agency.declaration.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const { declarationId, viewer } = await requireDeclarationViewer(request, lang, params.number);
  if (viewer !== "agent") notFound();
  const [view, shipment] = await Promise.all([presentDeclaration(lang, declarationId, "agent"), findDeclarationShipment(declarationId, lang)]);
  if (!view) notFound();
  return { lang, view, shipment };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const { declarationId, viewer, context } = await requireDeclarationViewer(request, lang, params.number);
  if (viewer !== "agent") notFound();
  const form = await parseForm(request, AgentForm, lang);
  if (!form.ok) return form.reply;
  const outcome = await applyAgentForm(lang, declarationId, form.data, form.formData, { userId: context.user.id });
  if (outcome.kind === "refused") return outcome.reply;
  return data({ success: outcome.message, values: { intent: form.data.intent } });
}

export default function AgentDeclaration() {
  const { t } = useTranslation();
  const { lang, view, shipment } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply & { success?: string }>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-3 text-sm">
        <Link to={`/${lang}/agency/declarations`} className="underline">
          {t("agency.declaration.back")}
        </Link>
      </p>
      <DeclarationHeader view={view as DeclarationViewData} />
      <LinkedShipmentCard shipment={shipment} className="mt-4" />
      <div className="mt-4">{reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}</div>
      <div className="mt-2">
        <DeclarationBody lang={lang} view={view as DeclarationViewData} agent reply={reply} intent={reply?.values?.intent} />
      </div>
    </div>
  );
}
