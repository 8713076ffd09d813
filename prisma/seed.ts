import type { Locale, OrganizationKind } from "../app/generated/prisma/enums";
import { unscopedDb } from "../app/modules/db/index.server";
import { CATEGORY_TREE, CERTIFICATION_SCHEMES, type CategorySeed } from "../app/modules/catalog/reference-data";
import { ensureOriginLocations, seedInventoryReferenceData } from "../app/modules/inventory/seed.server";
import { CURRENCIES } from "../app/modules/money/currencies";
import { hashPassword } from "../app/modules/tenancy/passwords.server";
import { validateTaxId } from "../app/modules/tenancy/tax-id";
import { seedDeliveryRates } from "../app/modules/ordering/delivery-rates.server";
import { seedImportTaxRates } from "../app/modules/export-agency/import-tax-rates.server";
import { seedExportMoneyRates } from "../app/modules/export-agency/money-rates.server";
import { seedDemoCatalog } from "./seed-demo-catalog";
import { seedDemoInventory } from "./seed-demo-inventory";
import { seedDemoOrders } from "./seed-demo-orders";
import { seedDemoExportMoney } from "./seed-demo-export-money";
import { seedDemoDeclarations } from "./seed-demo-declarations";

export const DEMO_PASSWORD = "ponte-demo-2026";

/** Indicative mid-market rates (1 USD = rate), dated; the platform edits them, jobs will refresh them. */
const USD_RATES: Record<string, string> = {
  BRL: "5.3512",
  MXN: "18.4120",
  EUR: "0.8654",
  CNY: "7.1035",
  AOA: "912.4500",
  MZN: "63.9000",
  CLP: "941.2000",
  COP: "3948.5000",
  PEN: "3.7380",
};

/** Reference data every deployment needs: ISO 4217 currencies, and dated FX rates when none exist yet. */
export async function seedReferenceData() {
  for (const c of CURRENCIES) {
    await unscopedDb.currency.upsert({ where: { code: c.code }, create: c, update: { numericCode: c.numericCode, exponent: c.exponent, displayDigits: c.displayDigits } });
  }
  for (const scheme of CERTIFICATION_SCHEMES) {
    await unscopedDb.certificationScheme.upsert({ where: { code: scheme.code }, create: scheme, update: {} });
  }
  await seedCategories(CATEGORY_TREE, null);
  await seedInventoryReferenceData();
  await seedDeliveryRates();
  await seedImportTaxRates();
  // VAT rebate rates of the demo catalog's codes and the agency's fee (before any order is paid: settlements read it).
  await seedExportMoneyRates();
  // Carriers and their webhook secrets (app/modules/logistics/carriers.server.ts).
  await (await import("../app/modules/logistics/carriers.server")).seedCarriers();
  if ((await unscopedDb.fxRate.count()) > 0) return;
  const today = new Date();
  // 90 days of history: the demo orders were placed weeks ago and keep the rate of their day.
  const backs = Array.from({ length: 90 }, (_, i) => 89 - i);
  const rows = backs.flatMap((back) =>
    Object.entries(USD_RATES).map(([quoteCode, rate]) => ({
      baseCode: "USD",
      quoteCode,
      // Small day-to-day drift so that "the rate of which date" is visible in the demo; today's is the reference.
      rate: (Number(rate) * (1 - 0.002 * Math.min(back, 2) - 0.0003 * Math.max(0, back - 2))).toFixed(6),
      effectiveDate: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - back)),
      source: "demo seed (indicative)",
    })),
  );
  await unscopedDb.fxRate.createMany({ data: rows, skipDuplicates: true });
}

/** The category tree: created when missing, never overwritten (the platform edits names). */
async function seedCategories(nodes: CategorySeed[], parentId: string | null) {
  for (const [position, node] of nodes.entries()) {
    const category = await unscopedDb.category.upsert({
      where: { slug: node.slug },
      create: { slug: node.slug, names: node.names, parentId, position },
      update: {},
      select: { id: true },
    });
    if (node.children) await seedCategories(node.children, category.id);
  }
}

/** Completes a tax id by trying every check character: the seed's companies carry ids that pass validation. */
function withCheck(country: string, body: string, alphabet: string): string {
  for (const c of alphabet) if (validateTaxId(country, body + c).ok) return body + c;
  for (const a of alphabet) for (const b of alphabet) if (validateTaxId(country, body + a + b).ok) return body + a + b;
  throw new Error(`no check character for ${country} ${body}`);
}
const DIGITS = "0123456789";
const USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";

interface DemoOrg {
  kind: OrganizationKind;
  name: string;
  legalNameZh?: string;
  legalNameLatin: string;
  countryCode: string;
  city: string;
  region?: string;
  addressLine1: string;
  postalCode?: string;
  taxId: string;
  verified: boolean;
  owner: { email: string; name: string; locale: Locale; currencyCode: string };
}

const manufacturers: DemoOrg[] = [
  ["Gree-Lux Home Appliances", "珠海格悦家电有限公司", "Zhuhai Geyue Home Appliances Co., Ltd.", "9144040070800001", "maker@demo.ponte.test", "Chen Wei", "香洲区前山工业区 12 号"],
  ["Inkbridge Printer Consumables", "珠海墨桥打印耗材有限公司", "Zhuhai Moqiao Printing Consumables Co., Ltd.", "9144040070800002", "owner.inkbridge@demo.ponte.test", "Liang Hui", "金湾区三灶镇机场西路 88 号"],
  ["Meizhi Mobile & Accessories", "珠海魅智通讯科技有限公司", "Zhuhai Meizhi Communication Technology Co., Ltd.", "9144040070800003", "owner.meizhi@demo.ponte.test", "Huang Min", "高新区唐家湾镇科技六路 6 号"],
  ["Hengshi Watch Co.", "珠海恒时钟表有限公司", "Zhuhai Hengshi Watch Co., Ltd.", "9144040070800004", "owner.hengshi@demo.ponte.test", "Zhou Jie", "斗门区白蕉镇新青工业园 3 号"],
  ["Aquaria Bathroom Fittings", "珠海水韵卫浴有限公司", "Zhuhai Shuiyun Sanitary Ware Co., Ltd.", "9144040070800005", "owner.aquaria@demo.ponte.test", "Lin Fang", "斗门区井岸镇新城路 21 号"],
  ["Lumenhai LED Lighting", "珠海流明海照明科技有限公司", "Zhuhai Lumenhai Lighting Technology Co., Ltd.", "9144040070800006", "owner.lumenhai@demo.ponte.test", "Xu Lei", "香洲区南屏科技园屏北一路 9 号"],
].map(([name, zh, latin, uscc, email, person, address]) => ({
  kind: "MANUFACTURER" as const,
  name: name!,
  legalNameZh: zh,
  legalNameLatin: latin!,
  countryCode: "CN",
  city: "珠海 Zhuhai",
  region: "广东 Guangdong",
  addressLine1: address!,
  postalCode: "519000",
  taxId: withCheck("CN", `91440400MA4WK70${String(uscc).slice(-2)}`, USCC),
  verified: true,
  owner: { email: email!, name: person!, locale: "zh" as const, currencyCode: "CNY" },
}));

const buyers: DemoOrg[] = [
  { kind: "BUYER", name: "Casa Paulista Distribuidora", legalNameLatin: "Casa Paulista Distribuidora de Eletros Ltda.", countryCode: "BR", city: "São Paulo", region: "SP", addressLine1: "Rua Vergueiro, 1200", postalCode: "01504-000", taxId: withCheck("BR", "112223330001", DIGITS), verified: true, owner: { email: "buyer.br@demo.ponte.test", name: "Ana Souza", locale: "pt", currencyCode: "BRL" } },
  { kind: "BUYER", name: "Comercializadora Azteca", legalNameLatin: "Comercializadora Azteca del Centro, S.A. de C.V.", countryCode: "MX", city: "Ciudad de México", region: "CDMX", addressLine1: "Av. Insurgentes Sur 1457", postalCode: "03920", taxId: withCheck("MX", "CAC1903154K", DIGITS + "A"), verified: true, owner: { email: "buyer.mx@demo.ponte.test", name: "Luis Hernández", locale: "es", currencyCode: "MXN" } },
  { kind: "BUYER", name: "Lisboa Lar & Técnica", legalNameLatin: "Lisboa Lar & Técnica, Lda.", countryCode: "PT", city: "Lisboa", addressLine1: "Avenida da Liberdade 190", postalCode: "1250-147", taxId: withCheck("PT", "51420001", DIGITS), verified: true, owner: { email: "buyer.pt@demo.ponte.test", name: "Marta Ferreira", locale: "pt", currencyCode: "EUR" } },
  { kind: "BUYER", name: "Kianda Comércio Geral", legalNameLatin: "Kianda Comércio Geral, Lda.", countryCode: "AO", city: "Luanda", addressLine1: "Rua Rainha Ginga 87", taxId: "5417093321", verified: false, owner: { email: "owner.kianda@demo.ponte.test", name: "João Mateus", locale: "pt", currencyCode: "AOA" } },
  { kind: "BUYER", name: "Maputo Import Solutions", legalNameLatin: "Maputo Import Solutions, Lda.", countryCode: "MZ", city: "Maputo", addressLine1: "Avenida 24 de Julho 1097", taxId: "400561278", verified: false, owner: { email: "owner.maputo@demo.ponte.test", name: "Célia Mondlane", locale: "pt", currencyCode: "MZN" } },
  { kind: "BUYER", name: "Andina Hogar Bogotá", legalNameLatin: "Andina Hogar S.A.S.", countryCode: "CO", city: "Bogotá", region: "Cundinamarca", addressLine1: "Carrera 7 # 71-21", postalCode: "110231", taxId: "900456789-4", verified: true, owner: { email: "owner.andina@demo.ponte.test", name: "Camila Rojas", locale: "es", currencyCode: "COP" } },
];

const operators: DemoOrg[] = [
  { kind: "PARK_OPERATOR", name: "Hengqin Sino-Latin America Park", legalNameZh: "横琴中拉经贸合作园运营有限公司", legalNameLatin: "Hengqin Sino-Latin America Economic and Trade Park Operation Co., Ltd.", countryCode: "CN", city: "珠海 Zhuhai", region: "横琴 Hengqin", addressLine1: "横琴新区环岛东路 3000 号", postalCode: "519031", taxId: withCheck("CN", "91440400MA4PARK01", USCC), verified: true, owner: { email: "park@demo.ponte.test", name: "Deng Yu", locale: "zh", currencyCode: "CNY" } },
  { kind: "PLATFORM", name: "Ponte Trade Services", legalNameZh: "珠海桥贸服务有限公司", legalNameLatin: "Zhuhai Ponte Trade Services Co., Ltd.", countryCode: "CN", city: "珠海 Zhuhai", region: "横琴 Hengqin", addressLine1: "横琴新区宝华路 6 号", postalCode: "519031", taxId: withCheck("CN", "91440400MA4PNT001", USCC), verified: true, owner: { email: "admin@demo.ponte.test", name: "Platform Admin", locale: "en", currencyCode: "USD" } },
];

/** Demo companies and logins (README.md lists them). `onlyIfEmpty`: skip when the database has users. */
export async function seedDemoData(options: { onlyIfEmpty: boolean }): Promise<boolean> {
  if (options.onlyIfEmpty && (await unscopedDb.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const upsertUser = (u: DemoOrg["owner"]) =>
    unscopedDb.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash, emailVerifiedAt: new Date() }, update: {}, select: { id: true } });

  let platformId = "";
  for (const org of [...manufacturers, ...buyers, ...operators]) {
    const owner = await upsertUser(org.owner);
    const existing = await unscopedDb.organization.findFirst({ where: { name: org.name }, select: { id: true } });
    const { owner: _owner, verified, ...profile } = org;
    const organization =
      existing ??
      (await unscopedDb.organization.create({
        data: { ...profile, verificationStatus: verified ? "VERIFIED" : "PENDING", verifiedAt: verified ? new Date() : null },
        select: { id: true },
      }));
    await unscopedDb.membership.upsert({
      where: { organizationId_userId: { organizationId: organization.id, userId: owner.id } },
      create: { organizationId: organization.id, userId: owner.id, role: "OWNER" },
      update: {},
    });
    if (org.kind === "PLATFORM") platformId = organization.id;
  }
  // The export-agency desk: a platform member who is not an owner.
  const agent = await upsertUser({ email: "agent@demo.ponte.test", name: "Export Agent", locale: "zh", currencyCode: "CNY" });
  await unscopedDb.membership.upsert({
    where: { organizationId_userId: { organizationId: platformId, userId: agent.id } },
    create: { organizationId: platformId, userId: agent.id, role: "MEMBER", exportAgent: true },
    update: { exportAgent: true },
  });
  // Each demo manufacturer's Zhuhai origin location (inventory).
  await ensureOriginLocations();
  // The demo manufacturers' published products (prisma/seed-demo-catalog.ts); skips those that have products.
  await seedDemoCatalog();
  // Demo stock in the overseas warehouses and the demo warehouse staff (prisma/seed-demo-inventory.ts).
  await seedDemoInventory();
  // Demo orders in every state, a transfer waiting on the platform's desk, net terms and an open RFQ thread.
  await seedDemoOrders();
  // Rebate estimates of the demo's validated and cleared declarations (prisma/seed-demo-export-money.ts).
  await seedDemoExportMoney();
  // The agency's demo declarations in several states, one with a waybill that disagrees (prisma/seed-demo-declarations.ts).
  await seedDemoDeclarations();
  // Shipments in every stage with their carrier events, relative to now (prisma/seed-demo-shipments.ts).
  await (await import("./seed-demo-shipments")).seedDemoShipments();
  await (await import("./seed-demo-showrooms")).seedDemoShowrooms();
  return true;
}
