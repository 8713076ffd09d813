import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CompletenessChips, ProductStatusBadge } from "~/components/console/badges";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { imageUrl } from "~/modules/catalog/images.server";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { countProductsByStatus, duplicateProduct, listOrganizationProducts, setProductStatus } from "~/modules/catalog/products.server";
import { publishReply } from "~/modules/catalog/publish-reply.server";
import { PublishConfirm, PublishProblems } from "~/components/trust/publish-notices";
import { parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { LANG_NAMES, requireLang } from "~/modules/i18n/config";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";

export const meta: MetaFunction = (args) => pageTitle(args, "console.list.title");

const STATUSES = ["DRAFT", "PUBLISHED", "UNPUBLISHED"] as const;
const PAGE_SIZE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = STATUSES.find((s) => s === statusParam) ?? null;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const [list, counts] = await Promise.all([listOrganizationProducts(context.scoped, { lang, status, q, page, pageSize: PAGE_SIZE }), countProductsByStatus(context.scoped)]);
  return {
    lang,
    organizationId: context.organization.id,
    filters: { status, q },
    counts,
    totalAll: counts.DRAFT + counts.PUBLISHED + counts.UNPUBLISHED,
    total: list.total,
    totalLabel: formatNumber(list.total, lang),
    page: list.page,
    pageCount: list.pageCount,
    items: list.items.map((item) => {
      const currency = CURRENCIES.find((c) => c.code === item.currencyCode);
      return {
        id: item.id,
        slug: item.slug,
        status: item.status,
        name: item.name,
        nameLang: item.nameLang,
        nameInOtherLanguage: item.nameLang !== lang,
        skus: item.skus,
        moreSkus: Math.max(0, item.variantCount - item.skus.length),
        thumbnail: item.imageKey ? imageUrl(item.imageKey, 160) : null,
        price: item.minUnitPriceMinor !== null && currency ? formatMoney({ amountMinor: item.minUnitPriceMinor, currency }, lang) : null,
        updated: formatDateTime(item.updatedAt, lang),
        completeness: item.completeness,
      };
    }),
  };
}

const ActionSchema = z.object({ intent: z.enum(["publish", "unpublish", "duplicate"]), productId: z.uuid(), confirm: z.literal("incomplete").optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const form = await parseForm(request, ActionSchema, lang);
  if (!form.ok) return form.reply;
  const { intent, productId } = form.data;
  if (intent === "duplicate") {
    const copy = await duplicateProduct(context.scoped, productId, { userId: context.user.id });
    if (!copy) notFound();
    return redirect(`/${lang}/orgs/${context.organization.id}/products/${copy.id}?copied=1`);
  }
  const confirmed = intent === "publish" && form.data.confirm === "incomplete";
  const result = await setProductStatus(context.scoped, productId, intent === "publish" ? "PUBLISHED" : "UNPUBLISHED", { confirmed });
  if (!result) notFound();
  if (!result.ok) return publishReply(lang, context.organization.id, result, { productId });
  return { ok: true as const, intent, productId };
}

export default function ProductList() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { ok?: boolean; intent?: string; productId?: string; problems?: string[]; confirm?: string[]; verificationHref?: string | null; formError?: string } | undefined;
  const navigation = useNavigation();
  const { lang, organizationId, filters, counts } = loaded;
  const base = `/${lang}/orgs/${organizationId}/products`;
  const searching = navigation.state === "loading" && navigation.location?.pathname === base;
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (filters.status) params.set("status", filters.status);
    if (filters.q) params.set("q", filters.q);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `${base}?${query}` : base;
  };
  const failed = reply && (reply.problems || reply.confirm) ? loaded.items.find((i) => i.id === reply.productId) : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-2xl font-bold">{t("console.list.title")}</h2>
          <p className="text-sm text-slate-600">{t("console.list.summary", { published: counts.PUBLISHED, drafts: counts.DRAFT, unpublished: counts.UNPUBLISHED })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`${base}/import`} className="btn-secondary">
            {t("console.list.import")}
          </Link>
          <Link to={`${base}/new`} className="btn-primary">
            {t("console.list.create")}
          </Link>
        </div>
      </header>

      {reply?.formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {reply.formError}
        </p>
      ) : null}
      {reply?.problems ? <PublishProblems reply={reply} title={failed ? t("console.publish.cannotNamed", { name: failed.name }) : t("console.publish.cannot")} /> : null}
      {reply?.confirm ? (
        <>
          {failed ? <p className="text-sm font-semibold">{failed.name}</p> : null}
          <PublishConfirm reply={reply} />
        </>
      ) : null}

      {loaded.totalAll === 0 ? (
        <section className="card border-dashed text-center" data-testid="products-empty">
          <h3 className="text-lg font-semibold">{t("console.list.emptyTitle")}</h3>
          <p className="mx-auto mt-2 max-w-xl text-sm text-slate-700">{t("console.list.emptyBody")}</p>
          <div className="mt-4 flex flex-wrap justify-center gap-2">
            <Link to={`${base}/new`} className="btn-primary">
              {t("console.list.createFirst")}
            </Link>
            <Link to={`${base}/import`} className="btn-secondary">
              {t("console.list.import")}
            </Link>
          </div>
        </section>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label={t("console.list.title")}>
            <div className="min-w-[12rem] flex-1">
              <label htmlFor="product-search" className="label">
                {t("console.list.search")}
              </label>
              <input id="product-search" name="q" type="search" defaultValue={filters.q} className="input" placeholder={t("console.list.searchPlaceholder")} />
            </div>
            <div>
              <label htmlFor="product-status" className="label">
                {t("console.list.status")}
              </label>
              <select id="product-status" name="status" defaultValue={filters.status ?? ""} className="input">
                <option value="">{t("console.list.allStatuses", { count: loaded.totalAll })}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`catalog.status.${s}`)} ({counts[s]})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary" aria-busy={searching}>
              {searching ? t("console.list.searching") : t("console.list.filter")}
            </button>
          </Form>

          {loaded.items.length === 0 ? (
            <p className="card text-center text-sm text-slate-700" data-testid="products-none-found">
              {t("console.list.noneFound")}{" "}
              <Link to={base} className="link">
                {t("console.list.clearFilters")}
              </Link>
            </p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full text-sm" data-testid="product-list">
                <caption className="sr-only">{t("console.list.caption", { count: loaded.total })}</caption>
                <thead className="bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.list.product")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.list.status")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.list.languages")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.list.priceFrom")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.list.updated")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("console.form.actions")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {loaded.items.map((item) => (
                    <tr key={item.id} data-testid="product-row" className="align-top">
                      <td className="px-3 py-3">
                        <div className="flex items-start gap-3">
                          {item.thumbnail ? (
                            <img src={item.thumbnail} alt="" width={48} height={48} className="h-12 w-12 shrink-0 rounded border border-slate-200 object-contain" loading="lazy" />
                          ) : (
                            <div className="h-12 w-12 shrink-0 rounded border border-dashed border-slate-300 bg-slate-50" aria-hidden="true" />
                          )}
                          <div className="min-w-0">
                            <Link to={`${base}/${item.id}`} className="link break-words" lang={item.nameLang === "zh" ? "zh-CN" : item.nameLang}>
                              {item.name || t("console.list.untitled")}
                            </Link>
                            {item.nameInOtherLanguage ? <span className="ml-1 text-xs text-slate-500">({LANG_NAMES[item.nameLang]})</span> : null}
                            <p className="font-mono text-xs text-slate-600">
                              {item.skus.join(", ")}
                              {item.moreSkus > 0 ? ` ${t("console.list.moreSkus", { count: item.moreSkus })}` : ""}
                            </p>
                          </div>
                        </div>
                      </td>
                      <td className="px-3 py-3">
                        <ProductStatusBadge status={item.status} />
                      </td>
                      <td className="px-3 py-3">
                        <CompletenessChips items={item.completeness} />
                      </td>
                      <td className="whitespace-nowrap px-3 py-3">{item.price ?? "—"}</td>
                      <td className="whitespace-nowrap px-3 py-3 text-slate-600">{item.updated}</td>
                      <td className="px-3 py-3">
                        <div className="flex flex-wrap gap-1">
                          <Link to={`${base}/${item.id}`} className="btn-secondary px-2 py-1 text-xs" aria-label={t("console.actions.editNamed", { name: item.name })}>
                            {t("console.actions.edit")}
                          </Link>
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="productId" value={item.id} />
                            {item.status === "PUBLISHED" ? (
                              <IntentButton intent="unpublish" match={{ productId: item.id }} pendingLabel={t("console.actions.unpublishing")} className="btn-secondary px-2 py-1 text-xs" label={t("console.actions.unpublishNamed", { name: item.name })}>
                                {t("console.actions.unpublish")}
                              </IntentButton>
                            ) : (
                              <IntentButton intent="publish" match={{ productId: item.id }} pendingLabel={t("console.actions.publishing")} className="btn-secondary px-2 py-1 text-xs" label={t("console.actions.publishNamed", { name: item.name })}>
                                {t("console.actions.publish")}
                              </IntentButton>
                            )}
                          </Form>
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="productId" value={item.id} />
                            <IntentButton intent="duplicate" match={{ productId: item.id }} pendingLabel={t("console.actions.duplicating")} className="btn-secondary px-2 py-1 text-xs" label={t("console.actions.duplicateNamed", { name: item.name })}>
                              {t("console.actions.duplicate")}
                            </IntentButton>
                          </Form>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {loaded.pageCount > 1 ? (
            <nav className="flex items-center justify-between text-sm" aria-label={t("console.list.pagination")}>
              {loaded.page > 1 ? (
                <Link to={pageLink(loaded.page - 1)} className="btn-secondary" rel="prev">
                  {t("console.list.previous")}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-slate-600">{t("console.list.pageOf", { page: loaded.page, pages: loaded.pageCount, total: loaded.totalLabel })}</span>
              {loaded.page < loaded.pageCount ? (
                <Link to={pageLink(loaded.page + 1)} className="btn-secondary" rel="next">
                  {t("console.list.next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
