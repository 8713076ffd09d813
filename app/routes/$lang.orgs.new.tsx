import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CompanyProfileFields } from "~/components/company-profile-fields";
import { CsrfInput, FormError, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { companyDefaults, countryOptions } from "~/modules/tenancy/countries";
import { createOrganization } from "~/modules/tenancy/organizations.server";
import { CompanyProfileSchema } from "~/modules/tenancy/schemas";
import { requireVerifiedUser } from "~/modules/tenancy/access.server";
import { setActiveOrganization } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "organizations.new.title");

/** PLATFORM organizations are created by the operators themselves, not by sign-up. */
const SELF_SERVICE_KINDS = ["MANUFACTURER", "BUYER", "PARK_OPERATOR"] as const;
const Schema = CompanyProfileSchema.and(z.object({ kind: z.enum(SELF_SERVICE_KINDS, "validation.required") }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireVerifiedUser(request, lang);
  return { countries: countryOptions(lang), defaults: companyDefaults(lang) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await requireVerifiedUser(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const organization = await createOrganization(sessionUser.user.id, form.data);
  await setActiveOrganization(sessionUser.sessionId, organization.id);
  return redirect(`/${lang}/orgs/${organization.id}`);
}

export default function NewOrganization() {
  const { t } = useTranslation();
  const { countries, defaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const kindError = reply?.fieldErrors?.kind;
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t("organizations.new.title")}</h1>
      <p className="mt-2 text-slate-700">{t("organizations.new.subtitle")}</p>
      <Form method="post" className="card mt-6 space-y-6" noValidate>
        <CsrfInput />
        <FormError reply={reply} />
        <fieldset aria-describedby={kindError ? "kind-error" : undefined}>
          <legend className="label">{t("organizations.new.kindQuestion")}</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-3">
            {SELF_SERVICE_KINDS.map((kind) => (
              <label key={kind} className="flex cursor-pointer gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name="kind" value={kind} defaultChecked={(reply?.values?.kind ?? defaults.kind) === kind} className="mt-1" />
                <span>
                  <span className="block font-semibold">{t(`organizationKinds.${kind}`)}</span>
                  <span className="text-xs text-slate-600">{t(`organizations.kindHelp.${kind}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {kindError ? (
            <p id="kind-error" className="mt-1 text-sm text-red-700">
              {kindError}
            </p>
          ) : null}
        </fieldset>
        <CompanyProfileFields countries={countries} reply={reply} defaultCountry={defaults.countryCode} />
        <SubmitButton pendingLabel={t("common.creating")}>{t("organizations.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
