import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, FormError, FormSuccess, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { requestPasswordReset } from "~/modules/tenancy/accounts.server";
import { hitRateLimit } from "~/modules/security/rate-limit.server";
import { clientIp } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.forgot.title");

const Schema = z.object({ email: z.email("validation.email") });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  // Reset emails cost us deliverability: a few per address and per IP each hour.
  const perIp = await hitRateLimit(`reset:ip:${clientIp(request)}`, 20, 3600);
  const perEmail = await hitRateLimit(`reset:email:${form.data.email.toLowerCase()}`, 5, 3600);
  if (!perIp.allowed || !perEmail.allowed) {
    return formErrorReply(lang, form.formData, {}, serverT(lang)("auth.login.rateLimited", { count: Math.ceil(Math.max(perIp.retryAfterSeconds, perEmail.retryAfterSeconds) / 60) }), 429);
  }
  await requestPasswordReset({ email: form.data.email, lang });
  return { sent: true as const };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const lang = useParamsLang();
  const sent = reply && "sent" in reply;
  return (
    <AuthCard title={t("auth.forgot.title")} subtitle={t("auth.forgot.subtitle")}>
      {sent ? (
        <FormSuccess>{t("auth.forgot.sent")}</FormSuccess>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <CsrfInput />
          <FormError reply={reply && !("sent" in reply) ? reply : null} />
          <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required reply={reply && !("sent" in reply) ? reply : null} />
          <SubmitButton pendingLabel={t("auth.forgot.submitting")} className="btn-primary w-full">
            {t("auth.forgot.submit")}
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
