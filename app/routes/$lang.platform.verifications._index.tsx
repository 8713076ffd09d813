import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { requireLang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { countryOptions } from "~/modules/tenancy/countries";
import { requireVerificationDesk, verificationQueue } from "~/modules/tenancy/verification.server";

export const meta: MetaFunction = (args) => pageTitle(args, "trust.desk.title");

/** The platform's verification desk: companies waiting for a decision, the longest-waiting first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireVerificationDesk(request, lang);
  const countries = new Map<string, string>(countryOptions(lang).map((c) => [c.value, c.label]));
  const queue = await verificationQueue();
  return {
    lang,
    rows: queue.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      country: countries.get(o.countryCode.trim()) ?? o.countryCode,
      city: o.city,
      submitted: o.verificationSubmittedAt ? formatDateTime(o.verificationSubmittedAt, lang) : null,
      documents: o._count.verificationDocuments,
    })),
  };
}

export default function VerificationQueue() {
  const { t } = useTranslation();
  const { lang, rows } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("trust.desk.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("trust.desk.intro")}</p>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-700" data-testid="verification-queue-empty">
          {t("trust.desk.empty")}
        </p>
      ) : (
        <ol className="mt-6 space-y-3" data-testid="verification-queue">
          {rows.map((row) => (
            <li key={row.id} className="card flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="min-w-0">
                <p className="break-words font-semibold">{row.name}</p>
                <p className="text-sm text-slate-600">
                  {t(`organizationKinds.${row.kind}`)} · {row.city ? `${row.city}, ` : ""}
                  {row.country}
                </p>
                <p className="text-xs text-slate-600">
                  {row.submitted ? t("trust.desk.submitted", { date: row.submitted }) : t("trust.desk.neverSubmitted")} · {t("trust.desk.documentCount", { count: row.documents })}
                </p>
              </div>
              <Link to={`/${lang}/platform/verifications/${row.id}`} className="btn-primary" aria-label={t("trust.desk.openNamed", { name: row.name })}>
                {t("trust.desk.open")}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
