/**
 * `npm run seed:bench`: a realistic catalog of 100,000 products (four languages, 1–3 variants, three price
 * tiers, certifications for about a third) from ~200 generated Zhuhai manufacturers, for `npm run bench:catalog`.
 *
 *   npm run seed:bench                                   PostgreSQL server at DATABASE_URL: (re)creates database ponte_bench
 *   npm run seed:bench -- --database other_name          …another database on that server
 *   BENCH_DATABASE_URL=postgresql://…/db npm run seed:bench   exactly this database (dropped and re-created)
 *   npm run seed:bench -- --embedded                     embedded PGlite in data/bench/embedded (wiped first)
 *   options: --products N (100000), --manufacturers N (200)
 *
 * Rows are generated inside the database, set-based: INSERT … SELECT over generate_series, 10,000 products per
 * statement, names and descriptions composed from per-category vocabularies in zh, pt, es and en. The search
 * index is then built by the catalog's own indexer (reindexProducts, 2,000 products a call), and the tables are
 * vacuumed and analyzed. The demo companies and their demo catalog are seeded too (logins as in README.md).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { LANGS, type Lang } from "../app/modules/i18n/config";
import { applyMigrations } from "./schema-engine";
import { LABEL } from "./seed-demo-catalog";

type L4 = Record<Lang, string>;
type LabelKey = keyof typeof LABEL;

// ─── Options ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface BenchTarget {
  kind: "server" | "embedded";
  /** The bench database (server), absent for the embedded one until it is started. */
  url?: string;
  /** The server's maintenance database, to drop and create the bench database from. */
  adminUrl?: string;
  database?: string;
  /** PONTE_DATA_DIR for the bench: the embedded database (pg/) and uploaded demo images (uploads/). */
  dataDir: string;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  return value && !value.startsWith("--") ? value : "";
}

/** Where the bench catalog lives; the same rules for seed:bench and bench:catalog. */
export function benchTarget(args: string[], env: NodeJS.ProcessEnv = process.env): BenchTarget {
  if (args.includes("--embedded")) return { kind: "embedded", dataDir: path.resolve("data/bench/embedded") };
  const explicit = env.BENCH_DATABASE_URL;
  const base = explicit ?? env.DATABASE_URL;
  if (!base) throw new Error("seed:bench needs a PostgreSQL server (DATABASE_URL or BENCH_DATABASE_URL), or --embedded");
  const url = new URL(base);
  const database = explicit ? decodeURIComponent(url.pathname.slice(1)) : (flag(args, "database") || "ponte_bench");
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`invalid bench database name: ${database}`);
  url.pathname = `/${database}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return { kind: "server", url: url.toString(), adminUrl: admin.toString(), database, dataDir: path.resolve("data/bench", database) };
}

// ─── Vocabulary ──────────────────────────────────────────────────────────────────────────────────────────────

const l = (zh: string, pt: string, es: string, en: string): L4 => ({ zh, pt, es, en });

interface Noun {
  category: string;
  name: L4;
  hs: string;
  hsCn: string;
  /** Typical FOB price in US cents. */
  usdCents: number;
  attr: LabelKey;
  /** Attribute values, written the same in every language (decimal points become commas in Portuguese). */
  values: string[];
  netWeightG: number;
  /** Runs on mains power: voltage and plug variants, electrical certifications. */
  mains?: boolean;
  unit?: "PIECE" | "SET" | "KILOGRAM" | "METER" | "ROLL";
}

const n = (category: string, name: L4, hs: string, hsCn: string, usdCents: number, attr: LabelKey, values: string[], netWeightG: number, extra: Partial<Noun> = {}): Noun => ({
  category, name, hs, hsCn, usdCents, attr, values, netWeightG, ...extra,
});
const mains = { mains: true };

const NOUNS: Noun[] = [
  // home appliances
  n("kitchen-appliances", l("电热咖啡机", "Cafeteira Elétrica", "Cafetera Eléctrica", "Electric Coffee Maker"), "851671", "8516710000", 1150, "capacity", ["0.6 L", "1.2 L", "1.5 L", "1.8 L"], 1600, mains),
  n("kitchen-appliances", l("意式咖啡机", "Máquina de Café Espresso", "Máquina de Café Espresso", "Espresso Machine"), "851671", "8516710000", 4500, "pumpPressure", ["15 bar", "19 bar", "20 bar"], 4200, mains),
  n("kitchen-appliances", l("电热水壶", "Chaleira Elétrica", "Hervidor Eléctrico", "Electric Kettle"), "851679", "8516799000", 620, "capacity", ["1.0 L", "1.5 L", "1.7 L", "1.8 L"], 1100, mains),
  n("kitchen-appliances", l("空气炸锅", "Fritadeira Elétrica sem Óleo", "Freidora de Aire", "Air Fryer"), "851660", "8516609000", 2300, "capacity", ["3.5 L", "4.5 L", "5.5 L", "6.5 L"], 4200, mains),
  n("kitchen-appliances", l("搅拌机", "Liquidificador", "Licuadora", "Blender"), "850940", "8509400000", 1350, "power", ["600 W", "900 W", "1200 W"], 2300, mains),
  n("kitchen-appliances", l("三明治机", "Sanduicheira Elétrica", "Sandwichera Eléctrica", "Sandwich Maker"), "851672", "8516720000", 720, "power", ["750 W", "800 W", "1000 W"], 1400, mains),
  n("kitchen-appliances", l("电饭煲", "Panela Elétrica de Arroz", "Olla Arrocera Eléctrica", "Rice Cooker"), "851660", "8516601000", 1400, "capacity", ["1.0 L", "1.8 L", "2.2 L"], 2600, mains),
  n("kitchen-appliances", l("手持打蛋器", "Batedeira Portátil", "Batidora de Mano", "Hand Mixer"), "850940", "8509400000", 650, "power", ["250 W", "300 W", "400 W"], 900, mains),
  n("air-conditioning", l("变频分体空调", "Ar-Condicionado Split Inverter", "Aire Acondicionado Inverter Minisplit", "Inverter Split Air Conditioner"), "841510", "8415102100", 17500, "cooling", ["9000 BTU/h", "12000 BTU/h", "18000 BTU/h", "24000 BTU/h"], 36000, mains),
  n("air-conditioning", l("窗式空调", "Ar-Condicionado de Janela", "Aire Acondicionado de Ventana", "Window Air Conditioner"), "841510", "8415101000", 14500, "cooling", ["7500 BTU/h", "10000 BTU/h", "12000 BTU/h"], 28000, mains),
  n("air-conditioning", l("移动空调", "Ar-Condicionado Portátil", "Aire Acondicionado Portátil", "Portable Air Conditioner"), "841582", "8415820000", 19000, "cooling", ["9000 BTU/h", "12000 BTU/h"], 30000, mains),
  n("air-conditioning", l("除湿机", "Desumidificador de Ar", "Deshumidificador", "Dehumidifier"), "841582", "8415820000", 9500, "capacity", ["12 L/24 h", "20 L/24 h", "30 L/24 h"], 13000, mains),
  n("air-conditioning", l("塔扇", "Ventilador de Coluna", "Ventilador de Torre", "Tower Fan"), "841451", "8414519000", 1800, "power", ["45 W", "60 W"], 5200, mains),
  n("air-conditioning", l("空气净化器", "Purificador de Ar", "Purificador de Aire", "Air Purifier"), "842139", "8421399090", 4800, "flow", ["CADR 200 m³/h", "CADR 350 m³/h", "CADR 500 m³/h"], 6500, mains),
  n("cleaning-appliances", l("扫地机器人", "Aspirador Robô", "Robot Aspiradora", "Robot Vacuum"), "850811", "8508110000", 7600, "suction", ["2500 Pa", "3000 Pa", "4000 Pa"], 3600, mains),
  n("cleaning-appliances", l("无线手持吸尘器", "Aspirador Vertical sem Fio", "Aspiradora Vertical Inalámbrica", "Cordless Stick Vacuum"), "850811", "8508110000", 5200, "suction", ["18 kPa", "22 kPa", "25 kPa"], 2500, mains),
  n("cleaning-appliances", l("蒸汽拖把", "Mop a Vapor", "Trapeador de Vapor", "Steam Mop"), "851679", "8516799000", 2400, "power", ["1300 W", "1500 W"], 2400, mains),
  n("cleaning-appliances", l("手持挂烫机", "Vaporizador de Roupas Portátil", "Vaporizador de Ropa Portátil", "Handheld Garment Steamer"), "851640", "8516400000", 1100, "power", ["1000 W", "1200 W", "1500 W"], 900, mains),
  n("cleaning-appliances", l("干湿两用吸尘器", "Aspirador de Pó e Água", "Aspiradora de Polvo y Agua", "Wet and Dry Vacuum Cleaner"), "850819", "8508190000", 3100, "capacity", ["12 L", "20 L", "30 L"], 6000, mains),
  // printer consumables
  n("toner-cartridges", l("兼容硒鼓", "Cartucho de Toner Compatível", "Cartucho de Tóner Compatible", "Compatible Toner Cartridge"), "844399", "8443999090", 650, "yield", ["1500 pages", "2600 pages", "3000 pages", "10000 pages"], 800),
  n("toner-cartridges", l("再生硒鼓", "Cartucho de Toner Remanufaturado", "Cartucho de Tóner Remanufacturado", "Remanufactured Toner Cartridge"), "844399", "8443999090", 900, "yield", ["2300 pages", "3000 pages", "6000 pages"], 850),
  n("toner-cartridges", l("彩色硒鼓套装", "Kit de Toners Coloridos", "Juego de Tóneres de Color", "Colour Toner Cartridge Set"), "844399", "8443999090", 3200, "yield", ["4 x 1200 pages", "4 x 2300 pages"], 3200, { unit: "SET" }),
  n("toner-cartridges", l("碳粉填充套装", "Kit de Recarga de Toner", "Kit de Recarga de Tóner", "Toner Refill Kit"), "370790", "3707902000", 480, "weight", ["80 g", "100 g", "150 g"], 300, { unit: "SET" }),
  n("ink-cartridges", l("兼容墨盒", "Cartucho de Tinta Compatível", "Cartucho de Tinta Compatible", "Compatible Ink Cartridge"), "844399", "8443999090", 320, "capacity", ["8 ml", "12 ml", "18 ml"], 80),
  n("ink-cartridges", l("补充墨水套装", "Kit de Tinta para Recarga", "Kit de Tinta para Recarga", "Refill Ink Bottle Set"), "321519", "3215190000", 380, "capacity", ["4 x 70 ml", "4 x 100 ml", "4 x 1 L"], 450, { unit: "SET" }),
  n("ink-cartridges", l("连续供墨系统", "Sistema de Tinta Contínua", "Sistema de Tinta Continua", "Continuous Ink Supply System"), "844399", "8443999090", 1500, "capacity", ["4 x 100 ml", "6 x 100 ml"], 700),
  n("ink-cartridges", l("热转印墨水", "Tinta Sublimática", "Tinta de Sublimación", "Sublimation Ink"), "321519", "3215190000", 600, "capacity", ["100 ml", "500 ml", "1 L"], 600),
  n("printer-parts", l("兼容感光鼓", "Unidade de Cilindro Compatível", "Unidad de Tambor Compatible", "Compatible Drum Unit"), "844399", "8443999090", 520, "yield", ["12000 pages", "20000 pages"], 600),
  n("printer-parts", l("定影组件", "Unidade Fusora", "Unidad Fusora", "Fuser Unit"), "844399", "8443999090", 2800, "voltage", ["110V", "220V"], 1500),
  n("printer-parts", l("转印辊", "Rolo de Transferência", "Rodillo de Transferencia", "Transfer Roller"), "844399", "8443999090", 220, "dimensions", ["Ø 14 mm", "Ø 18 mm"], 60),
  n("printer-parts", l("硒鼓芯片", "Chip para Toner", "Chip para Tóner", "Toner Chip"), "854239", "8542399000", 45, "yield", ["3000 pages", "10000 pages"], 5),
  // phones and accessories
  n("smartphones", l("4G智能手机", "Smartphone 4G", "Celular Smartphone 4G", "4G Smartphone"), "851713", "8517130000", 8200, "memory", ["4 GB + 64 GB", "4 GB + 128 GB", "8 GB + 256 GB"], 195),
  n("smartphones", l("5G智能手机", "Smartphone 5G", "Celular Smartphone 5G", "5G Smartphone"), "851713", "8517130000", 14500, "memory", ["6 GB + 128 GB", "8 GB + 256 GB", "12 GB + 256 GB"], 200),
  n("smartphones", l("三防智能手机", "Smartphone Robusto à Prova d'Água", "Celular Uso Rudo a Prueba de Agua", "Rugged Smartphone"), "851713", "8517130000", 15800, "battery", ["8000 mAh", "10000 mAh"], 320),
  n("smartphones", l("功能手机", "Celular Simples com Teclado", "Teléfono Básico con Teclado", "Feature Phone"), "851714", "8517140000", 1250, "display", ['1.8"', '2.4"', '2.8"'], 90),
  n("chargers-cables", l("氮化镓快充充电器", "Carregador Turbo GaN", "Cargador Rápido GaN", "GaN Fast Charger"), "850440", "8504401400", 750, "power", ["33 W", "45 W", "65 W", "100 W"], 120, mains),
  n("chargers-cables", l("USB-C数据线", "Cabo USB-C", "Cable USB-C", "USB-C Charging Cable"), "854442", "8544421900", 90, "length", ["1 m", "1.5 m", "2 m"], 40),
  n("chargers-cables", l("无线充电器", "Carregador Sem Fio", "Cargador Inalámbrico", "Wireless Charging Pad"), "850440", "8504401400", 520, "power", ["10 W", "15 W"], 110),
  n("chargers-cables", l("车载充电器", "Carregador Veicular", "Cargador para Auto", "Car Charger"), "850440", "8504401400", 280, "power", ["30 W", "48 W", "60 W"], 40),
  n("power-banks", l("移动电源", "Bateria Portátil Power Bank", "Batería Portátil Power Bank", "Power Bank"), "850760", "8507600090", 520, "capacity", ["5000 mAh", "10000 mAh", "20000 mAh"], 220),
  n("power-banks", l("磁吸移动电源", "Bateria Portátil Magnética", "Batería Portátil Magnética", "Magnetic Power Bank"), "850760", "8507600090", 900, "capacity", ["5000 mAh", "10000 mAh"], 180),
  n("power-banks", l("户外移动电源", "Estação de Energia Portátil", "Estación de Energía Portátil", "Portable Power Station"), "850760", "8507600090", 16500, "capacity", ["300 Wh", "600 Wh", "1000 Wh"], 7000),
  n("power-banks", l("太阳能移动电源", "Bateria Portátil Solar", "Batería Portátil Solar", "Solar Power Bank"), "850760", "8507600090", 1100, "capacity", ["10000 mAh", "20000 mAh"], 380),
  n("phone-cases", l("防摔手机壳", "Capa Anti-Impacto para Celular", "Funda Antigolpes para Celular", "Shockproof Phone Case"), "392690", "3926909090", 55, "material", ["TPU", "TPU + PC"], 30),
  n("phone-cases", l("钢化玻璃膜", "Película de Vidro Temperado", "Mica de Vidrio Templado", "Tempered Glass Screen Protector"), "700719", "7007190000", 18, "dimensions", ["0.26 mm", "0.33 mm"], 15),
  n("phone-cases", l("翻盖皮套", "Capa Carteira para Celular", "Funda Cartera para Celular", "Wallet Phone Case"), "420232", "4202320000", 160, "material", ["PU"], 60),
  n("phone-cases", l("车载手机支架", "Suporte Veicular para Celular", "Soporte de Celular para Auto", "Car Phone Holder"), "392690", "3926909090", 140, "compatibility", ['4.7–6.9"', '5.5–7.2"'], 120),
  // watches
  n("smartwatches", l("智能手表", "Relógio Inteligente Smartwatch", "Reloj Inteligente Smartwatch", "Smartwatch"), "851762", "8517629900", 1750, "display", ['1.39"', '1.43"', '1.96"'], 50),
  n("smartwatches", l("儿童定位手表", "Relógio Infantil com GPS", "Reloj Infantil con GPS", "Kids' GPS Smartwatch"), "851762", "8517629900", 2900, "network", ["2G", "4G"], 60),
  n("smartwatches", l("智能手环", "Pulseira Inteligente", "Pulsera Inteligente", "Fitness Band"), "851762", "8517629900", 680, "display", ['0.96"', '1.1"', '1.47"'], 25),
  n("smartwatches", l("GPS运动手表", "Relógio Esportivo com GPS", "Reloj Deportivo con GPS", "GPS Sports Watch"), "851762", "8517629900", 3600, "runtime", ["30 h GPS", "50 h GPS"], 55),
  n("quartz-watches", l("男士石英表", "Relógio Masculino de Quartzo", "Reloj de Cuarzo para Caballero", "Men's Quartz Watch"), "910211", "9102110000", 1350, "case", ["40 mm", "42 mm", "44 mm"], 120),
  n("quartz-watches", l("女士石英表", "Relógio Feminino de Quartzo", "Reloj de Cuarzo para Dama", "Women's Quartz Watch"), "910211", "9102110000", 1100, "case", ["28 mm", "32 mm", "36 mm"], 60),
  n("quartz-watches", l("运动电子表", "Relógio Digital Esportivo", "Reloj Digital Deportivo", "Digital Sports Watch"), "910212", "9102120000", 380, "water", ["3 ATM", "5 ATM", "10 ATM"], 45),
  n("quartz-watches", l("计时码表", "Relógio Cronógrafo", "Reloj Cronógrafo", "Chronograph Watch"), "910211", "9102110000", 2400, "case", ["42 mm", "44 mm"], 140),
  n("quartz-watches", l("石英挂钟", "Relógio de Parede", "Reloj de Pared", "Quartz Wall Clock"), "910521", "9105210000", 450, "dimensions", ["Ø 30 cm", "Ø 35 cm", "Ø 40 cm"], 700),
  // bathroom fittings
  n("faucets", l("面盆龙头", "Torneira Monocomando para Lavatório", "Grifo Monomando para Lavabo", "Basin Mixer Tap"), "848180", "8481809000", 2100, "cartridge", ["35 mm", "40 mm"], 1150),
  n("faucets", l("厨房龙头", "Torneira para Cozinha", "Grifo de Cocina", "Kitchen Faucet"), "848180", "8481809000", 3300, "hose", ["40 cm", "50 cm", "60 cm"], 1800),
  n("faucets", l("入墙式龙头", "Torneira de Parede", "Llave de Pared", "Wall-Mounted Tap"), "848180", "8481809000", 1200, "connection", ['G 1/2"', 'G 3/4"'], 700),
  n("faucets", l("感应龙头", "Torneira com Sensor", "Grifo con Sensor", "Sensor Faucet"), "848180", "8481809000", 4200, "battery", ["4 x AA", "6 V DC"], 1300),
  n("faucets", l("浴缸龙头", "Misturador para Banheira", "Mezcladora para Tina", "Bathtub Mixer"), "848180", "8481809000", 3800, "connection", ['G 1/2"', 'G 3/4"'], 2200),
  n("showers", l("电热花洒", "Chuveiro Elétrico", "Regadera Eléctrica", "Electric Shower"), "851610", "8516100000", 720, "power", ["5500 W", "6800 W", "7500 W"], 650, mains),
  n("showers", l("顶喷花洒", "Chuveiro de Teto", "Regadera de Lluvia", "Rain Shower Head"), "848180", "8481809000", 1400, "overhead", ["200 mm", "250 mm", "300 mm"], 1100),
  n("showers", l("恒温花洒套装", "Conjunto de Chuveiro Termostático", "Columna de Regadera Termostática", "Thermostatic Shower Set"), "848180", "8481809000", 8200, "overhead", ["250 mm", "300 mm"], 6800, { unit: "SET" }),
  n("showers", l("手持花洒", "Ducha Higiênica", "Regadera de Mano", "Hand Shower"), "392490", "3924900000", 260, "flow", ["6 L/min", "8 L/min"], 250),
  n("bathroom-accessories", l("毛巾架", "Toalheiro", "Toallero", "Towel Rack"), "732490", "7324900000", 850, "length", ["45 cm", "60 cm", "80 cm"], 900),
  n("bathroom-accessories", l("卷纸架", "Papeleira", "Portarrollos", "Toilet Roll Holder"), "732490", "7324900000", 320, "length", ["15 cm", "18 cm"], 300),
  n("bathroom-accessories", l("皂液器", "Dispenser de Sabonete", "Dispensador de Jabón", "Soap Dispenser"), "392490", "3924900000", 450, "capacity", ["300 ml", "500 ml"], 350),
  n("bathroom-accessories", l("浴室镜柜", "Armário com Espelho para Banheiro", "Gabinete con Espejo para Baño", "Bathroom Mirror Cabinet"), "940320", "9403200000", 5600, "dimensions", ["60 x 70 cm", "80 x 70 cm"], 12000),
  n("bathroom-accessories", l("长条地漏", "Ralo Linear", "Coladera Lineal", "Linear Shower Drain"), "732490", "7324900000", 700, "length", ["30 cm", "60 cm", "80 cm"], 900),
  // LED lighting
  n("led-bulbs", l("A60 LED球泡灯", "Lâmpada LED Bulbo A60", "Foco LED A60", "A60 LED Bulb"), "853952", "8539520000", 40, "power", ["7 W", "9 W", "12 W", "15 W"], 50, mains),
  n("led-bulbs", l("LED灯丝灯", "Lâmpada de Filamento LED", "Foco LED de Filamento", "LED Filament Bulb"), "853952", "8539520000", 90, "power", ["4 W", "6 W", "8 W"], 45, mains),
  n("led-bulbs", l("LED玉米灯", "Lâmpada LED Milho", "Foco LED Tipo Mazorca", "LED Corn Bulb"), "853952", "8539520000", 420, "power", ["30 W", "50 W", "80 W"], 300, mains),
  n("led-bulbs", l("GU10 LED射灯", "Lâmpada LED Dicroica GU10", "Foco LED Dicroico GU10", "GU10 LED Spotlight"), "853952", "8539520000", 55, "power", ["5 W", "7 W"], 40, mains),
  n("led-bulbs", l("智能WiFi LED灯泡", "Lâmpada LED Inteligente Wi-Fi", "Foco LED Inteligente Wi-Fi", "Smart Wi-Fi LED Bulb"), "853952", "8539520000", 260, "power", ["9 W", "10 W"], 60, mains),
  n("led-panels", l("嵌入式LED面板灯", "Painel LED de Embutir", "Panel LED de Empotrar", "Recessed LED Panel"), "940542", "9405420000", 780, "power", ["36 W", "40 W", "48 W"], 2600, mains),
  n("led-panels", l("明装LED面板灯", "Painel LED de Sobrepor", "Panel LED de Sobreponer", "Surface LED Panel"), "940542", "9405420000", 380, "power", ["12 W", "18 W", "24 W"], 600, mains),
  n("led-panels", l("LED吸顶灯", "Plafon LED", "Plafón LED", "LED Ceiling Light"), "940542", "9405420000", 520, "power", ["18 W", "24 W", "36 W"], 900, mains),
  n("led-panels", l("LED线条灯", "Luminária Linear LED", "Luminaria Lineal LED", "LED Linear Batten"), "940542", "9405420000", 450, "length", ["60 cm", "120 cm", "150 cm"], 700, mains),
  n("led-strips", l("RGB LED灯带套装", "Fita LED RGB", "Tira LED RGB", "RGB LED Strip Kit"), "940542", "9405420000", 620, "length", ["5 m", "10 m", "20 m"], 400, { mains: true, unit: "SET" }),
  n("led-strips", l("COB LED灯带", "Fita LED COB", "Tira LED COB", "COB LED Strip"), "940542", "9405420000", 480, "length", ["5 m", "10 m"], 250, { unit: "ROLL" }),
  n("led-strips", l("LED柔性霓虹灯带", "Mangueira Neon LED", "Manguera Neón LED", "LED Neon Flex"), "940542", "9405420000", 950, "length", ["5 m", "10 m", "50 m"], 900, { unit: "ROLL" }),
  n("led-strips", l("LED灯带电源", "Fonte para Fita LED", "Fuente para Tira LED", "LED Strip Power Supply"), "850440", "8504401400", 420, "power", ["60 W", "100 W", "150 W"], 400, mains),
  n("outdoor-lighting", l("LED投光灯", "Refletor LED", "Reflector LED", "LED Floodlight"), "940542", "9405420000", 1300, "power", ["50 W", "100 W", "150 W", "200 W"], 1500, mains),
  n("outdoor-lighting", l("太阳能路灯", "Poste Solar LED", "Lámpara Solar para Alumbrado Público", "Solar Street Light"), "940542", "9405420000", 3500, "power", ["100 W", "200 W", "300 W"], 4500),
  n("outdoor-lighting", l("LED工矿灯", "Luminária LED High Bay", "Campana LED Industrial", "LED High Bay Light"), "940542", "9405420000", 2900, "power", ["100 W", "150 W", "200 W"], 3200, mains),
  n("outdoor-lighting", l("太阳能草坪灯", "Luminária Solar de Jardim", "Lámpara Solar de Jardín", "Solar Garden Light"), "940542", "9405420000", 180, "flux", ["20 lm", "50 lm", "100 lm"], 200),
  n("outdoor-lighting", l("LED壁灯", "Arandela LED Externa", "Arbotante LED de Exterior", "Outdoor LED Wall Light"), "940542", "9405420000", 650, "power", ["12 W", "20 W", "30 W"], 700, mains),
];

/** The six kinds of manufacturer, by the top-level category of what they make. */
const GROUPS = ["home-appliances", "printer-consumables", "phones-accessories", "watches", "bathroom-fittings", "led-lighting"] as const;
const GROUP_OF: Record<string, number> = {
  "kitchen-appliances": 0, "air-conditioning": 0, "cleaning-appliances": 0,
  "toner-cartridges": 1, "ink-cartridges": 1, "printer-parts": 1,
  smartphones: 2, "chargers-cables": 2, "power-banks": 2, "phone-cases": 2,
  smartwatches: 3, "quartz-watches": 3,
  faucets: 4, showers: 4, "bathroom-accessories": 4,
  "led-bulbs": 5, "led-panels": 5, "led-strips": 5, "outdoor-lighting": 5,
};

/** Phrases that qualify any product of the group: a suffix in pt, es and en, a prefix in zh. */
const FEATURES: L4[][] = [
  [
    l("数显", "com Display Digital", "con Pantalla Digital", "with Digital Display"),
    l("定时", "com Timer", "con Temporizador", "with Timer"),
    l("不锈钢", "em Aço Inox", "de Acero Inoxidable", "in Stainless Steel"),
    l("节能", "com Modo Econômico", "con Modo Ahorro", "with Energy-Saving Mode"),
    l("遥控", "com Controle Remoto", "con Control Remoto", "with Remote Control"),
    l("WiFi智能", "com Controle por App Wi-Fi", "con Control por App Wi-Fi", "with Wi-Fi App Control"),
    l("酒店办公用", "para Hotéis e Escritórios", "para Hoteles y Oficinas", "for Hotels and Offices"),
    l("静音系列", "Linha Silenciosa", "Línea Silenciosa", "Silent Series"),
  ],
  [
    l("带芯片", "com Chip", "con Chip", "with Chip"),
    l("高容量", "de Alto Rendimento", "de Alto Rendimiento", "High Yield"),
    l("中性包装", "em Embalagem Neutra", "en Empaque Neutro", "in Neutral Packaging"),
    l("优质", "Linha Premium", "Línea Premium", "Premium Line"),
    l("办公用", "para Escritório", "para Oficina", "for Office Use"),
    l("环保", "Ecológico ISO 14001", "Ecológico ISO 14001", "Eco ISO 14001"),
  ],
  [
    l("快充", "com Carga Rápida", "con Carga Rápida", "with Fast Charging"),
    l("拉美版", "Edição América Latina", "Edición América Latina", "Latin America Edition"),
    l("Type-C接口", "com USB-C", "con USB-C", "with USB-C"),
    l("零售包装", "em Embalagem de Varejo", "en Empaque para Menudeo", "in Retail Packaging"),
    l("可贴牌", "com Opção OEM", "con Opción OEM", "OEM Available"),
    l("2025款", "Modelo 2025", "Modelo 2025", "2025 Model"),
  ],
  [
    l("防水", "à Prova d'Água", "a Prueba de Agua", "Waterproof"),
    l("不锈钢表壳", "com Caixa de Aço Inox", "con Caja de Acero Inoxidable", "with Stainless Steel Case"),
    l("运动款", "Edição Esportiva", "Edición Deportiva", "Sport Edition"),
    l("商务款", "Estilo Executivo", "Estilo Ejecutivo", "Business Style"),
    l("礼盒装", "com Caixa de Presente", "con Caja de Regalo", "with Gift Box"),
    l("2025新款", "Coleção 2025", "Colección 2025", "2025 Collection"),
  ],
  [
    l("黄铜镀铬", "em Latão Cromado", "de Latón Cromado", "in Chrome-Plated Brass"),
    l("哑光黑", "com Acabamento Preto Fosco", "con Acabado Negro Mate", "in Matte Black"),
    l("304不锈钢", "em Aço Inox 304", "de Acero Inoxidable 304", "in 304 Stainless Steel"),
    l("拉丝金", "com Acabamento Dourado Escovado", "con Acabado Dorado Cepillado", "in Brushed Gold"),
    l("节水", "com Arejador Economizador", "con Aireador Ahorrador", "with Water-Saving Aerator"),
    l("酒店工程款", "para Hotéis", "para Hoteles", "for Hotels"),
  ],
  [
    l("6500K冷白光", "Branco Frio 6500K", "Luz Fría 6500K", "6500K Cool White"),
    l("3000K暖白光", "Branco Quente 3000K", "Luz Cálida 3000K", "3000K Warm White"),
    l("可调光", "Dimerizável", "Regulable", "Dimmable"),
    l("IP65防水", "IP65 à Prova d'Água", "IP65 a Prueba de Agua", "IP65 Waterproof"),
    l("高光效", "de Alta Eficiência 120 lm/W", "de Alta Eficiencia 120 lm/W", "High Efficiency 120 lm/W"),
    l("人体感应", "com Sensor de Presença", "con Sensor de Movimiento", "with Motion Sensor"),
    l("无频闪", "sem Cintilação", "sin Parpadeo", "Flicker-Free"),
  ],
];

/** What each kind of manufacturer says about its line (one sentence of every long description). */
const GROUP_PITCH: L4[] = [
  l(
    "针对拉美127V和220V电网设计，出厂即配目的国插头。",
    "Projetado para as redes de 127 V e 220 V da América Latina, com o plugue do país de destino instalado na fábrica.",
    "Diseñado para las redes de 127 V y 220 V de América Latina, con la clavija del país de destino instalada en fábrica.",
    "Designed for the 127 V and 220 V grids of Latin America, with the destination's plug fitted at the factory.",
  ),
  l(
    "按ISO/IEC标准在适用机型上测试打印质量，不漏粉、无条纹。",
    "Qualidade de impressão testada pelas normas ISO/IEC nas impressoras indicadas, sem vazamentos e sem manchas.",
    "Calidad de impresión probada según normas ISO/IEC en las impresoras indicadas, sin fugas ni rayas.",
    "Print quality tested to ISO/IEC standards on the printers listed, with no leaks and no streaks.",
  ),
  l(
    "适配拉美市场在售手机和网络，含电池产品提供UN38.3和MSDS文件。",
    "Feito para os celulares e redes vendidos na América Latina, com documentos UN38.3 e FISPQ quando há baterias.",
    "Hecho para los celulares y redes que se venden en América Latina, con documentos UN38.3 y MSDS cuando lleva baterías.",
    "Made for the phones and networks sold in Latin America, with UN38.3 and MSDS documents where batteries are inside.",
  ),
  l(
    "采用日本机芯和316L钢或树脂表壳，自有车间组装和检验。",
    "Mecanismos japoneses e caixas de aço 316L ou resina, montados e inspecionados em nossa própria oficina.",
    "Mecanismos japoneses y cajas de acero 316L o resina, ensamblados e inspeccionados en nuestro propio taller.",
    "Japanese movements and 316L steel or resin cases, assembled and inspected in our own workshop.",
  ),
  l(
    "低铅黄铜和陶瓷阀芯，通过50万次测试；提供适配巴西、墨西哥和欧洲管路的接头。",
    "Latão de baixo teor de chumbo e cartuchos cerâmicos testados em 500 mil ciclos; conexões para as instalações brasileiras, mexicanas e europeias.",
    "Latón bajo en plomo y cartuchos cerámicos probados a 500 mil ciclos; conexiones para instalaciones brasileñas, mexicanas y europeas.",
    "Low-lead brass and ceramic cartridges tested to 500,000 cycles; fittings for Brazilian, Mexican and European plumbing.",
  ),
  l(
    "高光效LED芯片、铝基板和隔离驱动，包装前老化测试4小时。",
    "Chips LED de alta eficiência em placas de alumínio e drivers isolados, com 4 horas de envelhecimento antes de embalar.",
    "Chips LED de alta eficiencia en placas de aluminio y drivers aislados, con 4 horas de envejecimiento antes de empacar.",
    "High-efficiency LED chips on aluminium boards and isolated drivers, burned in for 4 hours before packing.",
  ),
];

const PITCHES: L4[] = [
  l(
    "每台产品包装前均经过功能测试，每箱贴有批次标签，便于追溯。",
    "Cada unidade é testada antes de embalar, e cada caixa leva uma etiqueta de lote para rastreabilidade.",
    "Cada unidad se prueba antes de empacar, y cada caja lleva una etiqueta de lote para su trazabilidad.",
    "Every unit is function-tested before packing, and each carton carries a batch label for traceability.",
  ),
  l(
    "支持OEM和贴牌，可在产品和彩盒上印制买家Logo。",
    "Disponível em OEM e marca própria, com o logotipo do comprador no produto e na caixa.",
    "Disponible en OEM y marca propia, con el logotipo del comprador en el producto y la caja.",
    "OEM and private label are available, with the buyer's logo on the product and the colour box.",
  ),
  l(
    "附葡萄牙语、西班牙语和英语说明书，配件供应五年。",
    "Manual em português, espanhol e inglês; peças de reposição garantidas por cinco anos.",
    "Instructivo en español, portugués e inglés; refacciones garantizadas por cinco años.",
    "Manuals in Portuguese, Spanish and English; spare parts kept for five years.",
  ),
  l(
    "从珠海海运或空运发货，可与本厂其他产品混装整柜。",
    "Embarque por Zhuhai, marítimo ou aéreo; aceitamos contêineres mistos com outros itens da nossa linha.",
    "Embarque desde Zhuhai por mar o aire; aceptamos contenedores mixtos con otros artículos de nuestra línea.",
    "Shipped from Zhuhai by sea or air; mixed containers with other items of our range are welcome.",
  ),
  l(
    "工厂通过ISO 9001认证，可安排第三方验货。",
    "Fábrica certificada ISO 9001; aceitamos inspeção de terceiros antes do embarque.",
    "Fábrica certificada ISO 9001; aceptamos inspección de terceros antes del embarque.",
    "ISO 9001 certified factory; third-party inspection before shipment is welcome.",
  ),
  l(
    "标准出口纸箱包装，可按买家要求提供托盘和条形码。",
    "Embalagem em caixa de exportação padrão; paletização e código de barras conforme o pedido do comprador.",
    "Empaque en caja de exportación estándar; tarimas y código de barras según el pedido del comprador.",
    "Standard export cartons; pallets and barcodes to the buyer's specification.",
  ),
];

const SHORT_TEMPLATE: L4 = l(
  "{feature}{noun}，{label}{attr}。起订量{moq}，{incoterm}珠海。",
  "{noun} {feature}, {label_lc} {attr}. Pedido mínimo de {moq} unidades, {incoterm} Zhuhai.",
  "{noun} {feature}, {label_lc} {attr}. Pedido mínimo de {moq} piezas, {incoterm} Zhuhai.",
  "{noun} {feature}, {label_lc} {attr}. Minimum order {moq} units, {incoterm} Zhuhai.",
);

/** Latin-script names of the generated manufacturers: two syllables and what they make. */
const SYLLABLES: [string, string][] = [
  ["华", "Hua"], ["新", "Xin"], ["金", "Jin"], ["美", "Mei"], ["康", "Kang"], ["泰", "Tai"], ["宏", "Hong"], ["达", "Da"], ["利", "Li"], ["盛", "Sheng"],
  ["远", "Yuan"], ["恒", "Heng"], ["嘉", "Jia"], ["德", "De"], ["安", "An"], ["鑫", "Xin"], ["源", "Yuan"], ["海", "Hai"], ["粤", "Yue"], ["晟", "Cheng"],
];
const INDUSTRY: { zh: string; en: string }[] = [
  { zh: "电器", en: "Electric Appliances" },
  { zh: "打印耗材", en: "Printing Supplies" },
  { zh: "通讯科技", en: "Communication Technology" },
  { zh: "钟表", en: "Watch" },
  { zh: "卫浴", en: "Sanitary Ware" },
  { zh: "照明", en: "Lighting" },
];
const DISTRICTS = ["香洲区", "金湾区", "斗门区", "高新区", "横琴新区"];
const CERT_SCHEMES: string[][] = [
  ["INMETRO", "NOM", "CE", "ROHS", "RETIE", "SEC"],
  ["ROHS", "CE"],
  ["ANATEL", "IFT", "CE", "ROHS"],
  ["ANATEL", "IFT", "CE", "ROHS"],
  ["NOM", "CE", "INMETRO"],
  ["INMETRO", "NOM", "CE", "ROHS", "RETIE", "SEC"],
];

// ─── Generation (SQL) ────────────────────────────────────────────────────────────────────────────────────────

const CHUNK = 10_000;

function elapsed(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

/** The vocabulary and the manufacturers, as working tables (_bench_*, dropped at the end), and the manufacturers' rows. */
async function loadVocabulary(client: pg.Client, manufacturers: number) {
  const nouns = NOUNS.map((noun, ord) => {
    const group = GROUP_OF[noun.category]!;
    return {
      ord,
      grp: group,
      category: noun.category,
      zh: noun.name.zh, pt: noun.name.pt, es: noun.name.es, en: noun.name.en,
      hs: noun.hs, hs_cn: noun.hsCn, usd_cents: noun.usdCents,
      label_zh: LABEL[noun.attr].zh, label_pt: LABEL[noun.attr].pt, label_es: LABEL[noun.attr].es, label_en: LABEL[noun.attr].en,
      vals: noun.values, weight_g: noun.netWeightG, mains: Boolean(noun.mains), unit: noun.unit ?? "PIECE",
    };
  });
  const features = FEATURES.flatMap((list, grp) => list.map((f, fi) => ({ grp, fi, ...f })));
  const groups = GROUPS.map((slug, grp) => ({
    grp,
    slug,
    nouns: nouns.filter((x) => x.grp === grp).length,
    features: FEATURES[grp]!.length,
    schemes: CERT_SCHEMES[grp]!,
    pitch_zh: GROUP_PITCH[grp]!.zh, pitch_pt: GROUP_PITCH[grp]!.pt, pitch_es: GROUP_PITCH[grp]!.es, pitch_en: GROUP_PITCH[grp]!.en,
  }));
  const pitches = PITCHES.map((p, pi) => ({ pi, ...p }));
  const labels = Object.fromEntries(LANGS.map((lang) => [lang, { voltage: LABEL.voltage[lang], model: LABEL.model[lang], origin: LABEL.origin[lang], warranty: LABEL.warranty[lang] }]));

  await client.query(`
    CREATE UNLOGGED TABLE _bench_noun AS
    SELECT x.*, (row_number() OVER (PARTITION BY x.grp ORDER BY x.ord) - 1)::int AS gi
    FROM jsonb_to_recordset($1::jsonb) AS x(grp int, category text, zh text, pt text, es text, en text, hs text, hs_cn text,
      usd_cents int, label_zh text, label_pt text, label_es text, label_en text, vals text[], weight_g int, mains boolean, unit text, ord int)`, [JSON.stringify(nouns)]);
  await client.query(`ALTER TABLE _bench_noun ADD COLUMN category_id uuid`);
  await client.query(`UPDATE _bench_noun n SET category_id = c.id FROM "Category" c WHERE c.slug = n.category`);
  const missing = await client.query(`SELECT category FROM _bench_noun WHERE category_id IS NULL`);
  if (missing.rowCount) throw new Error(`categories missing: ${missing.rows.map((r) => r.category).join(", ")}`);
  await client.query(`CREATE UNLOGGED TABLE _bench_feature AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(grp int, fi int, zh text, pt text, es text, en text)`, [JSON.stringify(features)]);
  await client.query(`CREATE UNLOGGED TABLE _bench_group AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(grp int, slug text, nouns int, features int, schemes text[], pitch_zh text, pitch_pt text, pitch_es text, pitch_en text)`, [JSON.stringify(groups)]);
  await client.query(`CREATE UNLOGGED TABLE _bench_pitch AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(pi int, zh text, pt text, es text, en text)`, [JSON.stringify(pitches)]);
  await client.query(`CREATE UNLOGGED TABLE _bench_label AS SELECT key AS locale, value->>'voltage' AS voltage, value->>'model' AS model, value->>'origin' AS origin, value->>'warranty' AS warranty FROM jsonb_each($1::jsonb)`, [JSON.stringify(labels)]);
  await client.query(`CREATE UNLOGGED TABLE _bench_template AS SELECT key AS locale, value #>> '{}' AS short FROM jsonb_each($1::jsonb)`, [JSON.stringify(SHORT_TEMPLATE)]);

  // Manufacturers: organization, one brand each; group = what they make.
  await client.query(
    `CREATE UNLOGGED TABLE _bench_org AS
     SELECT k, k % 6 AS grp, gen_random_uuid() AS id, gen_random_uuid() AS brand_id,
       s.a_zh || s.b_zh AS zh_name, s.a_en || lower(s.b_en) AS latin,
       upper(left(s.a_en, 1) || left(s.b_en, 1)) || k AS prefix
     FROM generate_series(0, $1::int - 1) AS k
     CROSS JOIN LATERAL (
       SELECT ($2::jsonb -> (k % 20) ->> 0) AS a_zh, ($2::jsonb -> (k % 20) ->> 1) AS a_en,
              ($2::jsonb -> ((k / 20 + k % 20 + 1) % 20) ->> 0) AS b_zh, ($2::jsonb -> ((k / 20 + k % 20 + 1) % 20) ->> 1) AS b_en
     ) s`,
    [manufacturers, JSON.stringify(SYLLABLES)],
  );
  await client.query(`CREATE UNIQUE INDEX ON _bench_org (k)`);
  await client.query(
    `INSERT INTO "Organization" (id, kind, name, "legalNameZh", "legalNameLatin", "countryCode", city, region, "addressLine1", "postalCode", "taxId",
       "verificationStatus", "verifiedAt", "createdAt", "updatedAt")
     SELECT o.id, 'MANUFACTURER', o.latin || ' ' || (($1::jsonb) -> o.grp ->> 'en') || ' Co.',
       '珠海' || o.zh_name || (($1::jsonb) -> o.grp ->> 'zh') || '有限公司',
       'Zhuhai ' || o.latin || ' ' || (($1::jsonb) -> o.grp ->> 'en') || ' Co., Ltd.',
       'CN', '珠海 Zhuhai', '广东 Guangdong', ($2::jsonb ->> (o.k % 5)) || '工业路 ' || (o.k + 1) || ' 号', '519000',
       '91440400MA' || upper(substr(md5(o.id::text), 1, 8)),
       CASE WHEN o.k % 5 = 0 THEN 'PENDING' ELSE 'VERIFIED' END::"VerificationStatus",
       CASE WHEN o.k % 5 = 0 THEN NULL ELSE now() - interval '400 days' END,
       now() - interval '420 days', now()
     FROM _bench_org o`,
    [JSON.stringify(INDUSTRY), JSON.stringify(DISTRICTS)],
  );
  await client.query(
    `INSERT INTO "Brand" (id, "organizationId", name, slug, story, "createdAt", "updatedAt")
     SELECT o.brand_id, o.id, o.latin, lower(o.latin),
       jsonb_build_object('zh', o.zh_name || '品牌，珠海制造。', 'pt', 'Marca ' || o.latin || ', fabricada em Zhuhai.',
                          'es', 'Marca ' || o.latin || ', fabricada en Zhuhai.', 'en', o.latin || ', made in Zhuhai.'),
       now() - interval '400 days', now()
     FROM _bench_org o`,
  );
}

/**
 * One chunk of products [from, to]: the plan (every choice made from hashes of the product number, so a rerun
 * makes the same catalog), then one INSERT … SELECT per table.
 */
async function generateChunk(client: pg.Client, from: number, to: number, total: number, manufacturers: number, cnyRate: string) {
  await client.query(`DROP TABLE IF EXISTS bench_plan`);
  await client.query(
    `CREATE TEMP TABLE bench_plan AS
     WITH g AS (
       SELECT i, ${Array.from({ length: 16 }, (_, s) => `(hashint8extended(i::bigint, ${s + 1}) & 2147483647)::bigint AS h${s + 1}`).join(", ")}
       FROM generate_series($1::int, $2::int) AS i
     ), base AS (
       SELECT g.*, o.id AS org_id, o.brand_id, o.prefix, o.grp, gr.schemes, gr.pitch_zh, gr.pitch_pt, gr.pitch_es, gr.pitch_en,
         n.category_id, n.zh AS n_zh, n.pt AS n_pt, n.es AS n_es, n.en AS n_en, n.hs, n.hs_cn, n.usd_cents,
         n.label_zh, n.label_pt, n.label_es, n.label_en, n.weight_g, n.mains, n.unit,
         n.vals[1 + (g.h4 % cardinality(n.vals))] AS attr,
         f.zh AS f_zh, f.pt AS f_pt, f.es AS f_es, f.en AS f_en,
         o.prefix || '-' || lpad((g.h5 % 10000)::text, 4, '0') AS model,
         -- The catalog grew over 400 days: product i was created at a steady pace; published within 3 days.
         (now() - interval '400 days' + (g.i::float8 / $3::float8) * interval '399 days')::timestamp(3) AS created_at
       FROM g
       JOIN _bench_org o ON o.k = g.h1 % $4::int
       JOIN _bench_group gr ON gr.grp = o.grp
       JOIN _bench_noun n ON n.grp = o.grp AND n.gi = g.h2 % gr.nouns
       JOIN _bench_feature f ON f.grp = o.grp AND f.fi = g.h3 % gr.features
     ), priced AS (
       SELECT b.*,
         (lpad(to_hex((extract(epoch FROM b.created_at) * 1000)::bigint), 12, '0') || '7' || substr(md5(b.i::text), 1, 3) || '8' || substr(md5(b.i::text || 'p'), 1, 15))::uuid AS id,
         CASE WHEN b.h6 % 10 < 3 THEN 'CNY' ELSE 'USD' END AS currency,
         CASE WHEN b.usd_cents >= 10000 THEN (ARRAY[20, 50, 100])[1 + b.h7 % 3]
              WHEN b.usd_cents >= 2000 THEN (ARRAY[100, 200, 300, 500])[1 + b.h7 % 4]
              WHEN b.usd_cents >= 300 THEN (ARRAY[300, 500, 1000, 2000])[1 + b.h7 % 4]
              ELSE (ARRAY[1000, 3000, 5000, 10000])[1 + b.h7 % 4] END AS moq,
         (ARRAY[2, 3, 5])[1 + b.h8 % 3] AS step2, (ARRAY[2, 3, 4])[1 + b.h9 % 3] AS step3,
         greatest(3, (b.usd_cents * (80 + b.h10 % 45) / 100))::bigint AS usd1,
         CASE WHEN b.h11 % 100 < 96 THEN 'PUBLISHED' WHEN b.h11 % 100 < 99 THEN 'DRAFT' ELSE 'UNPUBLISHED' END AS status
       FROM base b
     )
     SELECT p.*,
       CASE WHEN p.currency = 'CNY' THEN round(p.usd1 * $5::numeric)::bigint ELSE p.usd1 END AS price1,
       p.moq * p.step2 AS q2, p.moq * p.step2 * p.step3 AS q3,
       CASE WHEN p.status = 'DRAFT' THEN NULL ELSE least(now()::timestamp(3), p.created_at + (p.h12 % 72) * interval '1 hour') END AS published_at,
       1 + p.h13 % 3 AS variant_count,
       CASE WHEN p.h14 % 100 < 35 THEN 1 + p.h15 % least(3, cardinality(p.schemes)) ELSE 0 END AS cert_count
     FROM priced p`,
    [from, to, total, manufacturers, cnyRate],
  );
  await client.query(`
    ALTER TABLE bench_plan ADD COLUMN price2 bigint, ADD COLUMN price3 bigint, ADD COLUMN name_en text, ADD COLUMN slug text;
    UPDATE bench_plan SET price2 = greatest(1, price1 * (90 + h8 % 7) / 100), name_en = n_en || ' ' || attr || ' ' || f_en || ' ' || model;
    UPDATE bench_plan SET price3 = greatest(1, price2 * (88 + h9 % 8) / 100),
      slug = trim(both '-' FROM lower(regexp_replace(unaccent(name_en), '[^A-Za-z0-9]+', '-', 'g'))) || '-' || i;`);

  await client.query(
    `INSERT INTO "Product" (id, "organizationId", "brandId", "categoryId", slug, status, "sourceLocale", "originCountry", "hsCode", "hsCodeCn",
       "unitOfSale", "packSize", moq, "currencyCode", incoterm, "leadTimeDays", "sampleAvailable", "samplePriceMinor",
       "minUnitPriceMinor", "referencePriceUsdMinor", "publishedAt", "createdAt", "updatedAt")
     SELECT id, org_id, brand_id, category_id, slug, status::"ProductStatus", 'zh', 'CN', hs, hs_cn,
       unit::"UnitOfSale",
       CASE WHEN weight_g >= 5000 THEN 1 WHEN weight_g >= 1000 THEN (ARRAY[2, 4, 6])[1 + h16 % 3] WHEN weight_g >= 200 THEN (ARRAY[10, 20, 24])[1 + h16 % 3] ELSE (ARRAY[50, 100, 200])[1 + h16 % 3] END,
       moq, currency, CASE WHEN h16 % 4 = 0 THEN 'EXW' ELSE 'FOB' END::"Incoterm", 7 + (h12 % 50),
       h13 % 10 < 6, CASE WHEN h13 % 10 < 6 THEN (CASE WHEN h13 % 10 < 2 THEN 0 ELSE price1 * 2 END) END,
       price3, CASE WHEN currency = 'CNY' THEN round(price3 / $1::numeric)::bigint ELSE price3 END,
       published_at, created_at, coalesce(published_at, created_at)
     FROM bench_plan`,
    [cnyRate],
  );

  // Four translations: zh is the source; pt and es are machine-translated for some products.
  await client.query(
    `INSERT INTO "ProductTranslation" (id, "organizationId", "productId", locale, name, "shortDescription", "longDescription", specifications, source, "updatedAt")
     SELECT (substr(p.id::text, 1, 14) || '7' || substr(md5(p.i::text || l.locale), 1, 3) || '-8' || substr(md5(p.i::text || l.locale || 't'), 1, 15))::uuid,
       p.org_id, p.id, l.locale::"Locale", x.name, x.short, x.long,
       jsonb_build_array(
         jsonb_build_object('label', x.label, 'value', x.attr),
         jsonb_build_object('label', bl.model, 'value', p.model),
         jsonb_build_object('label', bl.origin, 'value', CASE l.locale WHEN 'zh' THEN '中国珠海' ELSE 'Zhuhai, China' END),
         jsonb_build_object('label', bl.warranty, 'value', CASE l.locale WHEN 'zh' THEN (12 + 12 * (p.h10 % 2)) || '个月' WHEN 'en' THEN (12 + 12 * (p.h10 % 2)) || ' months' ELSE (12 + 12 * (p.h10 % 2)) || ' meses' END)
       ) || CASE WHEN p.mains THEN jsonb_build_array(jsonb_build_object('label', bl.voltage, 'value', '127 V / 220 V')) ELSE '[]'::jsonb END,
       CASE WHEN l.locale IN ('pt', 'es') AND p.h14 % 100 >= 92 THEN 'MACHINE' ELSE 'HUMAN' END::"TranslationSource",
       coalesce(p.published_at, p.created_at)
     FROM bench_plan p
     CROSS JOIN (VALUES ('zh'), ('pt'), ('es'), ('en')) AS l(locale)
     JOIN _bench_label bl ON bl.locale = l.locale
     JOIN _bench_template tpl ON tpl.locale = l.locale
     JOIN _bench_pitch p1 ON p1.pi = p.h15 % 6
     JOIN _bench_pitch p2 ON p2.pi = (p.h15 + 1 + p.h16 % 5) % 6
     CROSS JOIN LATERAL (
       SELECT
         CASE l.locale WHEN 'zh' THEN p.f_zh || p.n_zh || ' ' || p.attr || ' ' || p.model
                       WHEN 'pt' THEN p.n_pt || ' ' || replace(p.attr, '.', ',') || ' ' || p.f_pt || ' ' || p.model
                       WHEN 'es' THEN p.n_es || ' ' || p.attr || ' ' || p.f_es || ' ' || p.model
                       ELSE p.name_en END AS name,
         CASE l.locale WHEN 'zh' THEN p.label_zh WHEN 'pt' THEN p.label_pt WHEN 'es' THEN p.label_es ELSE p.label_en END AS label,
         CASE l.locale WHEN 'pt' THEN replace(p.attr, '.', ',') ELSE p.attr END AS attr,
         CASE l.locale WHEN 'zh' THEN p1.zh || p2.zh WHEN 'pt' THEN p1.pt || ' ' || p2.pt WHEN 'es' THEN p1.es || ' ' || p2.es ELSE p1.en || ' ' || p2.en END AS pitches,
         CASE l.locale WHEN 'zh' THEN p.pitch_zh WHEN 'pt' THEN p.pitch_pt WHEN 'es' THEN p.pitch_es ELSE p.pitch_en END AS pitch
     ) y
     CROSS JOIN LATERAL (
       SELECT y.name, y.label, y.attr,
         replace(replace(replace(replace(replace(replace(replace(tpl.short,
           '{feature}', CASE l.locale WHEN 'zh' THEN p.f_zh WHEN 'pt' THEN p.f_pt WHEN 'es' THEN p.f_es ELSE p.f_en END),
           '{noun}', CASE l.locale WHEN 'zh' THEN p.n_zh WHEN 'pt' THEN p.n_pt WHEN 'es' THEN p.n_es ELSE p.n_en END),
           '{label_lc}', lower(y.label)), '{label}', y.label), '{attr}', y.attr), '{moq}', p.moq::text), '{incoterm}', CASE WHEN p.h16 % 4 = 0 THEN 'EXW' ELSE 'FOB' END) AS short,
         NULL::text AS long
     ) x0
     CROSS JOIN LATERAL (
       SELECT x0.name, x0.label, x0.attr, x0.short,
         x0.short || CASE l.locale WHEN 'zh' THEN '' ELSE ' ' END || y.pitch || CASE l.locale WHEN 'zh' THEN '' ELSE ' ' END || y.pitches AS long
     ) x`,
  );

  // 1–3 variants: voltage and plug per market for mains products, colours for the rest.
  await client.query(
    `INSERT INTO "ProductVariant" (id, "organizationId", "productId", sku, voltage, "plugType", color, capacity, "netWeightG", "grossWeightG", "lengthMm", "widthMm", "heightMm", position)
     SELECT (substr(p.id::text, 1, 14) || '7' || substr(md5(p.i::text || 'v' || v), 1, 3) || '-8' || substr(md5(p.i::text || 'v' || v || 'x'), 1, 15))::uuid,
       p.org_id, p.id, p.prefix || '-' || p.i || '-' || v,
       CASE WHEN p.mains THEN (ARRAY['127V', '220V', '127V', '230V', '100-240V'])[1 + (p.h7 + v) % 5] END,
       CASE WHEN p.mains THEN (ARRAY['N', 'N', 'A/B', 'F', 'C'])[1 + (p.h7 + v) % 5] END,
       (ARRAY['Black', 'White', 'Silver', 'Grey', 'Blue', 'Red', 'Rose gold', 'Green'])[1 + (p.h8 + v) % 8],
       p.attr,
       w.net, (w.net * 1.18)::int + 20,
       greatest(20, (power(w.net, 1.0 / 3) * 9.5)::int + 30), greatest(15, (power(w.net, 1.0 / 3) * 7)::int + 20), greatest(10, (power(w.net, 1.0 / 3) * 6)::int + 15),
       v - 1
     FROM bench_plan p
     CROSS JOIN LATERAL generate_series(1, p.variant_count) AS v
     CROSS JOIN LATERAL (SELECT greatest(1, (p.weight_g * (90 + (p.h9 + v) % 25) / 100))::int AS net) w`,
  );

  await client.query(
    `INSERT INTO "PriceTier" (id, "organizationId", "productId", "minQuantity", "unitPriceMinor")
     SELECT (substr(p.id::text, 1, 14) || '7' || substr(md5(p.i::text || 't' || t.n), 1, 3) || '-8' || substr(md5(p.i::text || 't' || t.n || 'x'), 1, 15))::uuid,
       p.org_id, p.id, t.q, t.price
     FROM bench_plan p
     CROSS JOIN LATERAL (VALUES (1, p.moq, p.price1), (2, p.q2, p.price2), (3, p.q3, p.price3)) AS t(n, q, price)`,
  );
  await client.query(
    `INSERT INTO "PriceChange" (id, "organizationId", "productId", "changedById", "currencyCode", "tiersBefore", "tiersAfter", "createdAt")
     SELECT (substr(p.id::text, 1, 14) || '7' || substr(md5(p.i::text || 'pc'), 1, 3) || '-8' || substr(md5(p.i::text || 'pcx'), 1, 15))::uuid,
       p.org_id, p.id, NULL, p.currency, '[]'::jsonb,
       jsonb_build_array(
         jsonb_build_object('minQuantity', p.moq, 'unitPriceMinor', p.price1::text, 'currencyCode', p.currency),
         jsonb_build_object('minQuantity', p.q2, 'unitPriceMinor', p.price2::text, 'currencyCode', p.currency),
         jsonb_build_object('minQuantity', p.q3, 'unitPriceMinor', p.price3::text, 'currencyCode', p.currency)),
       p.created_at
     FROM bench_plan p`,
  );

  // Certifications for about a third: consecutive schemes of the manufacturer's kind; some have expired.
  await client.query(
    `INSERT INTO "ProductCertification" (id, "organizationId", "productId", "schemeCode", number, "expiresOn")
     SELECT (substr(p.id::text, 1, 14) || '7' || substr(md5(p.i::text || 'c' || c), 1, 3) || '-8' || substr(md5(p.i::text || 'c' || c || 'x'), 1, 15))::uuid,
       p.org_id, p.id, s.scheme,
       CASE s.scheme
         WHEN 'INMETRO' THEN 'Registro ' || lpad(((p.h5 + c * 7919) % 999999)::text, 6, '0') || '/' || (2022 + (p.h6 + c) % 4)
         WHEN 'ANATEL' THEN lpad(((p.h5 + c) % 99999)::text, 5, '0') || '-' || (22 + (p.h6 + c) % 4) || '-' || lpad((p.h3 % 99999)::text, 5, '0')
         WHEN 'NOM' THEN 'NOM-003-SCFI-2014 · ANCE-' || (22 + (p.h6 + c) % 4) || '-' || lpad(((p.h5 + c) % 99999)::text, 5, '0')
         WHEN 'IFT' THEN 'RCP' || upper(substr(md5(p.prefix), 1, 4)) || (22 + (p.h6 + c) % 4) || '-' || lpad(((p.h5 + c) % 9999)::text, 4, '0')
         WHEN 'CE' THEN 'DoC ' || p.prefix || '-' || (2022 + (p.h6 + c) % 4) || '-' || lpad(((p.h5 + c) % 999)::text, 3, '0')
         WHEN 'ROHS' THEN 'RoHS report ' || upper(substr(md5(p.i::text || 'r'), 1, 10))
         ELSE s.scheme || '-' || upper(substr(md5(p.i::text || s.scheme), 1, 8)) END,
       CASE WHEN s.scheme IN ('CE', 'ROHS') THEN NULL ELSE current_date + ((((p.h16 + c * 131) % 1460)::int) - 180) END
     FROM bench_plan p
     CROSS JOIN LATERAL generate_series(1, p.cert_count) AS c
     CROSS JOIN LATERAL (SELECT p.schemes[1 + (p.h15 + c) % cardinality(p.schemes)] AS scheme) s
     WHERE p.cert_count > 0`,
  );
}

export interface BenchSeedOptions {
  products: number;
  manufacturers: number;
  /** Sessions generating chunks at once (1 on the embedded database, which has a single session). */
  workers: number;
  log?: (line: string) => void;
}

const WORK_TABLES = ["_bench_noun", "_bench_feature", "_bench_group", "_bench_pitch", "_bench_label", "_bench_template", "_bench_org"];

/** Generates the bench catalog into a migrated database that has the reference data (see main()). */
export async function generateBenchCatalog(url: string, options: BenchSeedOptions): Promise<{ products: number }> {
  const log = options.log ?? console.log;
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    return client;
  };
  const first = await connect();
  try {
    const rate = await first.query<{ rate: string }>(
      `SELECT rate::text AS rate FROM "FxRate" WHERE "baseCode" = 'USD' AND "quoteCode" = 'CNY' ORDER BY "effectiveDate" DESC LIMIT 1`,
    );
    const cnyRate = rate.rows[0]?.rate ?? "7.1";
    let start = Date.now();
    await first.query(WORK_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(""));
    await loadVocabulary(first, options.manufacturers);
    log(`[seed:bench] ${options.manufacturers} manufacturers and brands (${elapsed(start)})`);

    start = Date.now();
    const chunks: [number, number][] = [];
    for (let from = 1; from <= options.products; from += CHUNK) chunks.push([from, Math.min(options.products, from + CHUNK - 1)]);
    let done = 0;
    let next = 0;
    const clients = [first];
    for (let w = 1; w < options.workers; w++) clients.push(await connect());
    try {
      await Promise.all(
        clients.map(async (client) => {
          while (next < chunks.length) {
            const [from, to] = chunks[next++]!;
            await client.query("BEGIN");
            try {
              await generateChunk(client, from, to, options.products, options.manufacturers, cnyRate);
              await client.query("COMMIT");
            } catch (error) {
              await client.query("ROLLBACK");
              throw error;
            }
            done += to - from + 1;
            log(`[seed:bench] products ${done.toLocaleString("en")} / ${options.products.toLocaleString("en")} (${elapsed(start)})`);
          }
        }),
      );
    } finally {
      for (const client of clients.slice(1)) await client.end();
    }
    await first.query(WORK_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join("") + `DROP TABLE IF EXISTS bench_plan;`);
    return { products: options.products };
  } finally {
    await first.end();
  }
}

/**
 * Builds the search index of every product with the catalog's indexer (reindexProducts, `batch` products a
 * call, `workers` calls at once), then recomputes SearchTerm from the index.
 */
export async function reindexBenchCatalog(options: { batch?: number; workers?: number; log?: (line: string) => void } = {}): Promise<number> {
  const { unscopedDb } = await import("../app/modules/db/index.server");
  const { rebuildSearchTerms, reindexProducts } = await import("../app/modules/catalog/search.server");
  const log = options.log ?? console.log;
  const size = options.batch ?? 2000;
  const ids = (await unscopedDb.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "Product" ORDER BY id`).map((r) => r.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  const start = Date.now();
  let done = 0;
  let lastLog = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, options.workers ?? 1) }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await reindexProducts(unscopedDb, batch);
        done += batch.length;
        if (done - lastLog >= 10_000 || done === ids.length) {
          lastLog = done;
          log(`[seed:bench] search index ${done.toLocaleString("en")} / ${ids.length.toLocaleString("en")} (${elapsed(start)})`);
        }
      }
    }),
  );
  await rebuildSearchTerms(unscopedDb);
  return done;
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const target = benchTarget(args);
  const products = Number(flag(args, "products") || 100_000);
  const manufacturers = Number(flag(args, "manufacturers") || 200);
  if (!Number.isInteger(products) || products < 1 || products > 2_000_000) throw new Error("--products must be 1..2,000,000");
  if (!Number.isInteger(manufacturers) || manufacturers < 6 || manufacturers > 400) throw new Error("--manufacturers must be 6..400");
  // Two sessions keep both cores of a server busy; the embedded database has one session.
  const workers = target.kind === "server" ? Number(flag(args, "workers") || 2) : 1;

  // Everything of this run (embedded database, demo images) goes to the bench's own data folder.
  process.env.PONTE_DATA_DIR = target.dataDir;
  if (target.kind === "embedded") delete process.env.DATABASE_URL;
  await rm(target.dataDir, { recursive: true, force: true });

  const started = Date.now();
  let url: string;
  if (target.kind === "server") {
    await adminQuery(target.adminUrl!, `DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
    await adminQuery(target.adminUrl!, `CREATE DATABASE "${target.database}"`);
    url = target.url!;
  } else {
    url = "";
  }
  const { connectDatabase, disconnectDatabase } = await import("../app/modules/db/index.server");
  const database = target.kind === "server" ? await connectDatabase({ url }) : await connectDatabase({ dataDir: path.join(target.dataDir, "pg") });
  url = database.url;
  console.log(`[seed:bench] ${target.kind === "server" ? `database ${target.database} on the PostgreSQL server` : `embedded database in ${path.relative(process.cwd(), target.dataDir)}`}: ${products.toLocaleString("en")} products, ${manufacturers} manufacturers`);
  try {
    let step = Date.now();
    await applyMigrations(url);
    const { seedDemoData, seedReferenceData } = await import("./seed");
    await seedReferenceData();
    await seedDemoData({ onlyIfEmpty: false });
    console.log(`[seed:bench] migrations, reference data, demo companies and demo catalog (${elapsed(step)})`);

    step = Date.now();
    await generateBenchCatalog(url, { products, manufacturers, workers });
    const generated = Date.now() - step;

    step = Date.now();
    await reindexBenchCatalog({ workers });
    const indexed = Date.now() - step;

    step = Date.now();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of ["Organization", "Brand", "Product", "ProductTranslation", "ProductVariant", "PriceTier", "PriceChange", "ProductCertification", "ProductImage", "SearchTerm"]) {
        await client.query(`VACUUM ANALYZE "${table}"`);
      }
      const counts = await client.query<{ table: string; n: string; size: string }>(`
        SELECT relname AS table, n_live_tup::text AS n, pg_size_pretty(pg_total_relation_size(relid)) AS size
        FROM pg_stat_user_tables WHERE relname IN ('Product', 'ProductTranslation', 'ProductVariant', 'PriceTier', 'ProductCertification', 'SearchTerm')
        ORDER BY relname`);
      console.log(`[seed:bench] VACUUM ANALYZE (${elapsed(step)})`);
      for (const r of counts.rows) console.log(`  ${r.table.padEnd(22)} ${Number(r.n).toLocaleString("en").padStart(10)} rows  ${r.size}`);
    } finally {
      await client.end();
    }
    console.log(
      `[seed:bench] done in ${elapsed(started)} (generate ${(generated / 1000).toFixed(1)} s, search index ${(indexed / 1000).toFixed(1)} s)` +
        (target.kind === "server" ? `\n  bench it:  npm run bench:catalog${target.database === "ponte_bench" ? "" : ` -- --database ${target.database}`}` : "\n  bench it:  npm run bench:catalog -- --embedded"),
    );
  } finally {
    await disconnectDatabase();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("seed-bench.ts")) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
