import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CompanyProfileFields } from "~/components/company-profile-fields";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { VerificationBadge } from "~/components/verification-badge";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { getCompanyProfile, updateCompanyProfile } from "~/modules/tenancy/organizations.server";
import { roleCan } from "~/modules/tenancy/permissions";
import { CompanyProfileSchema } from "~/modules/tenancy/schemas";
import { validateTaxId } from "~/modules/tenancy/tax-id";
import { countryOptions } from "~/modules/tenancy/countries";

export const meta: MetaFunction = (args) => pageTitle(args, "organizations.tabs.settings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "organization:read");
  const profile = await getCompanyProfile(context.organization.id);
  const taxId = profile.taxId ? validateTaxId(profile.countryCode, profile.taxId) : null;
  return {
    profile,
    verifiedOn: profile.verifiedAt ? formatDate(profile.verifiedAt, lang) : null,
    countries: countryOptions(lang),
    formattedTaxId: taxId?.ok ? taxId.formatted : profile.taxId,
    canEdit: roleCan(context.membership.role, "organization:update"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "organization:update");
  const form = await parseForm(request, CompanyProfileSchema, lang);
  if (!form.ok) return form.reply;
  await updateCompanyProfile(context.organization.id, form.data);
  emitToOrganization(context.organization.id, "organization:changed", { what: "profile" });
  return { saved: true as const };
}

export default function OrganizationSettings() {
  const { t } = useTranslation();
  const { profile, verifiedOn, countries, formattedTaxId, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = reply && !("saved" in reply) ? reply : null;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <section className="card lg:col-span-2" aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-xl font-semibold">{t("company.title")}</h2>
        <p className="mb-6 mt-1 text-sm text-slate-600">{t("company.subtitle")}</p>
        {reply && "saved" in reply ? <FormSuccess>{t("company.saved")}</FormSuccess> : null}
        <Form method="post" className="space-y-6" noValidate>
          <CsrfInput />
          <FormError reply={errors} />
          <CompanyProfileFields countries={countries} reply={errors} values={{ ...profile, taxId: formattedTaxId }} disabled={!canEdit} />
          {canEdit ? <SubmitButton pendingLabel={t("common.saving")}>{t("common.save")}</SubmitButton> : <p className="text-sm text-slate-600">{t("company.readOnly")}</p>}
        </Form>
      </section>
      <aside className="card h-fit" aria-labelledby="verification-title">
        <h2 id="verification-title" className="text-lg font-semibold">{t("dashboard.verification")}</h2>
        <p className="mt-3"><VerificationBadge status={profile.verificationStatus} /></p>
        <p className="mt-3 text-sm text-slate-700">{t(`company.verificationHelp.${profile.verificationStatus}`)}</p>
        {verifiedOn ? <p className="mt-2 text-xs text-slate-600">{t("company.verifiedOn", { date: verifiedOn })}</p> : null}
      </aside>
    </div>
  );
}
