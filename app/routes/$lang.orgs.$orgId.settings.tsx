import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CompanyProfileFields } from "~/components/company-profile-fields";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { VerificationBadge } from "~/components/verification-badge";
import { VerificationTrail } from "~/components/trust/verification-trail";
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
import { VerificationUpload } from "~/components/trust/verification-upload";
import { formErrorReply } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { serverT } from "~/modules/i18n/i18n.server";
import { uploadedFiles } from "~/modules/ordering/rfq-thread.server";
import { z } from "zod";
import { DOCUMENT_KINDS } from "~/modules/tenancy/verification";
import {
  checkVerificationFiles,
  companyVerification,
  MAX_VERIFICATION_FILE_BYTES,
  MAX_VERIFICATION_FILES,
  presentVerification,
  submitVerificationDocuments,
  VERIFICATION_UPLOAD,
  VerificationError,
} from "~/modules/tenancy/verification.server";

export const meta: MetaFunction = (args) => pageTitle(args, "organizations.tabs.settings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "organization:read");
  const profile = await getCompanyProfile(context.organization.id);
  const taxId = profile.taxId ? validateTaxId(profile.countryCode, profile.taxId) : null;
  const verification = presentVerification(lang, await companyVerification(context.organization.id), (id) => `/${lang}/orgs/${context.organization.id}/verification/${id}`);
  return {
    verification,
    limits: { files: MAX_VERIFICATION_FILES, megabytes: MAX_VERIFICATION_FILE_BYTES / 1024 / 1024 },
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
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return uploadDocuments(request, lang, context);
  const form = await parseForm(request, CompanyProfileSchema, lang);
  if (!form.ok) return form.reply;
  await updateCompanyProfile(context.organization.id, form.data);
  emitToOrganization(context.organization.id, "organization:changed", { what: "profile" });
  return { saved: true as const };
}

const UploadSchema = z.object({ intent: z.literal("verification"), kind: z.enum(DOCUMENT_KINDS, "validation.required") });

/** The company sends documents for verification (multipart: checked by their bytes, stored privately). */
async function uploadDocuments(request: Request, lang: ReturnType<typeof requireLang>, context: Awaited<ReturnType<typeof requireOrganization>>) {
  const t = serverT(lang);
  const echo = new FormData();
  echo.set("intent", "verification");
  const upload = await readMultipart(request, VERIFICATION_UPLOAD);
  if (!upload.ok) {
    const message =
      upload.error === "file_too_large" ? t("trust.errors.attachment_too_large", { size: MAX_VERIFICATION_FILE_BYTES / 1024 / 1024 }) : upload.error === "too_many_files" ? t("trust.errors.too_many_attachments", { max: MAX_VERIFICATION_FILES }) : upload.error === "too_large" ? t("trust.errors.too_large") : t("errors.form.unreadable");
    return formErrorReply(lang, echo, { documents: message }, undefined, upload.status);
  }
  const form = await parseForm(request, UploadSchema, lang, upload.form);
  if (!form.ok) return form.reply;
  try {
    const files = await checkVerificationFiles(uploadedFiles(upload.form, "documents"));
    await submitVerificationDocuments(context.organization.id, { userId: context.user.id, name: context.user.name }, form.data.kind, files);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    const message = t(`trust.errors.${error.code}`, { size: MAX_VERIFICATION_FILE_BYTES / 1024 / 1024, max: MAX_VERIFICATION_FILES });
    return formErrorReply(lang, echo, error.code === "already_verified" ? {} : { documents: message }, error.code === "already_verified" ? message : undefined, error.status);
  }
  emitToOrganization(context.organization.id, "organization:changed", { what: "verification" });
  return { sent: true as const };
}

export default function OrganizationSettings() {
  const { t } = useTranslation();
  const { profile, verifiedOn, countries, formattedTaxId, canEdit, verification, limits } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const forUpload = Boolean(reply && ("sent" in reply || ("values" in reply && reply.values?.intent === "verification")));
  const errors = reply && !("saved" in reply) && !("sent" in reply) && !forUpload ? reply : null;
  const uploadReply = forUpload && reply && !("sent" in reply) && !("saved" in reply) ? reply : null;
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
      <aside id="verification" className="card h-fit min-w-0 space-y-4" aria-labelledby="verification-title">
        <h2 id="verification-title" className="text-lg font-semibold">{t("dashboard.verification")}</h2>
        <p><VerificationBadge status={profile.verificationStatus} /></p>
        <p className="text-sm text-slate-700">{t(`company.verificationHelp.${profile.verificationStatus}`)}</p>
        {verifiedOn ? <p className="text-xs text-slate-600">{t("company.verifiedOn", { date: verifiedOn })}</p> : null}
        {reply && "sent" in reply ? <FormSuccess>{t("trust.company.sent")}</FormSuccess> : null}
        {canEdit && profile.verificationStatus !== "VERIFIED" ? (
          <VerificationUpload reply={uploadReply} limits={limits} />
        ) : uploadReply ? (
          // A refused upload where the form is not shown (a verified company, a member who cannot edit): still say why.
          <FormError reply={{ ...uploadReply, formError: uploadReply.formError ?? uploadReply.fieldErrors?.documents }} />
        ) : null}
        <VerificationTrail verification={verification} />
      </aside>
    </div>
  );
}
