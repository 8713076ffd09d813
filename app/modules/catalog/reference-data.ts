/**
 * The platform's initial category tree and certification schemes, seeded into editable tables
 * (Category, CertificationScheme). Country lists say where a scheme opens the market.
 */
type Names = { en: string; pt: string; es: string; zh: string };
export interface CategorySeed {
  slug: string;
  names: Names;
  children?: CategorySeed[];
}

export const CATEGORY_TREE: CategorySeed[] = [
  {
    slug: "home-appliances",
    names: { en: "Home appliances", pt: "Eletrodomésticos", es: "Electrodomésticos", zh: "家用电器" },
    children: [
      { slug: "kitchen-appliances", names: { en: "Kitchen appliances", pt: "Eletroportáteis de cozinha", es: "Electrodomésticos de cocina", zh: "厨房电器" } },
      { slug: "air-conditioning", names: { en: "Air conditioning and air treatment", pt: "Ar-condicionado e tratamento de ar", es: "Aire acondicionado y tratamiento de aire", zh: "空调与空气处理" } },
      { slug: "cleaning-appliances", names: { en: "Cleaning appliances", pt: "Aparelhos de limpeza", es: "Aparatos de limpieza", zh: "清洁电器" } },
    ],
  },
  {
    slug: "printer-consumables",
    names: { en: "Printer consumables", pt: "Suprimentos para impressoras", es: "Consumibles de impresión", zh: "打印耗材" },
    children: [
      { slug: "toner-cartridges", names: { en: "Toner cartridges", pt: "Cartuchos de toner", es: "Cartuchos de tóner", zh: "硒鼓与碳粉盒" } },
      { slug: "ink-cartridges", names: { en: "Ink cartridges", pt: "Cartuchos de tinta", es: "Cartuchos de tinta", zh: "墨盒" } },
      { slug: "printer-parts", names: { en: "Drums and printer parts", pt: "Cilindros e peças de impressora", es: "Tambores y piezas de impresora", zh: "感光鼓与打印机配件" } },
    ],
  },
  {
    slug: "phones-accessories",
    names: { en: "Phones and accessories", pt: "Celulares e acessórios", es: "Celulares y accesorios", zh: "手机及配件" },
    children: [
      { slug: "smartphones", names: { en: "Smartphones", pt: "Smartphones", es: "Teléfonos inteligentes", zh: "智能手机" } },
      { slug: "chargers-cables", names: { en: "Chargers and cables", pt: "Carregadores e cabos", es: "Cargadores y cables", zh: "充电器与数据线" } },
      { slug: "power-banks", names: { en: "Power banks", pt: "Baterias portáteis", es: "Baterías portátiles", zh: "移动电源" } },
      { slug: "phone-cases", names: { en: "Cases and protection", pt: "Capas e proteção", es: "Fundas y protección", zh: "手机壳与保护膜" } },
    ],
  },
  {
    slug: "watches",
    names: { en: "Watches", pt: "Relógios", es: "Relojes", zh: "钟表" },
    children: [
      { slug: "smartwatches", names: { en: "Smartwatches", pt: "Relógios inteligentes", es: "Relojes inteligentes", zh: "智能手表" } },
      { slug: "quartz-watches", names: { en: "Quartz watches", pt: "Relógios de quartzo", es: "Relojes de cuarzo", zh: "石英表" } },
    ],
  },
  {
    slug: "bathroom-fittings",
    names: { en: "Bathroom fittings", pt: "Metais e acessórios para banheiro", es: "Grifería y accesorios de baño", zh: "卫浴五金" },
    children: [
      { slug: "faucets", names: { en: "Faucets", pt: "Torneiras", es: "Grifos", zh: "水龙头" } },
      { slug: "showers", names: { en: "Showers", pt: "Chuveiros", es: "Regaderas y duchas", zh: "花洒" } },
      { slug: "bathroom-accessories", names: { en: "Bathroom accessories", pt: "Acessórios de banheiro", es: "Accesorios de baño", zh: "浴室配件" } },
    ],
  },
  {
    slug: "led-lighting",
    names: { en: "LED lighting", pt: "Iluminação LED", es: "Iluminación LED", zh: "LED照明" },
    children: [
      { slug: "led-bulbs", names: { en: "LED bulbs", pt: "Lâmpadas LED", es: "Focos LED", zh: "LED球泡灯" } },
      { slug: "led-panels", names: { en: "LED panels", pt: "Painéis LED", es: "Paneles LED", zh: "LED面板灯" } },
      { slug: "led-strips", names: { en: "LED strips", pt: "Fitas LED", es: "Tiras LED", zh: "LED灯带" } },
      { slug: "outdoor-lighting", names: { en: "Outdoor lighting", pt: "Iluminação externa", es: "Iluminación exterior", zh: "户外照明" } },
    ],
  },
];

const EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

export const CERTIFICATION_SCHEMES: { code: string; name: string; countryCodes: string[] }[] = [
  { code: "INMETRO", name: "INMETRO (Brazil conformity)", countryCodes: ["BR"] },
  { code: "ANATEL", name: "ANATEL (Brazil telecom homologation)", countryCodes: ["BR"] },
  { code: "NOM", name: "NOM (Mexican Official Standard)", countryCodes: ["MX"] },
  { code: "IFT", name: "IFT (Mexico telecom homologation)", countryCodes: ["MX"] },
  { code: "RETIE", name: "RETIE (Colombia electrical installations)", countryCodes: ["CO"] },
  { code: "SEC", name: "SEC (Chile electrical and fuel products)", countryCodes: ["CL"] },
  { code: "CE", name: "CE marking (European Economic Area)", countryCodes: [...EU, "IS", "LI", "NO"] },
  { code: "ROHS", name: "RoHS (EU hazardous substances)", countryCodes: EU },
  { code: "UKCA", name: "UKCA (United Kingdom)", countryCodes: ["GB"] },
  { code: "FCC", name: "FCC (United States radio frequency)", countryCodes: ["US"] },
  { code: "CCC", name: "CCC (China Compulsory Certification)", countryCodes: ["CN"] },
];

/**
 * A certification scheme's name in the page's language; the table's English name when no translation exists
 * (a scheme the platform added later).
 */
export function schemeName(t: (key: string, options: { defaultValue: string }) => string, scheme: { code: string; name: string }): string {
  return t(`catalog.schemes.${scheme.code}`, { defaultValue: scheme.name });
}
