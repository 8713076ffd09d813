import sharp from "sharp";
import { unscopedDb } from "../app/modules/db/index.server";
import { forStorefrontOperator } from "../app/modules/showrooms/operator-scope.server";
import { addHeroImage } from "../app/modules/showrooms/storefronts.server";

/**
 * The park's demo storefront (prisma/seed.ts calls it after the demo catalog): the Hengqin park operator's published
 * "Home appliances hall" in four languages, a hall plan of six booths, Gree-Lux and Lumenhai accepted with booths and
 * curated sections of their published products, a pending invitation to Aquaria, and three upcoming events (the
 * buyer delegation nearly full). Idempotent: nothing is done when the storefront exists.
 */
export const DEMO_STOREFRONT_SLUG = "hengqin-home-appliances";

const DAY = 24 * 3_600_000;

/** A date `days` from today at `hh:mm` in Zhuhai (UTC+8, no daylight saving). */
function zhuhaiTime(from: Date, days: number, hh: number, mm = 0): Date {
  const local = new Date(from.getTime() + 8 * 3_600_000 + days * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hh - 8, mm));
}

export async function seedDemoShowrooms(now = new Date()): Promise<boolean> {
  if (await unscopedDb.storefront.findUnique({ where: { slug: DEMO_STOREFRONT_SLUG }, select: { id: true } })) return false;
  const operator = await unscopedDb.organization.findFirst({ where: { kind: "PARK_OPERATOR", name: "Hengqin Sino-Latin America Park" }, select: { id: true } });
  const owner = await unscopedDb.user.findUnique({ where: { email: "park@demo.ponte.test" }, select: { id: true } });
  const maker = (name: string) => unscopedDb.organization.findFirst({ where: { kind: "MANUFACTURER", name }, select: { id: true } });
  const [greeLux, lumenhai, aquaria] = await Promise.all([maker("Gree-Lux Home Appliances"), maker("Lumenhai LED Lighting"), maker("Aquaria Bathroom Fittings")]);
  if (!operator || !greeLux || !lumenhai || !aquaria) return false;
  const organizationId = operator.id;

  const storefront = await unscopedDb.storefront.create({
    data: {
      organizationId,
      slug: DEMO_STOREFRONT_SLUG,
      status: "PUBLISHED",
      publishedAt: new Date(now.getTime() - 14 * DAY),
      languages: ["pt", "es", "zh", "en"],
      name: {
        pt: "Showroom Sino-LatAm de Hengqin — Pavilhão de eletrodomésticos",
        es: "Showroom Sino-LatAm de Hengqin — Pabellón de electrodomésticos",
        zh: "横琴中拉展厅 — 家电馆",
        en: "Hengqin Sino-LatAm Showroom — Home appliances hall",
      },
      heroTitle: {
        pt: "Veja, toque e encomende eletrodomésticos de Zhuhai",
        es: "Vea, toque y pida electrodomésticos de Zhuhai",
        zh: "珠海家电，现场看样，在线下单",
        en: "See, touch and order Zhuhai home appliances",
      },
      heroText: {
        pt: "Amostras de fabricantes verificados de Zhuhai em exposição permanente em Hengqin, a 20 minutos de Macau. Escaneie o código QR de cada estande para ver preços na sua moeda e pedir uma cotação.",
        es: "Muestras de fabricantes verificados de Zhuhai en exhibición permanente en Hengqin, a 20 minutos de Macao. Escanee el código QR de cada stand para ver precios en su moneda y pedir una cotización.",
        zh: "横琴常设展厅，陈列珠海认证厂家的样品，距澳门 20 分钟车程。扫描展位二维码，即可查看以您的货币计价的价格并发起询价。",
        en: "Samples from verified Zhuhai manufacturers on permanent display in Hengqin, 20 minutes from Macao. Scan any booth's QR code to see prices in your currency and request a quote.",
      },
      addressLine1: "横琴新区环岛东路 3000 号 · 3000 Huandao East Road, Hengqin",
      city: "珠海 Zhuhai",
      countryCode: "CN",
      postalCode: "519031",
      latitude: "22.135300",
      longitude: "113.536700",
      timeZone: "Asia/Shanghai",
      openingHours: [
        { days: [1, 2, 3, 4, 5], opens: "09:30", closes: "18:00" },
        { days: [6], opens: "10:00", closes: "16:00" },
      ],
      planWidth: 40,
      planHeight: 24,
    },
    select: { id: true },
  });
  const storefrontId = storefront.id;
  // A drawn hero picture (the hall's floor with its booths), stored and resized through the console's own path.
  await addHeroImage(forStorefrontOperator(organizationId), storefrontId, { data: await sharp(Buffer.from(heroSvg())).png().toBuffer(), name: "hall.png" }, {
    locale: null,
    alt: { pt: "Pavilhão de eletrodomésticos com estandes", es: "Pabellón de electrodomésticos con stands", zh: "家电馆展位布局", en: "The home appliances hall and its booths" },
  });

  const invitedAt = new Date(now.getTime() - 21 * DAY);
  const accepted = async (manufacturerId: string, message: string) =>
    unscopedDb.storefrontParticipation.create({
      data: { organizationId: manufacturerId, storefrontId, status: "ACCEPTED", message, invitedById: owner?.id ?? null, invitedAt, respondedAt: new Date(invitedAt.getTime() + 2 * DAY) },
      select: { id: true },
    });
  const greeLuxStand = await accepted(greeLux.id, "欢迎格悦家电入驻横琴家电馆，A-01 展位靠近主入口。");
  const lumenhaiStand = await accepted(lumenhai.id, "诚邀流明海照明参展，A-02 展位。");
  await unscopedDb.storefrontParticipation.create({
    data: { organizationId: aquaria.id, storefrontId, status: "INVITED", message: "家电馆下月新增卫浴专区，诚邀水韵卫浴参展。", invitedById: owner?.id ?? null, invitedAt: new Date(now.getTime() - 2 * DAY) },
  });

  const booth = (code: string, x: number, y: number, width: number, height: number, label: Record<string, string>, participationId: string | null) => ({
    organizationId,
    storefrontId,
    code,
    x,
    y,
    width,
    height,
    label,
    participationId,
  });
  await unscopedDb.storefrontBooth.createMany({
    data: [
      booth("A-01", 2, 2, 10, 8, { pt: "Cozinha e café", es: "Cocina y café", zh: "厨房与咖啡", en: "Kitchen and coffee" }, greeLuxStand.id),
      booth("A-02", 14, 2, 8, 8, { pt: "Iluminação LED", es: "Iluminación LED", zh: "LED 照明", en: "LED lighting" }, lumenhaiStand.id),
      booth("A-03", 24, 2, 8, 8, {}, null),
      booth("B-01", 2, 14, 10, 8, {}, null),
      booth("B-02", 14, 14, 8, 8, {}, null),
      booth("B-03", 24, 14, 14, 8, { pt: "Palco de demonstrações", es: "Escenario de demostraciones", zh: "演示舞台", en: "Demo stage" }, null),
    ],
  });

  const published = (manufacturerId: string, take: number) =>
    unscopedDb.product.findMany({ where: { organizationId: manufacturerId, status: "PUBLISHED" }, orderBy: [{ publishedAt: "desc" }, { id: "asc" }], take, select: { id: true } });
  const [greeLuxProducts, lumenhaiProducts] = await Promise.all([published(greeLux.id, 6), published(lumenhai.id, 4)]);
  const section = async (position: number, title: Record<string, string>, items: { manufacturerId: string; productId: string | null }[]) => {
    const created = await unscopedDb.storefrontSection.create({ data: { organizationId, storefrontId, position, title }, select: { id: true } });
    await unscopedDb.storefrontSectionItem.createMany({
      data: items.map((item, i) => ({ organizationId, sectionId: created.id, manufacturerOrganizationId: item.manufacturerId, productId: item.productId, position: i })),
    });
  };
  await section(0, { pt: "Destaques da cozinha", es: "Destacados de cocina", zh: "厨房精选", en: "Kitchen highlights" }, [
    { manufacturerId: greeLux.id, productId: null },
    ...greeLuxProducts.map((p) => ({ manufacturerId: greeLux.id, productId: p.id })),
  ]);
  await section(1, { pt: "Iluminação para casa e loja", es: "Iluminación para hogar y tienda", zh: "家居与商铺照明", en: "Lighting for home and shop" }, [
    { manufacturerId: lumenhai.id, productId: null },
    ...lumenhaiProducts.map((p) => ({ manufacturerId: lumenhai.id, productId: p.id })),
  ]);

  const event = (data: {
    kind: "EXHIBITION" | "BUYER_DELEGATION" | "LIVESTREAM";
    title: Record<string, string>;
    description: Record<string, string>;
    startsAt: Date;
    hours: number;
    language: "pt" | "es" | "zh" | "en";
    capacity: number;
    link?: string;
  }) =>
    unscopedDb.showroomEvent.create({
      data: {
        organizationId,
        storefrontId,
        kind: data.kind,
        title: data.title,
        description: data.description,
        startsAt: data.startsAt,
        endsAt: new Date(data.startsAt.getTime() + data.hours * 3_600_000),
        timeZone: "Asia/Shanghai",
        language: data.language,
        capacity: data.capacity,
        link: data.link ?? null,
      },
      select: { id: true },
    });
  await event({
    kind: "EXHIBITION",
    title: { pt: "Semana do café e da cozinha", es: "Semana del café y la cocina", zh: "咖啡与厨房电器周", en: "Coffee and kitchen week" },
    description: {
      pt: "Demonstrações diárias de cafeteiras e fritadeiras a ar, com os engenheiros da Gree-Lux no estande A-01.",
      es: "Demostraciones diarias de cafeteras y freidoras de aire, con los ingenieros de Gree-Lux en el stand A-01.",
      zh: "格悦家电工程师在 A-01 展位每日现场演示咖啡机和空气炸锅。",
      en: "Daily demonstrations of coffee makers and air fryers with Gree-Lux's engineers at booth A-01.",
    },
    startsAt: zhuhaiTime(now, 10, 10),
    hours: 7,
    language: "zh",
    capacity: 60,
  });
  const delegation = await event({
    kind: "BUYER_DELEGATION",
    title: { pt: "Missão de compradores do Brasil e de Portugal", es: "Misión de compradores de Brasil y Portugal", zh: "巴西与葡萄牙采购团参观", en: "Buyer delegation from Brazil and Portugal" },
    description: {
      pt: "Visita guiada em português ao pavilhão, reuniões com os fabricantes e almoço de negócios. Vagas limitadas.",
      es: "Visita guiada en portugués al pabellón, reuniones con los fabricantes y almuerzo de negocios. Cupos limitados.",
      zh: "葡语导览参观家电馆，与厂家面对面洽谈并共进商务午餐。名额有限。",
      en: "A guided visit of the hall in Portuguese, meetings with the manufacturers and a business lunch. Limited places.",
    },
    startsAt: zhuhaiTime(now, 3, 9, 30),
    hours: 5,
    language: "pt",
    capacity: 4,
  });
  await event({
    kind: "LIVESTREAM",
    title: { pt: "Ao vivo: iluminação LED para o varejo", es: "En vivo: iluminación LED para el comercio", zh: "直播：零售门店 LED 照明方案", en: "Live: LED lighting for retail" },
    description: {
      pt: "A Lumenhai apresenta painéis e fitas LED com certificação INMETRO, com perguntas ao vivo.",
      es: "Lumenhai presenta paneles y tiras LED con certificaciones para América Latina, con preguntas en vivo.",
      zh: "流明海照明介绍面向拉美市场认证的 LED 面板灯与灯带，现场答疑。",
      en: "Lumenhai presents LED panels and strips certified for Latin America, with live questions.",
    },
    startsAt: zhuhaiTime(now, 6, 20),
    hours: 1,
    language: "es",
    capacity: 200,
    link: "https://live.ponte.test/hengqin/led-retail",
  });

  // Three of the delegation's four seats are taken: the fourth registrant gets the last seat, the fifth waits.
  const registrants = await unscopedDb.membership.findMany({
    where: { role: "OWNER", user: { email: { in: ["buyer.br@demo.ponte.test", "buyer.pt@demo.ponte.test", "owner.andina@demo.ponte.test"] } }, organization: { kind: "BUYER" } },
    select: { organizationId: true, userId: true },
  });
  await unscopedDb.showroomEventRegistration.createMany({
    data: registrants.map((r, i) => ({ organizationId, buyerOrganizationId: r.organizationId, eventId: delegation.id, userId: r.userId, status: "REGISTERED" as const, registeredAt: new Date(now.getTime() - (5 - i) * DAY) })),
  });
  return true;
}

/** The hero picture: a hall floor in perspective-free plan, booths as tiles, the park's colours. */
function heroSvg(): string {
  const tiles = [
    [80, 120, 300, 220, "#1d4ed8"],
    [420, 120, 240, 220, "#0f766e"],
    [700, 120, 240, 220, "#e2e8f0"],
    [80, 400, 300, 220, "#e2e8f0"],
    [420, 400, 240, 220, "#e2e8f0"],
    [700, 400, 420, 220, "#b45309"],
  ]
    .map(([x, y, w, h, fill]) => `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="18" fill="${fill}" opacity="0.85"/>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="720" viewBox="0 0 1600 720"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eff6ff"/><stop offset="1" stop-color="#dbeafe"/></linearGradient></defs><rect width="1600" height="720" fill="url(#g)"/>${tiles}<circle cx="1360" cy="240" r="130" fill="#fbbf24" opacity="0.6"/><rect x="1180" y="400" width="340" height="220" rx="18" fill="#ffffff" opacity="0.9"/></svg>`;
}
