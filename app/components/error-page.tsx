import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Translated 404, 403 and 500 pages; the details of an unexpected error stay in the server log. */
export function GeneralErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ lang: string }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 429 ? "tooMany" : status >= 400 && status < 500 ? "badRequest" : "server";
  if (!isRouteErrorResponse(error)) console.error(error);
  // A refused form body (415, 413) carries its own translated reason: more useful than the generic line.
  const detail = isRouteErrorResponse(error) && typeof (error.data as { formError?: unknown } | null)?.formError === "string" ? (error.data as { formError: string }).formError : null;
  return (
    <main className="mx-auto flex max-w-xl flex-col items-center px-6 py-24 text-center" data-testid={`error-${status}`}>
      <p className="text-6xl font-black text-brand-600">{status}</p>
      <h1 className="mt-4 text-2xl font-bold">{t(`errors.${kind}.title`)}</h1>
      <p className="mt-2 text-slate-700">{detail ?? t(`errors.${kind}.body`)}</p>
      <Link to={`/${root?.lang ?? "en"}`} className="btn-primary mt-8">
        {t("errors.backHome")}
      </Link>
    </main>
  );
}
