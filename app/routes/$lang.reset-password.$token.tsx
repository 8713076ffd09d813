import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, FormError, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { findValidResetToken, resetPassword, weakPasswordMessage } from "~/modules/tenancy/accounts.server";
import { disconnectUser } from "~/modules/realtime/index.server";
import { PasswordSchema } from "~/modules/tenancy/schemas";
import { createUserSession } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.reset.title");

const Schema = z
  .object({ password: PasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordsDiffer" });

export async function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return { valid: Boolean(await findValidResetToken(params.token ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const result = await resetPassword(params.token ?? "", form.data.password);
  if (!result.ok && result.error === "weak_password") return formErrorReply(lang, form.formData, { password: weakPasswordMessage(lang, result) });
  if (!result.ok) return formErrorReply(lang, form.formData, {}, "auth.reset.invalid", 410);
  // The reset ended every session of the account: their live sockets close too, in every web process.
  disconnectUser(result.userId);
  const cookie = await createUserSession(result.userId, request);
  return redirect(`/${lang}/dashboard`, { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const lang = useParamsLang();
  return (
    <AuthCard title={t("auth.reset.title")}>
      {valid ? (
        <Form method="post" className="space-y-4" noValidate>
          <CsrfInput />
          <FormError reply={reply} />
          <TextField label={t("fields.newPassword")} name="password" type="password" autoComplete="new-password" required minLength={10} reply={reply} hint={t("auth.passwordHint")} />
          <TextField label={t("fields.confirmPassword")} name="confirm" type="password" autoComplete="new-password" required reply={reply} />
          <SubmitButton pendingLabel={t("auth.reset.submitting")} className="btn-primary w-full">
            {t("auth.reset.submit")}
          </SubmitButton>
        </Form>
      ) : (
        <div role="alert">
          <p className="text-slate-700">{t("auth.reset.invalid")}</p>
          <Link to={`/${lang}/forgot-password`} className="btn-primary mt-4">
            {t("auth.reset.again")}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
