import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthCard, useParamsLang } from "~/components/auth-card";
import { CsrfInput, SubmitButton } from "~/components/forms";

/** Shown instead of a session when the right password belongs to an address not yet confirmed. */
export function UnverifiedNotice({ email }: { email: string }) {
  const { t } = useTranslation();
  const lang = useParamsLang();
  return (
    <AuthCard title={t("auth.verify.title")}>
      <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="unverified-notice">
        {t("auth.login.unverified", { email })}
      </p>
      <Form method="post" action={`/${lang}/verify-email`} className="mt-4">
        <CsrfInput />
        <input type="hidden" name="email" value={email} />
        <SubmitButton pendingLabel={t("auth.verify.resendSubmitting")} className="btn-secondary w-full">
          {t("auth.verify.resendSubmit")}
        </SubmitButton>
      </Form>
    </AuthCard>
  );
}
