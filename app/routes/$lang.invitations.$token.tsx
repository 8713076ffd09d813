import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { CsrfInput, FormError, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { acceptInvitation, findInvitationByToken } from "~/modules/tenancy/invitations.server";
import { requireVerifiedUser } from "~/modules/tenancy/access.server";
import { getSessionUser, setActiveOrganization } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "invitation.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const invitation = await findInvitationByToken(params.token ?? "");
  const sessionUser = await getSessionUser(request);
  if (!invitation) return { lang, invitation: null, signedInAs: sessionUser?.user.email ?? null };
  return {
    lang,
    invitation: { email: invitation.email, role: invitation.role, status: invitation.status, organization: { name: invitation.organization.name, kind: invitation.organization.kind } },
    signedInAs: sessionUser?.user.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await requireVerifiedUser(request, lang);
  const form = await parseForm(request, z.object({}), lang);
  if (!form.ok) return form.reply;
  const result = await acceptInvitation(params.token ?? "", sessionUser.user);
  if (!result.ok) return formErrorReply(lang, form.formData, {}, `invitation.errors.${result.error}`, result.error === "wrong_account" ? 403 : 410);
  await setActiveOrganization(sessionUser.sessionId, result.organizationId);
  emitToOrganization(result.organizationId, "organization:changed", { what: "members" });
  return redirect(`/${lang}/orgs/${result.organizationId}`);
}

export default function Invitation() {
  const { t } = useTranslation();
  const { lang, invitation, signedInAs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const here = useLocation().pathname;
  if (!invitation || invitation.status !== "open") {
    return (
      <AuthCard title={t("invitation.title")}>
        <p role="alert" className="text-slate-700">{t(`invitation.status.${invitation?.status ?? "invalid"}`)}</p>
        <Link to={`/${lang}`} className="btn-primary mt-6">{t("errors.backHome")}</Link>
      </AuthCard>
    );
  }
  const mismatch = signedInAs && signedInAs !== invitation.email;
  return (
    <AuthCard title={t("invitation.title")}>
      <p className="text-slate-800">
        {t("invitation.body", { organization: invitation.organization.name, role: t(`roles.${invitation.role}`), kind: t(`organizationKinds.${invitation.organization.kind}`) })}
      </p>
      <p className="mt-2 text-sm text-slate-600">{t("invitation.for", { email: invitation.email })}</p>
      <div className="mt-6">
        <FormError reply={reply} />
        {!signedInAs ? (
          <div className="flex flex-wrap gap-3">
            <Link to={`/${lang}/signup?email=${encodeURIComponent(invitation.email)}&redirectTo=${encodeURIComponent(here)}`} className="btn-primary" data-testid="invitation-signup">
              {t("invitation.signupToAccept")}
            </Link>
            <Link to={`/${lang}/login?redirectTo=${encodeURIComponent(here)}`} className="btn-secondary">
              {t("invitation.loginToAccept")}
            </Link>
          </div>
        ) : mismatch ? (
          <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("invitation.errors.wrong_account_hint", { current: signedInAs, email: invitation.email })}</p>
        ) : (
          <Form method="post">
            <CsrfInput />
            <SubmitButton pendingLabel={t("invitation.accepting")}>{t("invitation.accept")}</SubmitButton>
          </Form>
        )}
      </div>
    </AuthCard>
  );
}
