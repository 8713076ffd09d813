import { useTranslation } from "react-i18next";

interface Presented {
  documents: { id: string; kind: string; fileName: string; size: string; uploaded: string; href: string }[];
  events: { id: string; kind: string; by: string; reason: string | null; at: string }[];
}

/** The documents a company sent (private downloads) and the verification's trail: who, when, why. */
export function VerificationTrail({ verification, headingLevel = 3 }: { verification: Presented; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-5">
      <section aria-labelledby="verification-documents">
        <Heading id="verification-documents" className="text-base font-semibold">
          {t("trust.documents.title")}
        </Heading>
        {verification.documents.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("trust.documents.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 text-sm" data-testid="verification-documents">
            {verification.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
                <span className="min-w-0">
                  <span className="block font-medium">{t(`trust.documentKinds.${d.kind}`)}</span>
                  <a href={d.href} className="link break-all" download>
                    {d.fileName}
                  </a>
                </span>
                <span className="text-xs text-slate-600">
                  {d.size} · {d.uploaded}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="verification-history">
        <Heading id="verification-history" className="text-base font-semibold">
          {t("trust.history.title")}
        </Heading>
        {verification.events.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("trust.history.none")}</p>
        ) : (
          <ol className="mt-2 space-y-2 text-sm" data-testid="verification-history">
            {verification.events.map((e) => (
              <li key={e.id} className="rounded-md border border-slate-200 px-3 py-2">
                <p className="font-medium">{t(`trust.events.${e.kind}`)}</p>
                <p className="text-xs text-slate-600">{t("trust.history.byAt", { name: e.by, date: e.at })}</p>
                {e.reason ? <p className="mt-1 whitespace-pre-line break-words">{e.reason}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
