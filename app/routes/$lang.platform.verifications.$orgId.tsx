import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, type FormReply } from "~/components/forms";
import { IntentButton } from "~/components/console/intent-button";
import { pageTitle } from "~/components/meta";
import { VerificationTrail } from "~/components/trust/verification-trail";
import { VerificationBadge } from "~/components/verification-badge";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { countryOptions } from "~/modules/tenancy/countries";
import { validateTaxId } from "~/modules/tenancy/tax-id";
import { decideVerification, presentVerification, requireVerificationDesk, verificationCase, VerificationError } from "~/modules/tenancy/verification.server";

export const meta: MetaFunction = (args) => pageTitle(args, "trust.desk.caseTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireVerificationDesk(request, lang);
  const found = await verificationCase(params.orgId);
  if (!found) notFound();
  const o = found.organization;
  const taxId = o.taxId ? validateTaxId(o.countryCode, o.taxId) : null;
  const country = countryOptions(lang).find((c) => c.value === o.countryCode.trim())?.label ?? o.countryCode;
  return {
    lang,
    company: {
      id: o.id,
      name: o.name,
      kind: o.kind,
      status: o.verificationStatus,
      legalNameLatin: o.legalNameLatin,
      legalNameZh: o.legalNameZh,
      country,
      address: [o.addressLine1, o.addressLine2, [o.postalCode, o.city].filter(Boolean).join(" "), o.region].filter(Boolean).join(", "),
      taxId: taxId?.ok ? taxId.formatted : o.taxId,
      taxIdValid: taxId ? taxId.ok : null,
      submitted: o.verificationSubmittedAt ? formatDateTime(o.verificationSubmittedAt, lang) : null,
      registered: formatDateTime(o.createdAt, lang),
    },
    verification: presentVerification(lang, found, (id) => `/${lang}/platform/verifications/${o.id}/documents/${id}`),
  };
}

const reason = z.string().trim().max(2000, "validation.tooLong");
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), reason: reason.optional() }),
  z.object({ intent: z.literal("reject"), reason: reason.min(1, "trust.desk.reasonRequired") }),
  z.object({ intent: z.literal("more"), reason: reason.min(1, "trust.desk.reasonRequired") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireVerificationDesk(request, lang);
  const found = await verificationCase(params.orgId);
  if (!found) notFound();
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  try {
    await decideVerification(found.organization.id, { userId: context.user.id, name: context.user.name }, form.data.intent, form.data.reason ?? null);
  } catch (error) {
    if (error instanceof VerificationError) return formErrorReply(lang, form.formData, {}, `trust.errors.${error.code}`, error.status);
    throw error;
  }
  return data({ decided: serverT(lang)(`trust.desk.decided.${form.data.intent}`, { name: found.organization.name }) });
}

export default function VerificationCasePage() {
  const { t } = useTranslation();
  const { lang, company, verification } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (FormReply & { decided?: string }) | undefined;
  const pending = company.status === "PENDING";
  const reasonError = reply?.fieldErrors?.reason;
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/${lang}/platform/verifications`} className="link">
          ← {t("trust.desk.back")}
        </Link>
      </p>
      <h1 className="mt-2 break-words text-2xl font-bold sm:text-3xl">{company.name}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <VerificationBadge status={company.status} />
        <span>{t(`organizationKinds.${company.kind}`)}</span>
        {company.submitted ? <span>· {t("trust.desk.submitted", { date: company.submitted })}</span> : null}
      </p>
      <div className="mt-4">
        {reply?.decided ? <FormSuccess>{reply.decided}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>
      <div className="mt-2 grid gap-6 lg:grid-cols-3">
        <section className="card min-w-0 lg:col-span-2" aria-labelledby="company-title">
          <h2 id="company-title" className="text-lg font-semibold">
            {t("trust.desk.company")}
          </h2>
          <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">{t("fields.legalNameLatin")}</dt>
              <dd className="break-words">{company.legalNameLatin || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.legalNameZh")}</dt>
              <dd className="break-words" lang="zh">
                {company.legalNameZh || "—"}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.country")}</dt>
              <dd>{company.country}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.taxId")}</dt>
              <dd className="break-all font-mono">
                {company.taxId || "—"}
                {company.taxIdValid === false ? <span className="ml-2 font-sans text-red-700">{t("trust.desk.taxIdInvalid")}</span> : null}
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-slate-600">{t("trust.desk.address")}</dt>
              <dd className="break-words">{company.address || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("trust.desk.registered")}</dt>
              <dd>{company.registered}</dd>
            </div>
          </dl>
          <div className="mt-6">
            <VerificationTrail verification={verification} />
          </div>
        </section>
        <section className="card h-fit min-w-0" aria-labelledby="decision-title">
          <h2 id="decision-title" className="text-lg font-semibold">
            {t("trust.desk.decision")}
          </h2>
          {pending ? (
            <Form method="post" className="mt-3 space-y-3" noValidate>
              <CsrfInput />
              <div>
                <label htmlFor="decision-reason" className="label">
                  {t("trust.desk.reason")}
                </label>
                <textarea
                  id="decision-reason"
                  name="reason"
                  rows={4}
                  maxLength={2000}
                  className="input"
                  defaultValue={reply?.values?.reason ?? ""}
                  aria-describedby={reasonError ? "decision-reason-error decision-reason-hint" : "decision-reason-hint"}
                  aria-invalid={reasonError ? true : undefined}
                />
                <p id="decision-reason-hint" className="mt-1 text-xs text-slate-600">
                  {t("trust.desk.reasonHint")}
                </p>
                {reasonError ? (
                  <p id="decision-reason-error" className="mt-1 text-sm text-red-700" role="alert">
                    {t(reasonError, { defaultValue: reasonError })}
                  </p>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-2">
                <IntentButton intent="approve" pendingLabel={t("trust.desk.approve")}>
                  {t("trust.desk.approve")}
                </IntentButton>
                <IntentButton intent="more" pendingLabel={t("trust.desk.more")} className="btn-secondary">
                  {t("trust.desk.more")}
                </IntentButton>
                <IntentButton intent="reject" pendingLabel={t("trust.desk.reject")} className="btn-secondary text-red-700">
                  {t("trust.desk.reject")}
                </IntentButton>
              </div>
            </Form>
          ) : (
            <p className="mt-3 text-sm text-slate-700">{t("trust.desk.notPending")}</p>
          )}
        </section>
      </div>
    </div>
  );
}
