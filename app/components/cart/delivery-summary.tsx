import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import type { CartGroupView, CartView, DeliveryOptionView } from "~/modules/ordering/cart.server";

/** Products below their MOQ (counted across variants), one sentence each, above the cart's blocks. */
export function MoqNotices({ notices }: { notices: CartView["moqNotices"] }) {
  const { t } = useTranslation();
  if (!notices.length) return null;
  return (
    <section className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" aria-labelledby="moq-title" data-testid="moq-notices">
      <h2 id="moq-title" className="font-semibold">
        {t("cart.page.moqTitle")}
      </h2>
      <ul className="mt-1 space-y-1">
        {notices.map((n) => (
          <li key={n.productName} data-testid="moq-notice">
            <span className="font-medium">{n.productName}</span>: {n.text}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs">{t("cart.page.moqHelp")}</p>
    </section>
  );
}

function optionLabel(t: (key: string, values?: Record<string, unknown>) => string, group: Pick<CartGroupView, "source">, option: DeliveryOptionView): string {
  if (group.source === "warehouse") return t("cart.delivery.ddpWarehouse");
  return t(option.term === "FOB" ? "cart.delivery.fob" : option.term === "CIF" ? "cart.delivery.cif" : "cart.delivery.ddpZhuhai");
}

/**
 * What delivering each future order costs: warehouse stock DDP to the door; from Zhuhai the three terms (FOB free,
 * CIF and DDP priced), with the chosen one marked when `chosen` says which (the checkout's selects).
 */
export function DeliverySummary({ groups, chosen }: { groups: CartGroupView[]; chosen?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!groups.length) return null;
  const anyZhuhaiDdp = groups.some((g) => g.source === "origin");
  return (
    <section className="card mt-6 p-4" aria-labelledby="delivery-title" data-testid="delivery-summary">
      <h2 id="delivery-title" className="text-lg font-semibold">
        {t("cart.delivery.title")}
      </h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {groups.map((group) => {
          const selected = group.source === "warehouse" ? "DDP" : (chosen?.[group.manufacturerId] ?? null);
          return (
            <li key={group.key} className="py-2" data-testid="delivery-group" data-source={group.source}>
              <p className="font-medium">
                {group.manufacturerName} · {group.sourceText} <span className="font-normal text-slate-600">({group.delivery.weight})</span>
              </p>
              <ul className="mt-1 space-y-0.5">
                {group.delivery.options.map((option) => {
                  const active = selected === option.term;
                  return (
                    <li key={option.term} className={`flex flex-wrap justify-between gap-x-3 ${selected && !active ? "text-slate-500" : ""}`} data-testid="delivery-option" data-term={option.term} data-status={option.status}>
                      <span className={active && group.source === "origin" ? "font-semibold" : undefined}>
                        {optionLabel(t, group, option)}
                        {active && group.source === "origin" ? <span className="sr-only"> ✓</span> : null}
                      </span>
                      {option.status === "priced" ? (
                        <span className="font-semibold" data-testid="delivery-fee">
                          {option.fee}
                          {option.feeBuyer ? <span className="font-normal text-slate-600"> ({t("cart.page.approx", { amount: option.feeBuyer })})</span> : null}
                        </span>
                      ) : option.status === "missing" ? (
                        <span className="text-red-700">{t("cart.delivery.noRate")}</span>
                      ) : null}
                      {option.missingText && (group.source === "warehouse" || active) ? (
                        <span className="basis-full text-red-700" role="status" data-testid="delivery-missing">
                          {option.missingText}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-slate-600">{t("cart.delivery.basis")}</p>
      {anyZhuhaiDdp ? (
        <p className="mt-1 text-xs text-slate-700" data-testid="duties-note">
          {t("cart.delivery.dutiesNote")}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The checkout's total for the terms chosen so far, summed in the browser from each order's goods + delivery in the
 * viewer's currency (computed on the server, exactly as placing the orders will); null while a chosen term has no rate.
 */
export function checkoutTotal(groups: CartGroupView[], chosen: Record<string, string>, currency: CurrencyInfo, lang: Lang): string | null {
  let total = 0n;
  for (const group of groups) {
    const term = group.source === "warehouse" ? "DDP" : (chosen[group.manufacturerId] ?? "FOB");
    const option = group.delivery.options.find((o) => o.term === term);
    if (!option?.orderTotalBuyerMinor) return null;
    total += BigInt(option.orderTotalBuyerMinor);
  }
  return formatMoney({ amountMinor: total, currency }, lang);
}

export function useLang(): Lang {
  const root = useRouteLoaderData<{ lang: Lang }>("root");
  return root?.lang ?? "en";
}
