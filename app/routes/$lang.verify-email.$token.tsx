import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, FormError, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { safeRedirectPath } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { findValidVerificationToken, verifyEmail } from "~/modules/tenancy/email-verification.server";
import { createUserSession } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.verify.title");

const Schema = z.object({ redirectTo: z.string().max(2000).optional() });

/**
 * Opening the link only shows a button: mail scanners that fetch every link must not use it up (or be signed in).
 * Confirming verifies the address and signs the user in.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  const live = await findValidVerificationToken(params.token ?? "");
  return { email: live?.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const result = await verifyEmail(params.token ?? "");
  if (!result.ok) return formErrorReply(lang, form.formData, {}, "auth.verify.invalid", 410);
  const cookie = await createUserSession(result.userId, request);
  return redirect(safeRedirectPath(form.data.redirectTo, `/${lang}/dashboard`), { headers: { "Set-Cookie": cookie } });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useParamsLang();
  if (!email) {
    return (
      <AuthCard title={t("auth.verify.title")}>
        <p role="alert" className="text-slate-700">{t("auth.verify.invalid")}</p>
        <Link to={`/${lang}/verify-email`} className="btn-primary mt-6">{t("auth.verify.resendSubmit")}</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("auth.verify.title")}>
      <p className="text-slate-800">{t("auth.verify.intro", { email })}</p>
      <Form method="post" className="mt-6">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormError reply={reply} />
        <SubmitButton pendingLabel={t("auth.verify.submitting")} className="btn-primary w-full">
          {t("auth.verify.submit")}
        </SubmitButton>
      </Form>
    </AuthCard>
  );
}
