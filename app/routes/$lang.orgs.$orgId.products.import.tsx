import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { io } from "socket.io-client";
import { CsrfInput, FormError, SubmitButton, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { describeColumn, describeRowError, getCatalogImport, listCatalogImports, startCatalogImport, type ImportView } from "~/modules/catalog/import.server";
import { XLSX_LIMITS } from "~/modules/catalog/xlsx-guard.server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_CELLS, MAX_IMPORT_ROWS, MAX_STORED_ERRORS, PROGRESS_EVENT, type FailureCode, type ImportProgress } from "~/modules/catalog/spreadsheet-format";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { requireLang, type Lang } from "~/modules/i18n/config";
import { formatDateTime, formatNumber, viewerNumberFormat } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { CSRF_FIELD, isValidCsrf } from "~/modules/security/csrf.server";
import { requireOrganization } from "~/modules/tenancy/access.server";

export const meta: MetaFunction = (args) => pageTitle(args, "importer.page.title");

/** Rejected rows shown on the page; all of them are in the CSV download. */
const SHOWN_ERRORS = 200;

async function requireManufacturer(request: Request, lang: Lang, orgId: string | undefined) {
  const context = await requireOrganization(request, lang, orgId, "organization:read");
  if (context.organization.kind !== "MANUFACTURER") notFound();
  return context;
}

function sizeLabel(lang: Lang): string {
  return formatNumber(MAX_IMPORT_BYTES / (1024 * 1024), lang, { style: "unit", unit: "megabyte", unitDisplay: "short" });
}

function percentOf(view: Pick<ImportView, "status" | "processedRows" | "totalRows">): number {
  if (view.status === "SUCCEEDED" || view.status === "FAILED") return 100;
  return view.totalRows > 0 ? Math.min(100, Math.floor((view.processedRows / view.totalRows) * 100)) : 0;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  const rawId = new URL(request.url).searchParams.get("id");
  let current = null;
  if (rawId !== null) {
    const found = await getCatalogImport(context.scoped, requireUuid(rawId));
    if (!found) notFound();
    const failureParams = { max: found.failureCode === "tooLarge" ? sizeLabel(lang) : formatNumber(MAX_IMPORT_ROWS, lang), ...expansionParams(lang) };
    current = {
      id: found.id,
      fileName: found.fileName,
      status: found.status,
      percent: percentOf(found),
      phase: found.status === "QUEUED" ? ("queued" as const) : found.processedRows > 0 ? ("saving" as const) : ("checking" as const),
      processed: formatNumber(found.processedRows, lang),
      total: formatNumber(found.totalRows, lang),
      succeeded:
        found.status === "SUCCEEDED"
          ? t("importer.result.succeeded", { count: found.totalRows, total: formatNumber(found.totalRows, lang), created: formatNumber(found.createdCount, lang), updated: formatNumber(found.updatedCount, lang) })
          : null,
      failure: found.failureCode && found.failureCode !== "rows" ? t(`importer.failure.${found.failureCode}`, failureParams) : null,
      errorCount: found.errorCount,
      rejectedSummary: found.errorCount > 0 ? t("importer.result.rejected", { count: found.errorCount, total: formatNumber(found.errorCount, lang) }) : null,
      truncated: found.errorCount >= MAX_STORED_ERRORS,
      maxStored: formatNumber(MAX_STORED_ERRORS, lang),
      // Row numbers as the spreadsheet shows them (1001, not 1,001).
      rejected: found.rowErrors.slice(0, SHOWN_ERRORS).map((e) => ({ row: String(e.row), column: describeColumn(t, e), value: e.value ?? "", reason: describeRowError(t, e) })),
      more: Math.max(0, found.errorCount - SHOWN_ERRORS),
    };
  }
  const recent = (await listCatalogImports(context.scoped, 8)).map((r) => ({
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    date: formatDateTime(r.createdAt, lang),
    rows: formatNumber(r.totalRows, lang),
  }));
  return { lang, orgId: context.organization.id, size: sizeLabel(lang), maxRows: formatNumber(MAX_IMPORT_ROWS, lang), current, recent };
}

function reply(lang: Lang, message: string, status: number) {
  return data<FormReply>({ formError: message, fieldErrors: {}, values: {} }, { status });
}

const UPLOAD_MESSAGES: Partial<Record<FailureCode, string>> = {
  tooLarge: "importer.upload.tooLarge",
  unsupported: "importer.upload.unsupported",
  empty: "importer.upload.empty",
  busy: "importer.upload.busy",
  archive: "importer.upload.archive",
  expands: "importer.upload.expands",
};

/** 413 for what is too big (bytes or expansion), 409 while another import runs, 400 otherwise. */
const UPLOAD_STATUS: Partial<Record<FailureCode, number>> = { tooLarge: 413, expands: 413, busy: 409 };

/** The bounds an expanding workbook is told about. */
function expansionParams(lang: Lang) {
  return {
    size: formatNumber(XLSX_LIMITS.maxTotalBytes / (1024 * 1024), lang, { style: "unit", unit: "megabyte", unitDisplay: "short" }),
    cells: formatNumber(MAX_IMPORT_CELLS, lang),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  // One workbook and the token: a declared or streamed body past the file's cap is refused as it arrives.
  const upload = await readMultipart(request, { maxFiles: 1, maxFileBytes: MAX_IMPORT_BYTES, maxTotalBytes: MAX_IMPORT_BYTES + 64 * 1024 });
  if (!upload.ok) {
    return upload.status === 413
      ? reply(lang, t("importer.upload.tooLarge", { size: sizeLabel(lang) }), 413)
      : reply(lang, t("errors.badRequest.body"), upload.status);
  }
  const form = upload.form;
  if (!isValidCsrf(request, form.get(CSRF_FIELD))) return reply(lang, t("errors.csrf"), 403);
  const file = form.get("file");
  if (!(file instanceof File) || !file.name) return reply(lang, t("importer.upload.noFile"), 400);
  const started = await startCatalogImport(context.scoped, context.organization.id, context.user.id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  if (!started.ok) {
    const params = started.code === "expands" ? expansionParams(lang) : { size: sizeLabel(lang) };
    return reply(lang, t(UPLOAD_MESSAGES[started.code] ?? "importer.upload.unsupported", params), UPLOAD_STATUS[started.code] ?? 400);
  }
  return redirect(`/${lang}/orgs/${context.organization.id}/products/import?id=${started.importId}`);
}

type Current = NonNullable<Awaited<ReturnType<typeof loader>>["current"]>;

interface LiveProgress {
  status: ImportProgress["status"];
  phase: ImportProgress["phase"];
  percent: number;
  processed: string;
  total: string;
}

/**
 * Follows one import: progress events from the organization's socket.io room while it runs; the page's data is
 * reloaded when it ends, when the socket (re)joins (events may have been missed), and every few seconds while no
 * socket is connected.
 */
function useImportProgress(lang: Lang, orgId: string, current: Current | null): LiveProgress | null {
  const revalidator = useRevalidator();
  const [live, setLive] = useState<LiveProgress | null>(null);
  const importId = current?.id;
  const running = current ? current.status === "QUEUED" || current.status === "RUNNING" : false;
  useEffect(() => {
    setLive(null);
    if (!importId || !running) return;
    const numbers = viewerNumberFormat(lang);
    const socket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    let poll: ReturnType<typeof setInterval> | undefined;
    const startPolling = () => {
      poll ??= setInterval(() => revalidator.revalidate(), 5000);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = undefined;
    };
    socket.on("connect", () => {
      socket.emit("organization:join", orgId, (answer: { ok: boolean }) => {
        if (!answer?.ok) return startPolling();
        stopPolling();
        revalidator.revalidate();
      });
    });
    socket.on("disconnect", startPolling);
    socket.on("connect_error", startPolling);
    const onProgress = (p: ImportProgress) => {
      if (p.importId !== importId) return;
      const percent = p.status === "SUCCEEDED" || p.status === "FAILED" ? 100 : p.totalRows > 0 ? Math.min(100, Math.floor((p.processedRows / p.totalRows) * 100)) : 0;
      setLive({ status: p.status, phase: p.phase, percent, processed: numbers.format(p.processedRows), total: numbers.format(p.totalRows) });
      if (p.status === "SUCCEEDED" || p.status === "FAILED") revalidator.revalidate();
    };
    socket.on(PROGRESS_EVENT, onProgress);
    return () => {
      stopPolling();
      socket.off(PROGRESS_EVENT, onProgress);
      socket.disconnect();
    };
    // revalidator is a new object on each render; reconnecting each time would flood the server.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, orgId, importId, running]);
  return running ? live : null;
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === "SUCCEEDED" ? "bg-emerald-100 text-emerald-800" : status === "FAILED" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800";
  return <span className={`badge ${tone}`}>{t(`importer.status.${status}`)}</span>;
}

function ImportStatus({ current, live, lang, orgId }: { current: Current; live: LiveProgress | null; lang: Lang; orgId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const running = current.status === "QUEUED" || current.status === "RUNNING";
  const state = live ?? { status: current.status, phase: current.phase, percent: current.percent, processed: current.processed, total: current.total };
  const progressText =
    state.phase === "queued" ? t("importer.progress.queued") : state.phase === "saving" ? t("importer.progress.saving", { processed: state.processed, total: state.total }) : t("importer.progress.checking");
  return (
    <section className="card space-y-4" aria-labelledby={titleId} data-testid="import-status">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="text-lg font-semibold">
          {t("importer.progress.title", { file: current.fileName })}
        </h3>
        <StatusBadge status={running && live ? live.status : current.status} />
      </div>
      {running ? (
        <div>
          <div className="h-3 w-full overflow-hidden rounded-full bg-slate-200" data-testid="import-progress" role="progressbar" aria-label={t("importer.progress.label")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={state.percent} aria-valuetext={progressText}>
            <div className="h-3 rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${state.percent}%` }} />
          </div>
          <p className="mt-2 text-sm text-slate-700" aria-live="polite" data-testid="import-progress-text">
            {progressText}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("importer.progress.live")}</p>
        </div>
      ) : null}
      {current.succeeded ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="import-succeeded">
          {current.succeeded}{" "}
          <Link to={`/${lang}/orgs/${orgId}/products`} className="link">
            {t("importer.result.viewProducts")}
          </Link>
        </div>
      ) : null}
      {current.status === "FAILED" ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="import-failed">
          <p className="font-semibold">{t("importer.result.failedTitle")}</p>
          {current.failure ? <p className="mt-1">{current.failure}</p> : null}
          {current.rejectedSummary ? <p className="mt-1">{current.rejectedSummary}</p> : null}
          {current.truncated ? <p className="mt-1">{t("importer.result.truncated", { max: current.maxStored })}</p> : null}
        </div>
      ) : null}
      {current.rejected.length > 0 ? (
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h4 className="font-semibold">{t("importer.report.title")}</h4>
            <a href={`/${lang}/orgs/${orgId}/products/export?import=${current.id}`} className="btn-secondary" download>
              {t("importer.result.download")}
            </a>
          </div>
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="rejected-rows">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.report.row")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.report.column")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.report.value")}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    {t("importer.report.reason")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {current.rejected.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`}>
                    <td className="py-2 pr-4 tabular-nums">{e.row}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{e.column}</td>
                    <td className="max-w-[16rem] truncate py-2 pr-4" title={e.value}>
                      {e.value}
                    </td>
                    <td className="py-2">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {current.more > 0 ? <p className="mt-2 text-sm text-slate-600">{t("importer.report.more", { n: current.more })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

export default function ProductImport() {
  const { t } = useTranslation();
  const { lang, orgId, size, maxRows, current, recent } = useLoaderData<typeof loader>();
  const actionReply = useActionData<typeof action>();
  const live = useImportProgress(lang, orgId, current);
  const fileId = useId();
  const base = `/${lang}/orgs/${orgId}/products`;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-2xl font-semibold">{t("importer.page.title")}</h2>
        <Link to={base} className="link text-sm">
          {t("importer.page.backToProducts")}
        </Link>
      </div>
      <p className="text-slate-700">{t("importer.page.intro")}</p>
      <div className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="all-or-nothing">
        <p className="font-semibold">{t("importer.page.allOrNothingTitle")}</p>
        <p className="mt-1">{t("importer.page.allOrNothing")}</p>
      </div>

      {current ? <ImportStatus current={current} live={live} lang={lang} orgId={orgId} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-3" aria-labelledby="template-title">
          <h3 id="template-title" className="text-lg font-semibold">
            {t("importer.page.stepTemplate")}
          </h3>
          <p className="text-sm text-slate-700">{t("importer.page.templateHint")}</p>
          <div className="flex flex-wrap gap-2">
            <a href={`${base}/export?format=xlsx&template=1`} className="btn-secondary" download>
              {t("importer.page.templateXlsx")}
            </a>
            <a href={`${base}/export?format=csv&template=1`} className="btn-secondary" download>
              {t("importer.page.templateCsv")}
            </a>
          </div>
          <p className="pt-2 text-sm text-slate-700">{t("importer.page.exportHint")}</p>
          <div className="flex flex-wrap gap-2">
            <a href={`${base}/export?format=xlsx`} className="btn-secondary" download>
              {t("importer.page.exportXlsx")}
            </a>
            <a href={`${base}/export?format=csv`} className="btn-secondary" download>
              {t("importer.page.exportCsv")}
            </a>
          </div>
        </section>

        <section className="card" aria-labelledby="upload-title">
          <h3 id="upload-title" className="text-lg font-semibold">
            {t("importer.page.stepUpload")}
          </h3>
          <Form method="post" encType="multipart/form-data" className="mt-3 space-y-4">
            <CsrfInput />
            <FormError reply={actionReply} />
            <div>
              <label htmlFor={fileId} className="label">
                {t("importer.page.fileLabel")}
              </label>
              <input
                id={fileId}
                name="file"
                type="file"
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={`${fileId}-hint`}
                className="mt-1 block w-full text-sm file:mr-4 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
              />
              <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-600">
                {t("importer.page.fileHint", { size, rows: maxRows })}
              </p>
            </div>
            <SubmitButton pendingLabel={t("importer.page.submitting")}>{t("importer.page.submit")}</SubmitButton>
          </Form>
        </section>
      </div>

      <section aria-labelledby="recent-title">
        <h3 id="recent-title" className="text-lg font-semibold">
          {t("importer.page.recent")}
        </h3>
        {recent.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("importer.page.recentEmpty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.page.file")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.page.date")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.page.statusColumn")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("importer.page.rows")}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">{t("importer.page.open")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td className="max-w-[18rem] truncate py-2 pr-4">{r.fileName}</td>
                    <td className="py-2 pr-4">{r.date}</td>
                    <td className="py-2 pr-4">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="py-2 pr-4 tabular-nums">{r.rows}</td>
                    <td className="py-2">
                      <Link to={`?id=${r.id}`} className="link">
                        {t("importer.page.open")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
