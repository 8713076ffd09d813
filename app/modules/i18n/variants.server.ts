import ptPTActivity from "../../../locales/pt-PT/activity.json";
import ptPTAgency from "../../../locales/pt-PT/agency.json";
import ptPTBanking from "../../../locales/pt-PT/banking.json";
import ptPTBrowse from "../../../locales/pt-PT/browse.json";
import ptPTCart from "../../../locales/pt-PT/cart.json";
import ptPTCatalog from "../../../locales/pt-PT/catalog.json";
import ptPTCommon from "../../../locales/pt-PT/common.json";
import ptPTConsole from "../../../locales/pt-PT/console.json";
import ptPTCustoms from "../../../locales/pt-PT/customs.json";
import ptPTDocuments from "../../../locales/pt-PT/documents.json";
import ptPTExportdocs from "../../../locales/pt-PT/exportdocs.json";
import ptPTExportmoney from "../../../locales/pt-PT/exportmoney.json";
import ptPTImporter from "../../../locales/pt-PT/importer.json";
import ptPTInventory from "../../../locales/pt-PT/inventory.json";
import ptPTLanded from "../../../locales/pt-PT/landed.json";
import ptPTLogistics from "../../../locales/pt-PT/logistics.json";
import ptPTOrders from "../../../locales/pt-PT/orders.json";
import ptPTPay from "../../../locales/pt-PT/pay.json";
import ptPTRfq from "../../../locales/pt-PT/rfq.json";
import ptPTShowrooms from "../../../locales/pt-PT/showrooms.json";
import ptPTWarehouse from "../../../locales/pt-PT/warehouse.json";
import type { Lang } from "./config";
import type { TextVariant } from "./locale";
import { resources, type Messages } from "./resources";

/**
 * European Portuguese (pt-PT), for readers in Portugal, Angola, Mozambique… or who chose it: only the strings that
 * differ from the Brazilian ones live in locales/pt-PT/*.json ("Registe-se" for "Cadastre-se", "palavra-passe" for
 * "senha", "stock", "ficheiro", "guardar", "portes", "A guardar…" for "Salvando…"); every other key falls back to pt.
 * The server's translator uses i18next's own fallback (i18n.server.ts: lng pt-PT, fallbackLng pt); the browser
 * gets one bundle with the fallback already applied (message-bundles.server.ts), so it downloads one script.
 */
type Tree = { [key: string]: string | Tree };

export const ptPTOverrides: Tree = { ...(ptPTCommon as Tree), activity: ptPTActivity as Tree, banking: ptPTBanking as Tree, browse: ptPTBrowse as Tree, cart: ptPTCart as Tree, catalog: ptPTCatalog as Tree, console: ptPTConsole as Tree, documents: ptPTDocuments as Tree, importer: ptPTImporter as Tree, inventory: ptPTInventory as Tree, orders: ptPTOrders as Tree, pay: ptPTPay as Tree, rfq: ptPTRfq as Tree, warehouse: ptPTWarehouse as Tree, exportdocs: ptPTExportdocs as Tree, agency: ptPTAgency as Tree, customs: ptPTCustoms as Tree, landed: ptPTLanded as Tree, exportmoney: ptPTExportmoney as Tree, logistics: ptPTLogistics as Tree, showrooms: ptPTShowrooms as Tree };

function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = typeof value === "string" || typeof below !== "object" ? value : deepMerge(below, value);
  }
  return out;
}

/**
 * Portuguese counts: CLDR puts 0 with 1 in Brazilian Portuguese ("0 produto"), but both Brazil and Portugal write
 * "0 produtos". i18next reads a `_zero` form for a count of 0 whatever the language's rules: every Portuguese plural
 * gets one, the `_other` text, unless it has its own.
 */
export function withZeroForms(tree: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    out[key] = typeof value === "string" ? value : withZeroForms(value);
    const base = key.endsWith("_other") ? key.slice(0, -"_other".length) : null;
    if (base !== null && typeof value === "string" && !(`${base}_zero` in tree)) out[`${base}_zero`] = value;
  }
  return out;
}

const texts = new Map<string, Messages>();

/** The interface strings for a language or variant, as the browser's bundle and the server render read them. */
export function textMessages(lang: Lang | TextVariant): Messages {
  let messages = texts.get(lang);
  if (!messages) {
    if (lang === "pt-PT") messages = withZeroForms(deepMerge(resources.pt.common as unknown as Tree, ptPTOverrides)) as unknown as Messages;
    else if (lang === "pt") messages = withZeroForms(resources.pt.common as unknown as Tree) as unknown as Messages;
    else messages = resources[lang].common;
    texts.set(lang, messages);
  }
  return messages;
}
