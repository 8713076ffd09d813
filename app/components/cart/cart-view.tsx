import { Form, Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CartGroupView } from "~/modules/ordering/cart.server";
import { CsrfInput } from "../forms";

/** Why this visitor cannot order: signed in, but not acting for a buyer company. */
export function CartGate({ reason }: { reason: "noOrganization" | "notBuyer" }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ lang: string }>("root");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center" data-testid="cart-gate">
      <h1 className="text-2xl font-bold">{t("cart.page.title")}</h1>
      <p className="mt-3 text-slate-700">{t(`cart.gate.${reason}`)}</p>
      <Link to={`/${root?.lang ?? "en"}/dashboard`} className="btn-secondary mt-6 inline-block">
        {t("nav.dashboard")}
      </Link>
    </div>
  );
}

/** The cart's blocks, one per future order (manufacturer × source); with `editable`, a quantity form per line. */
export function CartGroups({ groups, editable = false }: { groups: CartGroupView[]; editable?: boolean }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ lang: string }>("root");
  const lang = root?.lang ?? "en";
  return (
    <div className="mt-4 space-y-6">
      {groups.map((group) => (
        <section key={group.key} aria-label={`${group.manufacturerName} — ${group.sourceText}`} className="card overflow-hidden" data-testid="cart-group" data-source={group.source}>
          <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-3">
            <h2 className="font-semibold">{group.manufacturerName}</h2>
            <p className={`text-sm ${group.source === "warehouse" ? "text-emerald-800" : "text-slate-700"}`}>
              {group.sourceText} · {group.leadTimeText}
            </p>
          </header>
          <ul className="divide-y divide-slate-100">
            {group.rows.map((row) => (
              <li key={`${row.lineId}-${group.key}`} className="grid gap-3 px-4 py-3 sm:grid-cols-[1fr_auto]" data-testid="cart-row" data-sku={row.sku}>
                <div className="min-w-0">
                  <Link to={`/${lang}/products/${row.productSlug}`} className="link font-medium">
                    {row.productName}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {row.sku}
                    {row.variantLabel ? ` · ${row.variantLabel}` : ""}
                  </p>
                  <p className="mt-1 text-sm">
                    {row.unit}
                    {row.unitPrice ? ` × ${row.unitPrice}` : ""}
                    {row.unitPriceBuyer ? <span className="text-slate-600"> ({t("cart.page.approx", { amount: row.unitPriceBuyer })})</span> : null}
                    {row.lineTotal ? <span className="font-semibold"> = {row.lineTotal}</span> : null}
                  </p>
                  {row.split ? <p className="text-xs text-slate-600">{t("cart.page.partOf", { count: row.quantity, part: row.partQuantity, total: row.quantity })}</p> : null}
                  {row.tierHint ? (
                    <p className="mt-1 text-xs font-medium text-brand-700" data-testid="tier-hint">
                      {row.tierHint}
                    </p>
                  ) : null}
                  {row.problems.map((p) => (
                    <p key={p} className="mt-1 text-sm text-red-700" data-testid="line-problem">
                      {p}
                    </p>
                  ))}
                </div>
                {editable ? (
                  <div className="flex flex-wrap items-end gap-2">
                    <Form method="post" className="flex items-end gap-2">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="lineId" value={row.lineId} />
                      <div>
                        <label htmlFor={`q-${row.lineId}-${group.key}`} className="label text-xs">
                          {t("cart.page.quantity")}
                        </label>
                        <input id={`q-${row.lineId}-${group.key}`} name="quantity" type="number" inputMode="numeric" min={1} step={1} defaultValue={row.quantity} className="input w-28" />
                      </div>
                      <button type="submit" className="btn-secondary px-3 py-2">
                        {t("cart.page.update")}
                      </button>
                    </Form>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="lineId" value={row.lineId} />
                      <button type="submit" className="btn-secondary px-3 py-2" aria-label={`${t("cart.page.remove")}: ${row.sku}`}>
                        {t("cart.page.remove")}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <footer className="flex justify-end gap-2 border-t border-slate-200 px-4 py-2 text-sm">
            <span>{t("cart.page.subtotal")}:</span>
            <span className="font-semibold">{group.subtotal}</span>
            {group.subtotalBuyer ? <span className="text-slate-600">({t("cart.page.approx", { amount: group.subtotalBuyer })})</span> : null}
          </footer>
        </section>
      ))}
    </div>
  );
}
