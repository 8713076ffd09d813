import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { formatTagFor, localeTag, UNKNOWN_VIEWER, viewerFor } from "~/modules/i18n/locale";
import { messageBundle } from "~/modules/i18n/message-bundles.server";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { warehouseDateTime } from "~/modules/inventory/warehouse-desk.server";

// Intl separates a currency symbol from the figure with a no-break space (U+00A0) or a narrow one (U+202F).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const money = (amountMinor: bigint, code: string) => ({ amountMinor, currency: CURRENCIES.find((c) => c.code === code)! });
const as = <T>(country: string | null, fn: () => T, variant?: "pt-PT" | "pt-BR") => runWithViewer(viewerFor(country, variant), fn);

describe("numbers, money and dates follow the viewer's country (issue 13, item 7)", () => {
  it("writes pesos as Colombia and Chile do", () => {
    expect(plain(as("CO", () => formatMoney(money(1_855_800n, "COP"), "es")))).toBe("$ 18.558");
    expect(plain(as("CL", () => formatMoney(money(18_558n, "CLP"), "es")))).toBe("$18.558");
    expect(plain(as("MX", () => formatMoney(money(123_450n, "MXN"), "es")))).toBe("$1,234.50");
  });

  it("writes euros and kwanzas as Portugal and Angola do", () => {
    expect(plain(as("PT", () => formatMoney(money(848n, "EUR"), "pt")))).toBe("8,48 €");
    expect(plain(as("AO", () => formatMoney(money(123_450n, "AOA"), "pt")))).toBe("1 234,50 Kz");
    expect(plain(as("BR", () => formatMoney(money(848n, "EUR"), "pt")))).toBe("€ 8,48");
  });

  it("formats plain numbers with the country's separators", () => {
    expect(plain(as("CO", () => formatNumber(1234567.5, "es")))).toBe("1.234.567,5");
    expect(plain(as("PT", () => formatNumber(1234567.5, "pt")))).toBe("1 234 567,5");
  });

  it("keeps the language's default when the country is unknown or has no form in that language", () => {
    expect(plain(runWithViewer(UNKNOWN_VIEWER, () => formatMoney(money(1_855_800n, "COP"), "es")))).toBe("COP 18,558");
    expect(plain(formatMoney(money(848n, "EUR"), "pt"))).toBe("€ 8,48");
    expect(as("CO", () => localeTag("zh"))).toBe("zh-CN");
    expect(as("CN", () => localeTag("pt"))).toBe("pt-BR");
  });

  it("chooses the locale in one place, for every language and country pair", () => {
    expect(formatTagFor("es", { country: "CO", variant: null })).toBe("es-CO");
    expect(formatTagFor("es", { country: "CL", variant: null })).toBe("es-CL");
    expect(formatTagFor("pt", { country: "MZ", variant: "pt-PT" })).toBe("pt-MZ");
    expect(formatTagFor("pt", { country: null, variant: "pt-PT" })).toBe("pt-PT");
    expect(formatTagFor("en", { country: "PT", variant: "pt-PT" })).toBe("en");
  });

  it("dates follow the country too", () => {
    const day = "2026-12-05T12:00:00Z";
    expect(as("PT", () => formatDate(day, "pt", { dateStyle: "short", timeZone: "UTC" }))).toBe("05/12/26");
    expect(as("CO", () => formatDate(day, "es", { dateStyle: "short", timeZone: "UTC" }))).toBe("5/12/26");
  });
});

describe("timestamps always carry their time zone (issue 13, item 9)", () => {
  const dispatched = new Date("2026-12-05T20:34:00Z");

  it("shows a moment in the viewer's zone, named", () => {
    expect(plain(as("BR", () => formatDateTime(dispatched, "pt")))).toBe("5 de dez. de 2026, 17:34 BRT");
    expect(plain(as("CO", () => formatDateTime(dispatched, "es")))).toMatch(/3:34 p\. m\. COT$/);
    expect(plain(runWithViewer(UNKNOWN_VIEWER, () => formatDateTime(dispatched, "en")))).toBe("Dec 5, 2026, 8:34 PM UTC");
  });

  it("shows a moment in a given zone (a warehouse's), named", () => {
    expect(plain(runWithViewer(UNKNOWN_VIEWER, () => formatDateTime(dispatched, "pt", "America/Sao_Paulo")))).toBe("5 de dez. de 2026, 17:34 BRT");
  });

  it("shows a warehouse's records in the viewer's zone too: one clock per viewer on every page", () => {
    expect(plain(as("BR", () => warehouseDateTime(dispatched, "pt", "America/Sao_Paulo")))).toBe(plain(as("BR", () => formatDateTime(dispatched, "pt"))));
    expect(plain(as("CN", () => warehouseDateTime(dispatched, "zh", "America/Sao_Paulo")))).toBe("2026年12月6日 04:34 GMT+8");
  });

  it("leaves day-only dates alone", () => {
    expect(as("BR", () => formatDate(dispatched, "pt", { dateStyle: "medium", timeZone: "UTC" }))).toBe("5 de dez. de 2026");
  });
});

describe("European Portuguese (issue 13, item 8)", () => {
  it("is chosen by the country (Portugal, Angola, Mozambique) or by the user", () => {
    expect(viewerFor("PT").variant).toBe("pt-PT");
    expect(viewerFor("AO").variant).toBe("pt-PT");
    expect(viewerFor("MZ").variant).toBe("pt-PT");
    expect(viewerFor("BR").variant).toBeNull();
    expect(viewerFor("BR", "pt-PT").variant).toBe("pt-PT");
    expect(viewerFor("PT", "pt-BR").variant).toBeNull();
  });

  it("uses pt-PT's own words and falls back to pt for every other key", () => {
    const ptPT = serverT("pt", "pt-PT");
    const ptBR = serverT("pt", null);
    expect(ptPT("nav.signup")).toBe("Registe-se");
    expect(ptBR("nav.signup")).toBe("Cadastre-se");
    expect(ptPT("fields.password")).toBe("Palavra-passe");
    expect(ptPT("browse.availability.cost", { cost: "5 €" })).toBe("Portes locais: 5 €");
    expect(ptPT("common.saving")).toBe("A guardar…");
    // Not in locales/pt-PT: the Brazilian (shared) string.
    expect(ptPT("nav.login")).toBe(ptBR("nav.login"));
  });

  it("follows the request's viewer when no variant is given", () => {
    expect(as("PT", () => serverT("pt")("nav.signup"))).toBe("Registe-se");
    expect(as("BR", () => serverT("pt")("nav.signup"))).toBe("Cadastre-se");
    expect(as("PT", () => serverT("es")("nav.signup"))).toBe(serverT("es", null)("nav.signup"));
  });

  it("has its own browser bundle, with pt's strings where pt-PT has none", () => {
    const pt = messageBundle("pt", "public");
    const ptPT = messageBundle("pt-PT", "public");
    expect(ptPT.src).toMatch(/^\/messages\/pt-PT\/public\.[0-9a-f]{12}\.js$/);
    expect(ptPT.hash).not.toBe(pt.hash);
    expect(ptPT.messages.nav.signup).toBe("Registe-se");
    expect(ptPT.messages.nav.login).toBe(pt.messages.nav.login);
  });
});

describe("Portuguese counts", () => {
  it("writes zero with the plural, in Brazil and in Portugal", () => {
    expect(serverT("pt", null)("browse.results.count", { count: 0, n: "0" })).toBe("0 produtos");
    expect(serverT("pt", null)("browse.results.count", { count: 1, n: "1" })).toBe("1 produto");
    expect(serverT("pt", "pt-PT")("browse.results.count", { count: 0, n: "0" })).toBe("0 produtos");
  });
});

describe("counts take their plural form (issue 13, item 9)", () => {
  it("says 1 carton and 2 cartons, 1 unit and 0 units", () => {
    const pt = serverT("pt", null);
    expect(pt("warehouse.receive.cartonsCount", { count: 1, cartons: "1" })).toBe("1 caixa");
    expect(pt("warehouse.receive.cartonsCount", { count: 2, cartons: "2" })).toBe("2 caixas");
    expect(pt("warehouse.receive.quantityUnits", { count: 0, quantity: "0" })).toBe("0 unidades");
    expect(serverT("en", null)("warehouse.receive.quantityUnits", { count: 1, quantity: "1" })).toBe("1 unit");
    expect(serverT("es", null)("cart.page.partOf", { count: 1, part: 1, total: 1 })).toBe("1 de la 1 unidad sale de aquí");
    expect(serverT("zh", null)("warehouse.receive.cartonsCount", { count: 1, cartons: "1" })).toBe(serverT("zh", null)("warehouse.receive.cartonsCount", { count: 5, cartons: "1" }));
  });
});
