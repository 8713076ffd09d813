import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { withdrawByToken } from "~/modules/showrooms/erasure.server";

/**
 * A guest's consent withdrawal, from the link in the confirmation email. Opening the link asks to confirm (mail
 * scanners open links); the POST erases at once. Nothing about the lead is shown, valid link or not.
 */
export const meta: MetaFunction = (args) => [...pageTitle(args, "showrooms.leads.withdraw.title"), { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const parsed = await parseForm(request, z.object({}), lang);
  if (!parsed.ok) return parsed.reply;
  const result = await withdrawByToken(params.token ?? "");
  return data({ outcome: result.erased ? ("done" as const) : ("unknown" as const) }, { status: result.erased ? 200 : 404 });
}

export default function WithdrawConsent() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const outcome = reply && "outcome" in reply ? reply.outcome : null;
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t("showrooms.leads.withdraw.title")}</h1>
      {outcome === "done" ? (
        <p role="status" className="card mt-6" data-testid="withdraw-done">
          {t("showrooms.leads.withdraw.done")}
        </p>
      ) : outcome === "unknown" ? (
        <p role="alert" className="card mt-6">
          {t("showrooms.leads.withdraw.unknown")}
        </p>
      ) : (
        <Form method="post" className="card mt-6 space-y-4">
          <CsrfInput />
          <FormError reply={reply && "formError" in reply ? reply : null} />
          <p className="text-slate-700">{t("showrooms.leads.withdraw.intro")}</p>
          <SubmitButton pendingLabel={t("showrooms.leads.page.sending")}>{t("showrooms.leads.withdraw.confirm")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
