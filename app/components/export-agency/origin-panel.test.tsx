import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "~/components/i18n-provider";
import { originFor } from "~/modules/export-agency/origin";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { messageBundle } from "~/modules/i18n/message-bundles.server";
import { line, sampleDocuments } from "../../../tests/support/declaration-documents-fixture";
import { OriginPanel } from "./origin-panel";

const invoice = { number: "INV-2026-000042", date: new Date("2026-11-20T08:30:00Z") };

/** The panel as a page renders it: with the strings of the page's own bundle (where `exportdocs.pdf` is not). */
function render(country: string, lang: Lang, documents = sampleDocuments(country)) {
  const origin = JSON.parse(JSON.stringify(originFor(documents, invoice))) as ReturnType<typeof originFor>;
  return renderToStaticMarkup(
    <I18nProvider lang={lang} messages={messageBundle(lang, "public").messages}>
      <OriginPanel origin={origin} lang={lang} />
    </I18nProvider>,
  );
}

describe("OriginPanel", () => {
  it("renders every language from the page bundle, no key left untranslated", () => {
    for (const lang of LANGS) {
      for (const country of ["CL", "CR", "PE", "EC", "BR"]) {
        const html = render(country, lang);
        expect(html, `${lang} ${country}`).not.toMatch(/exportdocs\.|\{\{/);
      }
    }
  });

  it("Chile in Chinese: Form F, the fields, the items' 6-digit HS codes and the points to check", () => {
    const html = render("CL", "zh");
    expect(html).toContain("原产地证书");
    expect(html).toContain("Form F");
    expect(html).toContain("珠海格力乐家电有限公司");
    expect(html).toContain("784-76543213");
    expect(html).toContain("INV-2026-000042");
    expect(html).toContain("851660");
    expect(html).toContain("未再加工证明");
    expect(html).toContain('data-warning="criterion"');
  });

  it("Peru: the certificate and the date are marked to confirm, not stated as fact", () => {
    const html = render("PE", "en");
    expect(html).toContain("The agreement&#x27;s certificate of origin");
    expect(html).not.toContain("China–Peru FTA certificate of origin");
    expect(html.match(/to confirm/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("more than 20 items for Costa Rica: the split, in Spanish", () => {
    const lines = Array.from({ length: 22 }, (_, i) => line(i + 1, { quantity: 1, unitPriceMinor: 100n }));
    const html = render("CR", "es", sampleDocuments("CR", { lines }));
    expect(html).toContain("22 ítems: un certificado admite como máximo 20. Solicite 2 certificados: ítems 1–20; ítems 21–22.");
  });

  it("Brazil in Portuguese: no certificate, the plain statement", () => {
    const html = render("BR", "pt");
    expect(html).toContain("Não há acordo de livre comércio entre a China e o país de destino (Brasil)");
    expect(html).toContain("origem não preferencial");
    expect(html).not.toContain("Form");
  });
});
