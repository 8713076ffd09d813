import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, SubmitButton, TextField } from "~/components/forms";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { safeRedirectPath } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { logIn } from "~/modules/tenancy/accounts.server";
import { clientIp, createUserSession, getSessionUser } from "~/modules/tenancy/session.server";
import { pageTitle } from "~/components/meta";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { UnverifiedNotice } from "~/components/unverified-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.login.title");

const Schema = z.object({
  email: z.email("validation.email"),
  password: z.string().min(1, "validation.required"),
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
  const result = await logIn({ email: form.data.email, password: form.data.password, ip: clientIp(request) });
  if (!result.ok) {
    if (result.error === "rate_limited") {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return formErrorReply(lang, form.formData, {}, serverT(lang)("auth.login.rateLimited", { count: minutes }), 429);
    }
    if (result.error === "unverified") return data({ unverified: result.email }, { status: 403 });
    return formErrorReply(lang, form.formData, {}, "auth.login.invalid", 401);
  }
  const cookie = await createUserSession(result.userId, request);
  return redirect(safeRedirectPath(form.data.redirectTo, `/${lang}/dashboard`), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useParamsLang();
  if (reply && "unverified" in reply) return <UnverifiedNotice email={reply.unverified} />;
  return (
    <AuthCard title={t("auth.login.title")} subtitle={t("auth.login.subtitle")}>
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormError reply={reply} />
        <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required reply={reply} />
        <TextField label={t("fields.password")} name="password" type="password" autoComplete="current-password" required reply={reply} />
        <SubmitButton pendingLabel={t("auth.login.submitting")} className="btn-primary w-full">
          {t("auth.login.submit")}
        </SubmitButton>
      </Form>
      <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        <Link to={`/${lang}/forgot-password`} className="link">
          {t("auth.login.forgot")}
        </Link>
        <Link to={`/${lang}/signup`} className="link">
          {t("auth.login.noAccount")}
        </Link>
      </div>
    </AuthCard>
  );
}

