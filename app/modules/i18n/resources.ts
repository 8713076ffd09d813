import enActivity from "../../../locales/en/activity.json";
import enBanking from "../../../locales/en/banking.json";
import enBrowse from "../../../locales/en/browse.json";
import enCart from "../../../locales/en/cart.json";
import enCatalog from "../../../locales/en/catalog.json";
import en from "../../../locales/en/common.json";
import enConsole from "../../../locales/en/console.json";
import enDocuments from "../../../locales/en/documents.json";
import enExportdocs from "../../../locales/en/exportdocs.json";
import enAgency from "../../../locales/en/agency.json";
import enExportmoney from "../../../locales/en/exportmoney.json";
import enLanded from "../../../locales/en/landed.json";
import enCustoms from "../../../locales/en/customs.json";
import enImporter from "../../../locales/en/importer.json";
import enInventory from "../../../locales/en/inventory.json";
import enRfq from "../../../locales/en/rfq.json";
import enWarehouse from "../../../locales/en/warehouse.json";
import enOrders from "../../../locales/en/orders.json";
import enPay from "../../../locales/en/pay.json";
import enLogistics from "../../../locales/en/logistics.json";
import enShowrooms from "../../../locales/en/showrooms.json";
import esActivity from "../../../locales/es/activity.json";
import esBanking from "../../../locales/es/banking.json";
import esBrowse from "../../../locales/es/browse.json";
import esCart from "../../../locales/es/cart.json";
import esCatalog from "../../../locales/es/catalog.json";
import es from "../../../locales/es/common.json";
import esConsole from "../../../locales/es/console.json";
import esDocuments from "../../../locales/es/documents.json";
import esExportdocs from "../../../locales/es/exportdocs.json";
import esAgency from "../../../locales/es/agency.json";
import esExportmoney from "../../../locales/es/exportmoney.json";
import esLanded from "../../../locales/es/landed.json";
import esCustoms from "../../../locales/es/customs.json";
import esImporter from "../../../locales/es/importer.json";
import esInventory from "../../../locales/es/inventory.json";
import esRfq from "../../../locales/es/rfq.json";
import esWarehouse from "../../../locales/es/warehouse.json";
import esOrders from "../../../locales/es/orders.json";
import esPay from "../../../locales/es/pay.json";
import esLogistics from "../../../locales/es/logistics.json";
import esShowrooms from "../../../locales/es/showrooms.json";
import ptActivity from "../../../locales/pt/activity.json";
import ptBanking from "../../../locales/pt/banking.json";
import ptBrowse from "../../../locales/pt/browse.json";
import ptCart from "../../../locales/pt/cart.json";
import ptCatalog from "../../../locales/pt/catalog.json";
import pt from "../../../locales/pt/common.json";
import ptConsole from "../../../locales/pt/console.json";
import ptDocuments from "../../../locales/pt/documents.json";
import ptExportdocs from "../../../locales/pt/exportdocs.json";
import ptAgency from "../../../locales/pt/agency.json";
import ptExportmoney from "../../../locales/pt/exportmoney.json";
import ptLanded from "../../../locales/pt/landed.json";
import ptCustoms from "../../../locales/pt/customs.json";
import ptImporter from "../../../locales/pt/importer.json";
import ptInventory from "../../../locales/pt/inventory.json";
import ptRfq from "../../../locales/pt/rfq.json";
import ptWarehouse from "../../../locales/pt/warehouse.json";
import ptOrders from "../../../locales/pt/orders.json";
import ptPay from "../../../locales/pt/pay.json";
import ptLogistics from "../../../locales/pt/logistics.json";
import ptShowrooms from "../../../locales/pt/showrooms.json";
import zhActivity from "../../../locales/zh/activity.json";
import zhBanking from "../../../locales/zh/banking.json";
import zhBrowse from "../../../locales/zh/browse.json";
import zhCart from "../../../locales/zh/cart.json";
import zhCatalog from "../../../locales/zh/catalog.json";
import zh from "../../../locales/zh/common.json";
import zhConsole from "../../../locales/zh/console.json";
import zhDocuments from "../../../locales/zh/documents.json";
import zhExportdocs from "../../../locales/zh/exportdocs.json";
import zhAgency from "../../../locales/zh/agency.json";
import zhExportmoney from "../../../locales/zh/exportmoney.json";
import zhLanded from "../../../locales/zh/landed.json";
import zhCustoms from "../../../locales/zh/customs.json";
import zhImporter from "../../../locales/zh/importer.json";
import zhInventory from "../../../locales/zh/inventory.json";
import zhRfq from "../../../locales/zh/rfq.json";
import zhWarehouse from "../../../locales/zh/warehouse.json";
import zhOrders from "../../../locales/zh/orders.json";
import zhPay from "../../../locales/zh/pay.json";
import zhLogistics from "../../../locales/zh/logistics.json";
import zhShowrooms from "../../../locales/zh/showrooms.json";
import type { Lang } from "./config";

/**
 * Each language is one i18next namespace, assembled from several files so that areas of the product keep their
 * strings apart: common.json at the top level, and `catalog`, `console`, `importer`, `browse`, `inventory` (the manufacturer's stock console), `warehouse`
 * (warehouse staff), `activity` (notifications, dashboard cards of orders and quotes), `documents` (the pro-forma and
 * invoice PDFs), `banking` (bank transfers, payment terms), `rfq` (quotes negotiated with manufacturers), `orders` (order lists, order pages, disputes), `pay` (an order's pay page, Stripe), `exportdocs` (the export pack: commercial invoice and packing list PDFs, certificate-of-origin data), `agency` (the export agency's declaration desk and the manufacturer's declarations), `customs` (the customs XML messages and the monthly summary declaration), `landed` (landed-cost estimates, the import tax rates page), `exportmoney` (VAT rebate rates and estimates, forex settlements), `logistics` (shipments, tracking milestones and their notifications), `showrooms` (the park's storefronts: operator console, public pages, events, leads, insight) under their own
 * key: the key browse.filters.title reads locales/{lang}/browse.json → filters.title.
 */
function assemble(
  common: typeof en,
  catalog: typeof enCatalog,
  console: typeof enConsole,
  importer: typeof enImporter,
  browse: typeof enBrowse,
  inventory: typeof enInventory,
  warehouse: typeof enWarehouse,
  activity: typeof enActivity,
  documents: typeof enDocuments,
  banking: typeof enBanking,
  rfq: typeof enRfq,
  cart: typeof enCart,
  orders: typeof enOrders,
  pay: typeof enPay,
  exportdocs: typeof enExportdocs,
  agency: typeof enAgency,
  customs: typeof enCustoms,
  landed: typeof enLanded,
  exportmoney: typeof enExportmoney,
  logistics: typeof enLogistics,
  showrooms: typeof enShowrooms,
) {
  return { ...common, catalog, console, importer, browse, inventory, warehouse, activity, documents, banking, rfq, cart, orders, pay, exportdocs, agency, customs, landed, exportmoney, logistics, showrooms };
}

export type Messages = ReturnType<typeof assemble>;

// Typed by English's shape: plural suffixes differ by language (zh has no `_one`, pt and es add `_many`), hence
// the casts; tests/unit/locales.test.ts proves every key exists in all four.
type Any = Parameters<typeof assemble>;
export const resources: Record<Lang, { common: Messages }> = {
  en: { common: assemble(en, enCatalog, enConsole, enImporter, enBrowse, enInventory, enWarehouse, enActivity, enDocuments, enBanking, enRfq, enCart, enOrders, enPay, enExportdocs, enAgency, enCustoms, enLanded, enExportmoney, enLogistics, enShowrooms) },
  pt: { common: assemble(...([pt, ptCatalog, ptConsole, ptImporter, ptBrowse, ptInventory, ptWarehouse, ptActivity, ptDocuments, ptBanking, ptRfq, ptCart, ptOrders, ptPay, ptExportdocs, ptAgency, ptCustoms, ptLanded, ptExportmoney, ptLogistics, ptShowrooms] as unknown as Any)) },
  es: { common: assemble(...([es, esCatalog, esConsole, esImporter, esBrowse, esInventory, esWarehouse, esActivity, esDocuments, esBanking, esRfq, esCart, esOrders, esPay, esExportdocs, esAgency, esCustoms, esLanded, esExportmoney, esLogistics, esShowrooms] as unknown as Any)) },
  zh: { common: assemble(...([zh, zhCatalog, zhConsole, zhImporter, zhBrowse, zhInventory, zhWarehouse, zhActivity, zhDocuments, zhBanking, zhRfq, zhCart, zhOrders, zhPay, zhExportdocs, zhAgency, zhCustoms, zhLanded, zhExportmoney, zhLogistics, zhShowrooms] as unknown as Any)) },
};
