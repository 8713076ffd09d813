import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../forms";

export interface AddToCartProps {
  lang: string;
  /** null: this visitor may order; else why not. */
  blocked: "signedOut" | "noOrganization" | "notBuyer" | null;
  variants: { id: string; label: string }[];
  moq: number;
  pack: number;
  quantity: number;
  redirectTo: string;
}

/** "Add to cart" on a product page: SKU and quantity, posted to the cart (which checks MOQ and packs again). */
export function AddToCart({ lang, blocked, variants, moq, pack, quantity, redirectTo }: AddToCartProps) {
  const { t } = useTranslation();
  const id = useId();
  const step = Math.max(1, pack);
  if (variants.length === 0) return null;
  if (blocked) {
    return (
      <div className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700" data-testid="add-to-cart-blocked">
        <p>{t(`cart.gate.${blocked}`)}</p>
        {blocked === "signedOut" ? (
          <Link to={`/${lang}/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="link mt-1 inline-block">
            {t("cart.gate.signIn")}
          </Link>
        ) : null}
      </div>
    );
  }
  return (
    <Form method="post" action={`/${lang}/cart`} className="mt-4 space-y-3 border-t border-slate-200 pt-4" data-testid="add-to-cart">
      <CsrfInput />
      <input type="hidden" name="intent" value="add" />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-variant`} className="label">
            {t("cart.add.variant")}
          </label>
          <select id={`${id}-variant`} name="variantId" className="input">
            {variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-quantity`} className="label">
            {t("cart.add.quantity")}
          </label>
          {/* The step counts from min: min 1 with step 300 would refuse 600 in the browser; whole packs only. */}
          <input id={`${id}-quantity`} name="quantity" type="number" inputMode="numeric" min={step} step={step} defaultValue={Math.ceil(quantity / step) * step} className="input" aria-describedby={`${id}-rules`} />
        </div>
      </div>
      <p id={`${id}-rules`} className="text-xs text-slate-600">
        {t("cart.add.rules", { moq, pack: step })}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary">
          {t("cart.add.submit")}
        </button>
        <Link to={`/${lang}/cart`} className="link text-sm">
          {t("cart.add.viewCart")}
        </Link>
      </div>
    </Form>
  );
}
