import { Form, useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SubmitButton } from "~/components/forms";
import type { Lang } from "~/modules/i18n/config";
import { Moment } from "./moment";

/**
 * The parties' control of the public tracking link: make one to share with their own customers, copy or open it,
 * revoke it (the address then answers "not found"). The panel says what the public page shows and what it never does.
 */
export function PublicLinkPanel({ href, createdAt, lang, timeZone }: { href: string | null; createdAt: string | null; lang: Lang; timeZone: string }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ appUrl: string }>("root");
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = href ? `${root?.appUrl ?? ""}${href}` : null;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section aria-labelledby="public-link" className="card space-y-3 p-4 sm:p-6">
      <h2 id="public-link" className="text-lg font-semibold">
        {t("logistics.shipmentPage.publicLink.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("logistics.shipmentPage.publicLink.explain")}</p>
      {url ? (
        <>
          <div>
            <label htmlFor="public-link-url" className="label">
              {t("logistics.shipmentPage.publicLink.address")}
            </label>
            <input id="public-link-url" readOnly value={url} className="input font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            {createdAt ? (
              <p className="mt-1 text-xs text-slate-600">
                {t("logistics.shipmentPage.publicLink.createdAt")} <Moment value={createdAt} lang={lang} timeZone={timeZone} />
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className="btn-secondary" onClick={copy}>
              {t("logistics.shipmentPage.publicLink.copy")}
            </button>
            <a href={href!} className="btn-secondary" target="_blank" rel="noreferrer">
              {t("logistics.shipmentPage.publicLink.open")}
            </a>
            <Form method="post">
              <CsrfInput />
              <SubmitButton name="intent" value="revoke_link" className="btn-danger" pendingLabel={t("logistics.shipmentPage.publicLink.revoking")}>
                {t("logistics.shipmentPage.publicLink.revoke")}
              </SubmitButton>
            </Form>
          </div>
          <p aria-live="polite" className="min-h-5 text-sm text-slate-700">
            {copied === "yes" ? t("logistics.shipmentPage.publicLink.copied") : copied === "no" ? t("logistics.shipmentPage.publicLink.copyFailed") : ""}
          </p>
        </>
      ) : (
        <Form method="post">
          <CsrfInput />
          <SubmitButton name="intent" value="create_link" pendingLabel={t("logistics.shipmentPage.publicLink.creating")}>
            {t("logistics.shipmentPage.publicLink.create")}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
