import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { useTranslation } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "~/components/i18n-provider";
import type { ProductCard } from "~/modules/catalog/product-card.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { messageBundle } from "~/modules/i18n/message-bundles.server";
import { ProductCardView } from "./product-card";

// Link needs a router; a plain anchor renders the same attributes that matter here.
vi.mock("@remix-run/react", () => ({
  Link: ({ to, discover: _discover, ...props }: { to: string; discover?: string } & Record<string, unknown>) => <a href={to} {...props} />,
}));

const card = (over: Partial<ProductCard> = {}): ProductCard => ({
  slug: "led-panel-60",
  name: "Painel LED 60 x 60",
  nameLang: "pt",
  image: { src: "/media/products/a/b/c/w480.webp" },
  maker: { name: "Lumenhai LED Lighting", verified: true },
  priceFrom: "R$ 61,00",
  priceOriginal: "US$ 14,00",
  incoterm: "FOB",
  moq: 1000,
  moqFormatted: "1.000",
  unit: "PIECE",
  leadTimeDays: 1,
  leadTimeFormatted: "1",
  ...over,
});

function render(node: JSX.Element, lang: Lang | "pt-PT" = "pt") {
  return renderToStaticMarkup(
    <I18nProvider lang={lang} messages={messageBundle(lang, "public").messages}>
      {node}
    </I18nProvider>,
  );
}

/** The same strings straight from i18next, without the provider's memory. */
function plainT(lang: Lang) {
  const instance = createInstance();
  void instance.init({ lng: lang, fallbackLng: false, ns: ["common"], defaultNS: "common", resources: { [lang]: { common: messageBundle(lang, "public").messages } }, initImmediate: false, interpolation: { escapeValue: false } });
  return instance.t.bind(instance);
}

describe("ProductCardView", () => {
  it("shows what the card carries: name, maker, verified, prices, MOQ, production time; the picture in two sizes", () => {
    const html = render(<ProductCardView lang="pt" card={card()} />);
    // One link, the name's, to the product's page in the page's language (its ::after covers the card).
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('<a href="/pt/products/led-panel-60">Painel LED 60 x 60</a>');
    expect(html).toContain("Lumenhai LED Lighting");
    expect(html).toContain('class="verified-mark"');
    // Cards leave the hover explanation to the product page.
    expect(html).not.toContain("title=");
    expect(html).toContain(">R$ 61,00<");
    expect(html).toContain("US$ 14,00 FOB");
    expect(html).toContain("1.000 peças");
    expect(html).toContain('srcSet="/media/products/a/b/c/w160.webp 160w, /media/products/a/b/c/w480.webp 480w"');
    // No original price unless the card carries one (same currency, converted).
    expect(render(<ProductCardView lang="pt" card={card({ priceOriginal: undefined })} />)).not.toContain("pcard-original");
    expect(render(<ProductCardView lang="pt" card={card({ image: undefined })} />)).toContain('class="product-placeholder"');
  });

  it("marks a name shown in another language than the page's with its lang", () => {
    const html = render(<ProductCardView lang="pt" card={card({ name: "LED 面板", nameLang: "zh", nameNote: "fallback" })} />);
    expect(html).toContain('<a href="/pt/products/led-panel-60" lang="zh-CN">LED 面板</a>');
  });

  it("plurals and interpolations stay right when the same keys come back with other values", () => {
    for (const lang of LANGS) {
      const t = plainT(lang);
      for (const [moq, leadTimeDays] of [[1, 1], [2, 5], [1, 1], [500, 0], [2, 5]] as const) {
        const html = render(<ProductCardView lang="pt" card={card({ moq, moqFormatted: String(moq), leadTimeDays, leadTimeFormatted: String(leadTimeDays), unit: "SET" })} />, lang);
        expect(html, `${lang} ${moq}`).toContain(t("browse.card.moq", { quantity: t("browse.units.SET", { count: moq, n: String(moq) }) }));
        expect(html, `${lang} ${leadTimeDays}`).toContain(t("browse.card.leadTime", { count: leadTimeDays, n: String(leadTimeDays) }));
      }
    }
  });

  it("European Portuguese cards read pt-PT's strings, Brazilian ones pt's", () => {
    function Probe() {
      const { t } = useTranslation();
      return <>{t("browse.card.from")}</>;
    }
    const ptPT = render(<Probe />, "pt-PT");
    const ptBR = render(<Probe />, "pt");
    expect(ptPT).toBe(messageBundle("pt-PT", "public").messages.browse.card.from);
    expect(ptBR).toBe(messageBundle("pt", "public").messages.browse.card.from);
  });
});
