import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, FormError, FormSuccess, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { safeRedirectPath } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { signUp, weakPasswordMessage } from "~/modules/tenancy/accounts.server";
import { PasswordSchema } from "~/modules/tenancy/schemas";
import { clientIp, getSessionUser } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.signup.title");

const Schema = z.object({
  name: z.string().trim().min(2, "validation.nameTooShort").max(100, "validation.tooLong"),
  email: z.email("validation.email").max(200, "validation.tooLong"),
  password: PasswordSchema,
  redirectTo: z.string().optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  if (await getSessionUser(request)) throw redirect(`/${lang}/dashboard`);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const redirectTo = safeRedirectPath(form.data.redirectTo, "") || null;
  const result = await signUp({ ...form.data, locale: lang, ip: clientIp(request), redirectTo });
  if (!result.ok) {
    if (result.error === "rate_limited") {
      return formErrorReply(lang, form.formData, {}, serverT(lang)("auth.signup.rateLimited", { count: Math.ceil(result.retryAfterSeconds / 60) }), 429);
    }
    return formErrorReply(lang, form.formData, { password: weakPasswordMessage(lang, result) });
  }
  // The same page whether the address was new or registered: only the inbox tells the difference.
  return data({ checkEmail: form.data.email.trim().toLowerCase() });
}

export default function SignUp() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useParamsLang();
  if (reply && "checkEmail" in reply) {
    return (
      <AuthCard title={t("auth.signup.checkEmail.title")}>
        <FormSuccess>{t("auth.signup.checkEmail.body", { email: reply.checkEmail, hours: 24 })}</FormSuccess>
        <p className="mt-4 text-sm text-slate-700">{t("auth.signup.checkEmail.notReceived")}</p>
        <Link to={`/${lang}/verify-email?email=${encodeURIComponent(reply.checkEmail)}`} className="btn-secondary mt-4" data-testid="signup-resend">
          {t("auth.verify.resendSubmit")}
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("auth.signup.title")} subtitle={t("auth.signup.subtitle")}>
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormError reply={reply} />
        <TextField label={t("fields.name")} name="name" autoComplete="name" required reply={reply} />
        <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required reply={reply} defaultValue={params.get("email") ?? undefined} />
        <TextField label={t("fields.password")} name="password" type="password" autoComplete="new-password" required minLength={10} reply={reply} hint={t("auth.passwordHint")} />
        <SubmitButton pendingLabel={t("auth.signup.submitting")} className="btn-primary w-full">
          {t("auth.signup.submit")}
        </SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to={`/${lang}/login${params.get("redirectTo") ? `?redirectTo=${encodeURIComponent(params.get("redirectTo")!)}` : ""}`} className="link">
          {t("auth.signup.haveAccount")}
        </Link>
      </p>
    </AuthCard>
  );
}
