import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CartGroups, CartGate } from "~/components/cart/cart-view";
import { DeliverySummary, MoqNotices } from "~/components/cart/delivery-summary";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { readShowroomSource } from "~/modules/showrooms/source.server";
import { addToCart, CartError, cartPageAccess, presentCart, removeLine, updateLine } from "~/modules/ordering/cart.server";
import { quickOrder, reorder } from "~/modules/ordering/quick-order.server";

export const meta: MetaFunction = (args) => pageTitle(args, "cart.page.title");

const DONE = ["added", "updated", "removed"] as const;

const quantity = z.coerce.number();
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().trim().max(64).optional(), sku: z.string().trim().max(100).optional(), quantity }),
  z.object({ intent: z.literal("update"), lineId: z.string().trim().max(64), quantity }),
  z.object({ intent: z.literal("remove"), lineId: z.string().trim().max(64) }),
  z.object({ intent: z.literal("quick"), text: z.string().max(20_000) }),
  z.object({ intent: z.literal("reorder"), orderNumber: z.string().trim().min(1, "validation.required").max(40) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const access = await cartPageAccess(request, lang);
  if (!access.ok) return data({ gate: access.reason, cart: null, company: null, done: null }, { status: 403 });
  const done = new URL(request.url).searchParams.get("done");
  return {
    gate: null,
    cart: await presentCart(access.buyer, lang, access.currencyCode, access.rates),
    company: access.buyer.organization.name,
    done: DONE.find((d) => d === done) ?? null,
  };
}

type Reply = { formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string>; intent?: string; lineId?: string; quick?: Awaited<ReturnType<typeof quickOrder>>; reorder?: Awaited<ReturnType<typeof reorder>> };

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = serverT(lang);
  const access = await cartPageAccess(request, lang);
  if (!access.ok) return data<Reply>({ formError: t(`cart.gate.${access.reason}`) }, { status: 403 });
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const input = form.data;
  try {
    switch (input.intent) {
      case "add":
        await addToCart(access.buyer, { variantId: input.variantId || undefined, sku: input.sku || undefined, quantity: input.quantity, source: await readShowroomSource(request) });
        return redirect(`/${lang}/cart?done=added`);
      case "update":
        await updateLine(access.buyer, input.lineId, input.quantity);
        return redirect(`/${lang}/cart?done=updated`);
      case "remove":
        await removeLine(access.buyer, input.lineId);
        return redirect(`/${lang}/cart?done=removed`);
      case "quick":
        return data<Reply>({ intent: "quick", quick: await quickOrder(access.buyer, input.text, lang), values: { text: input.text } });
      case "reorder":
        return data<Reply>({ intent: "reorder", reorder: await reorder(access.buyer, input.orderNumber, lang) });
    }
  } catch (error) {
    if (!(error instanceof CartError)) throw error;
    const lineId = "lineId" in input ? input.lineId : undefined;
    return data<Reply>({ formError: error.message_(lang), intent: input.intent, lineId, values: "text" in input ? { text: input.text } : {} }, { status: error.status });
  }
}

export default function CartPage() {
  const { t } = useTranslation();
  // The URL's language, not i18next's: that one is "pt-PT" for European Portuguese readers.
  const lang = useParams().lang as "pt" | "es" | "zh" | "en";
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  if (loaded.gate || !loaded.cart) return <CartGate reason={loaded.gate ?? "noOrganization"} />;
  const { cart } = loaded;
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("cart.page.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("cart.page.shared", { company: loaded.company })}</p>
      <div className="mt-4" aria-live="polite">
        {loaded.done && !reply ? <FormSuccess>{t(`cart.page.${loaded.done}`)}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      {cart.groups.length === 0 ? (
        <div className="card mt-6 p-6 text-center" data-testid="cart-empty">
          <p className="text-slate-700">{t("cart.page.empty")}</p>
          <Link to={`/${lang}/products`} className="btn-primary mt-4 inline-block">
            {t("cart.page.browse")}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-600">{t("cart.page.orderNote")}</p>
          <MoqNotices notices={cart.moqNotices} />
          <CartGroups groups={cart.groups} editable />
          <DeliverySummary groups={cart.groups} />
          <div className="card mt-6 flex flex-wrap items-center justify-between gap-4 p-4">
            <div>
              {cart.goodsTotal ? (
                <p className="text-sm" data-testid="cart-goods-total">
                  {t("cart.page.goods")}: {cart.goodsTotal}
                </p>
              ) : null}
              {cart.deliveryTotal ? (
                <p className="text-sm" data-testid="cart-delivery-total">
                  {t("cart.page.delivery")}: {cart.deliveryTotal}
                </p>
              ) : null}
              {cart.total ? (
                <p className="text-lg font-semibold" data-testid="cart-total">
                  {t("cart.page.total")}: {cart.total}
                </p>
              ) : null}
              {cart.groups.some((g) => g.source === "origin") ? <p className="text-xs text-slate-600">{t("cart.page.zhuhaiLater")}</p> : null}
              {cart.rateDate ? <p className="text-xs text-slate-600">{t("cart.page.rateNote", { date: cart.rateDate })}</p> : null}
            </div>
            {cart.blocked ? (
              <p className="text-sm font-medium text-red-700" role="status">
                {t("cart.page.blocked")}
              </p>
            ) : (
              <Link to={`/${lang}/checkout`} className="btn-primary" data-testid="go-checkout">
                {t("cart.page.checkout")}
              </Link>
            )}
          </div>
        </>
      )}

      <div className="mt-10 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="quick-title" className="card p-4">
          <h2 id="quick-title" className="text-lg font-semibold">
            {t("cart.quickOrder.title")}
          </h2>
          <Form method="post" className="mt-3 space-y-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="quick" />
            <label htmlFor="quick-text" className="label">
              {t("cart.quickOrder.label")}
            </label>
            <textarea id="quick-text" name="text" rows={6} className="input font-mono" aria-describedby="quick-help" defaultValue={reply?.intent === "quick" ? reply.values?.text : ""} />
            <p id="quick-help" className="text-xs text-slate-600">
              {t("cart.quickOrder.help")}
            </p>
            <SubmitButton pendingLabel="…">
              {t("cart.quickOrder.submit")}
            </SubmitButton>
          </Form>
          {reply?.quick ? (
            <div className="mt-3 text-sm" role="status" data-testid="quick-result">
              {reply.quick.added > 0 ? <p className="text-emerald-800">{t("cart.quickOrder.added", { count: reply.quick.added, n: formatNumber(reply.quick.added, lang) })}</p> : null}
              {reply.quick.tooMany ? <p className="text-amber-800">{t("cart.quickOrder.tooMany", { max: 100 })}</p> : null}
              <ul className="mt-1 space-y-1 text-red-800">
                {reply.quick.errors.map((e) => (
                  <li key={e.line}>{t("cart.quickOrder.lineError", { line: e.line, text: e.text, message: e.message })}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section aria-labelledby="reorder-title" className="card p-4">
          <h2 id="reorder-title" className="text-lg font-semibold">
            {t("cart.reorder.title")}
          </h2>
          <Form method="post" className="mt-3 space-y-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="reorder" />
            <label htmlFor="reorder-number" className="label">
              {t("cart.reorder.label")}
            </label>
            <input id="reorder-number" name="orderNumber" className="input" placeholder={t("cart.reorder.placeholder")} required />
            <SubmitButton pendingLabel="…">
              {t("cart.reorder.submit")}
            </SubmitButton>
          </Form>
          {reply?.reorder ? (
            <div className="mt-3 text-sm" role="status" data-testid="reorder-result">
              {reply.reorder.added > 0 ? <p className="text-emerald-800">{t("cart.reorder.added", { count: reply.reorder.added })}</p> : null}
              {reply.reorder.unavailable.length ? (
                <>
                  <p className="mt-1 font-medium">{t("cart.reorder.unavailable")}</p>
                  <ul className="list-disc pl-5 text-red-800">
                    {reply.reorder.unavailable.map((u) => (
                      <li key={u.sku}>
                        {u.sku} — {u.name}: {u.message}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}
