import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, FormError, FormSuccess, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { resendVerification, VERIFICATION_TOKEN_HOURS } from "~/modules/tenancy/email-verification.server";
import { clientIp } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.verify.resendTitle");

const Schema = z.object({ email: z.email("validation.email").max(200, "validation.tooLong") });

/** "Send the link again": one neutral answer, whether or not an unconfirmed account has this address. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const result = await resendVerification({ email: form.data.email, lang, ip: clientIp(request) });
  if (!result.ok) {
    return formErrorReply(lang, form.formData, {}, serverT(lang)("auth.verify.rateLimited", { count: Math.ceil(result.retryAfterSeconds / 60) }), 429);
  }
  return { sent: true as const, hours: VERIFICATION_TOKEN_HOURS };
}

export default function ResendVerification() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useParamsLang();
  return (
    <AuthCard title={t("auth.verify.resendTitle")} subtitle={t("auth.verify.resendIntro")}>
      {reply && "sent" in reply ? (
        <FormSuccess>{t("auth.verify.resendSent", { hours: reply.hours })}</FormSuccess>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <CsrfInput />
          <FormError reply={reply} />
          <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required reply={reply} defaultValue={params.get("email") ?? undefined} />
          <SubmitButton pendingLabel={t("auth.verify.resendSubmitting")} className="btn-primary w-full">
            {t("auth.verify.resendSubmit")}
          </SubmitButton>
        </Form>
      )}
      <p className="mt-6 text-sm">
        <Link to={`/${lang}/login`} className="link">
          {t("auth.forgot.back")}
        </Link>
      </p>
    </AuthCard>
  );
}
