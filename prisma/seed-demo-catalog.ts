import sharp from "sharp";
import type { UnitOfSale } from "../app/generated/prisma/enums";
import { createBrand } from "../app/modules/catalog/brands.server";
import { addProductImages, updateImageAlt } from "../app/modules/catalog/images.server";
import { ProductInputSchema, type ProductInput } from "../app/modules/catalog/product-input";
import { saveProduct } from "../app/modules/catalog/products.server";
import { reindexProducts } from "../app/modules/catalog/search.server";
import { forOrganization, unscopedDb, type ScopedDb } from "../app/modules/db/index.server";
import { LANGS, type Lang } from "../app/modules/i18n/config";
import { ratesAsOf } from "../app/modules/money/fx.server";

/**
 * The demo catalog: five or six published products for each of the six demo manufacturers of prisma/seed.ts,
 * written in Chinese (their source language) and translated into Portuguese, Spanish and English, with the trade
 * data a buyer in Brazil, Mexico or Portugal looks for (voltage and plug per market, HS codes, MOQ, quantity
 * tiers, certifications with numbers and expiry dates) and a drawn product illustration. Fictional companies,
 * realistic figures (FOB Zhuhai / EXW factory prices for B2B quantities).
 */

type L4 = Record<Lang, string>;
const l = (zh: string, pt: string, es: string, en: string): L4 => ({ zh, pt, es, en });

/** Specification labels, in the four languages. */
export const LABEL = {
  capacity: l("容量", "Capacidade", "Capacidad", "Capacity"),
  power: l("功率", "Potência", "Potencia", "Power"),
  voltage: l("电压", "Tensão", "Voltaje", "Voltage"),
  material: l("材质", "Material", "Material", "Material"),
  keepWarm: l("保温", "Manter aquecido", "Mantener caliente", "Keep warm"),
  warranty: l("保修", "Garantia", "Garantía", "Warranty"),
  cooling: l("制冷量", "Capacidade de refrigeração", "Capacidad de enfriamiento", "Cooling capacity"),
  refrigerant: l("制冷剂", "Gás refrigerante", "Refrigerante", "Refrigerant"),
  efficiency: l("能效", "Eficiência energética", "Eficiencia energética", "Energy efficiency"),
  noise: l("噪音", "Nível de ruído", "Nivel de ruido", "Noise level"),
  area: l("适用面积", "Área indicada", "Área recomendada", "Room size"),
  temperature: l("温度", "Temperatura", "Temperatura", "Temperature"),
  timer: l("定时", "Timer", "Temporizador", "Timer"),
  colour: l("颜色", "Cor", "Color", "Colour"),
  suction: l("吸力", "Sucção", "Succión", "Suction"),
  battery: l("电池", "Bateria", "Batería", "Battery"),
  runtime: l("续航", "Autonomia", "Autonomía", "Battery life"),
  dustBin: l("尘盒", "Reservatório de pó", "Depósito de polvo", "Dust bin"),
  speeds: l("档位", "Velocidades", "Velocidades", "Speeds"),
  yield: l("打印页数", "Rendimento", "Rendimiento", "Page yield"),
  compatibility: l("适用机型", "Compatibilidade", "Compatibilidad", "Compatible with"),
  chip: l("芯片", "Chip", "Chip", "Chip"),
  shelfLife: l("保质期", "Validade", "Vida útil", "Shelf life"),
  filtration: l("过滤精度", "Filtragem", "Filtrado", "Filtration"),
  density: l("黑度", "Densidade óptica", "Densidad óptica", "Optical density"),
  particle: l("粒径", "Tamanho de partícula", "Tamaño de partícula", "Particle size"),
  packing: l("包装", "Embalagem", "Empaque", "Packing"),
  display: l("屏幕", "Tela", "Pantalla", "Display"),
  memory: l("存储", "Memória", "Memoria", "Memory"),
  camera: l("摄像头", "Câmera", "Cámara", "Camera"),
  network: l("网络", "Rede", "Red", "Network"),
  os: l("系统", "Sistema", "Sistema operativo", "Operating system"),
  output: l("输出", "Saída", "Salida", "Output"),
  input: l("输入", "Entrada", "Entrada", "Input"),
  protocols: l("快充协议", "Protocolos", "Protocolos", "Protocols"),
  ports: l("接口", "Portas", "Puertos", "Ports"),
  dimensions: l("尺寸", "Dimensões", "Dimensiones", "Dimensions"),
  weight: l("重量", "Peso", "Peso", "Weight"),
  length: l("长度", "Comprimento", "Longitud", "Length"),
  data: l("数据传输", "Transferência de dados", "Transferencia de datos", "Data transfer"),
  drop: l("防摔", "Proteção contra quedas", "Protección contra caídas", "Drop protection"),
  water: l("防水", "Resistência à água", "Resistencia al agua", "Water resistance"),
  sensors: l("传感器", "Sensores", "Sensores", "Sensors"),
  positioning: l("定位", "Localização", "Localización", "Positioning"),
  movement: l("机芯", "Mecanismo", "Mecanismo", "Movement"),
  case: l("表壳", "Caixa", "Caja", "Case"),
  strap: l("表带", "Pulseira", "Correa", "Strap"),
  crystal: l("表镜", "Vidro", "Cristal", "Crystal"),
  functions: l("功能", "Funções", "Funciones", "Functions"),
  cartridge: l("阀芯", "Cartucho", "Cartucho", "Cartridge"),
  finish: l("表面处理", "Acabamento", "Acabado", "Finish"),
  connection: l("接口尺寸", "Conexão", "Conexión", "Connection"),
  flow: l("流量", "Vazão", "Caudal", "Flow rate"),
  pressure: l("工作水压", "Pressão de trabalho", "Presión de trabajo", "Working pressure"),
  hose: l("软管", "Mangueira", "Manguera", "Hose"),
  overhead: l("顶喷", "Chuveiro de teto", "Regadera superior", "Overhead shower"),
  settings: l("档位", "Temperaturas", "Temperaturas", "Heat settings"),
  contents: l("内含", "Conteúdo", "Contenido", "Contents"),
  installation: l("安装", "Instalação", "Instalación", "Installation"),
  flux: l("光通量", "Fluxo luminoso", "Flujo luminoso", "Luminous flux"),
  cct: l("色温", "Temperatura de cor", "Temperatura de color", "Colour temperature"),
  cri: l("显色指数", "Índice de reprodução de cor", "Índice de reproducción cromática", "Colour rendering"),
  base: l("灯头", "Base", "Casquillo", "Lamp base"),
  lifetime: l("寿命", "Vida útil", "Vida útil", "Lifetime"),
  dimmable: l("调光", "Dimerizável", "Regulable", "Dimmable"),
  leds: l("灯珠", "LEDs", "LEDs", "LEDs"),
  ingress: l("防护等级", "Grau de proteção", "Grado de protección", "Ingress protection"),
  beam: l("光束角", "Abertura do facho", "Ángulo de apertura", "Beam angle"),
  model: l("型号", "Modelo", "Modelo", "Model"),
  origin: l("产地", "Origem", "Origen", "Origin"),
  pumpPressure: l("泵压", "Pressão da bomba", "Presión de la bomba", "Pump pressure"),
} satisfies Record<string, L4>;

type Label = keyof typeof LABEL;
/** A specification: its label, and a value that is the same in every language or written per language. */
type Spec = [Label, string | L4];

/** The demo's colours in the four languages (the products type them in English); "3000K", "RGB" read the same. */
const COLOUR_NAMES: Record<string, L4> = {
  Black: l("黑色", "Preto", "Negro", "Black"),
  White: l("白色", "Branco", "Blanco", "White"),
  Silver: l("银色", "Prata", "Plateado", "Silver"),
  Red: l("红色", "Vermelho", "Rojo", "Red"),
  Blue: l("蓝色", "Azul", "Azul", "Blue"),
  Pink: l("粉色", "Rosa", "Rosa", "Pink"),
  Navy: l("藏青色", "Azul-marinho", "Azul marino", "Navy"),
  Clear: l("透明", "Transparente", "Transparente", "Clear"),
  Chrome: l("镀铬", "Cromado", "Cromado", "Chrome"),
  "Matte black": l("哑光黑", "Preto fosco", "Negro mate", "Matte black"),
  "Midnight Black": l("午夜黑", "Preto meia-noite", "Negro medianoche", "Midnight Black"),
  "Ocean Blue": l("海洋蓝", "Azul oceano", "Azul océano", "Ocean Blue"),
  "Brushed gold": l("拉丝金", "Dourado escovado", "Dorado cepillado", "Brushed gold"),
  "Brushed steel": l("拉丝不锈钢", "Aço escovado", "Acero cepillado", "Brushed steel"),
  "Camouflage green": l("迷彩绿", "Verde camuflado", "Verde camuflaje", "Camouflage green"),
  "2200K amber": l("2200K 琥珀色", "2200K âmbar", "2200K ámbar", "2200K amber"),
  "Black (silicone strap)": l("黑色（硅胶表带）", "Preto (pulseira de silicone)", "Negro (correa de silicona)", "Black (silicone strap)"),
  "Pink (silicone strap)": l("粉色（硅胶表带）", "Rosa (pulseira de silicone)", "Rosa (correa de silicona)", "Pink (silicone strap)"),
  "Silver (steel mesh strap)": l("银色（钢网表带）", "Prata (pulseira de malha de aço)", "Plateado (correa de malla de acero)", "Silver (steel mesh strap)"),
  "Gold-tone, black dial": l("金色，黑色表盘", "Dourado, mostrador preto", "Dorado, esfera negra", "Gold-tone, black dial"),
  "Rose gold-tone": l("玫瑰金色", "Ouro rosé", "Oro rosa", "Rose gold-tone"),
  "Silver, black dial": l("银色，黑色表盘", "Prata, mostrador preto", "Plateado, esfera negra", "Silver, black dial"),
  "Silver, blue dial": l("银色，蓝色表盘", "Prata, mostrador azul", "Plateado, esfera azul", "Silver, blue dial"),
};

interface Variant {
  sku: string;
  voltage?: string;
  plugType?: string;
  color?: string;
  capacity?: string;
  /** net g, gross g */
  weight: [number, number];
  /** package length × width × height, mm */
  box: [number, number, number];
}

type Shape =
  | "coffee-maker" | "air-conditioner" | "air-fryer" | "kettle" | "robot-vacuum" | "blender"
  | "toner" | "ink-bottles" | "drum" | "toner-powder"
  | "smartphone" | "charger" | "power-bank" | "cable" | "phone-case"
  | "smartwatch" | "kids-watch" | "quartz-watch" | "digital-watch" | "fitness-band"
  | "basin-faucet" | "kitchen-faucet" | "shower-column" | "electric-shower" | "bath-accessories"
  | "led-bulb" | "filament-bulb" | "led-panel" | "led-strip" | "floodlight";

export interface DemoProduct {
  category: string;
  /** The drawn illustration, in the product's colour. */
  shape: Shape;
  colour: string;
  /** Also draw its export carton as a second image. */
  cartonImage?: boolean;
  name: L4;
  short: L4;
  long: L4;
  specs: Spec[];
  hs: string;
  hsCn: string;
  unit?: UnitOfSale;
  packSize: number;
  currency: "USD" | "CNY";
  incoterm?: "EXW" | "FOB";
  leadTimeDays: number;
  /** [minimum quantity, unit price as a decimal]; the first quantity is the MOQ. */
  tiers: [number, string][];
  /** Sample price as a decimal ("0.00": free sample); absent: no samples. */
  sample?: string;
  variants: Variant[];
  certifications: { scheme: string; number: string; expires?: string }[];
}

export interface DemoManufacturer {
  /** Organization.name in prisma/seed.ts */
  organization: string;
  ownerEmail: string;
  brand: { name: string; colour: string; story: L4 };
  products: DemoProduct[];
}

const months = (n: number) => l(`${n}个月`, `${n} meses`, `${n} meses`, `${n} months`);

// ─── Gree-Lux Home Appliances ─────────────────────────────────────────────────────────────────────────────────

const homeAppliances: DemoProduct[] = [
  {
    category: "kitchen-appliances",
    shape: "coffee-maker",
    colour: "#1f2937",
    cartonImage: true,
    name: l("1.5升滴漏式咖啡机（带玻璃壶）", "Cafeteira Elétrica 1,5 L com Jarra de Vidro", "Cafetera Eléctrica de Goteo 1.5 L con Jarra de Vidrio", "1.5 L Drip Coffee Maker with Glass Carafe"),
    short: l(
      "12杯容量，防滴漏阀，保温板40分钟后自动断电，可拆洗永久滤网。",
      "Prepara até 12 xícaras, com corta-pingos, placa que mantém o café quente e desligamento automático após 40 minutos.",
      "Prepara hasta 12 tazas, con sistema antigoteo, placa que mantiene el café caliente y apagado automático a los 40 minutos.",
      "Brews up to 12 cups, with anti-drip valve, keep-warm plate and automatic shut-off after 40 minutes.",
    ),
    long: l(
      "为家庭和小型办公室设计的滴漏式咖啡机。800W加热系统约6分钟煮好一整壶，耐热玻璃壶带刻度，永久性尼龙滤网可反复清洗，也可使用4号（103号）纸滤网。提供127V和220V版本，按目的国配插头，彩盒包装，适合零售。",
      "Cafeteira de gotejamento pensada para casas e pequenos escritórios. O aquecimento de 800 W prepara uma jarra completa em cerca de 6 minutos; a jarra de vidro refratário é graduada e o filtro permanente de náilon é lavável (também aceita filtro de papel nº 103). Versões 127 V e 220 V com o plugue do país de destino, em caixa colorida pronta para o varejo.",
      "Cafetera de goteo pensada para hogares y oficinas pequeñas. Su calentador de 800 W prepara una jarra completa en unos 6 minutos; la jarra de vidrio templado está graduada y el filtro permanente de nailon es lavable (también admite filtro de papel n.º 4). Versiones de 127 V y 220 V con la clavija del país de destino, en caja de color lista para la venta.",
      "A drip coffee maker for homes and small offices. The 800 W heater brews a full carafe in about six minutes; the borosilicate glass carafe is graduated and the permanent nylon filter is washable (size 4 paper filters fit too). 127 V and 220 V versions with the destination's plug, in a retail-ready colour box.",
    ),
    specs: [
      ["capacity", l("1.5升 / 12杯", "1,5 L / 12 xícaras", "1.5 L / 12 tazas", "1.5 L / 12 cups")],
      ["power", "800 W"],
      ["material", l("PP机身，硼硅玻璃壶", "Corpo em PP, jarra de vidro borossilicato", "Cuerpo de PP, jarra de vidrio borosilicato", "PP housing, borosilicate glass carafe")],
      ["keepWarm", l("40分钟后自动断电", "40 min, depois desliga", "40 min, luego se apaga", "40 min, then switches off")],
      ["warranty", months(12)],
    ],
    hs: "851671",
    hsCn: "8516710000",
    packSize: 4,
    currency: "USD",
    leadTimeDays: 30,
    tiers: [[500, "11.80"], [1000, "10.90"], [3000, "9.80"]],
    sample: "25.00",
    variants: [
      { sku: "GL-CM15-127N", voltage: "127V", plugType: "N", color: "Black", weight: [1650, 2100], box: [330, 210, 300] },
      { sku: "GL-CM15-220N", voltage: "220V", plugType: "N", color: "Black", weight: [1650, 2100], box: [330, 210, 300] },
      { sku: "GL-CM15-127AB", voltage: "127V", plugType: "A/B", color: "Black", weight: [1650, 2100], box: [330, 210, 300] },
      { sku: "GL-CM15-230F", voltage: "230V", plugType: "F", color: "Black", weight: [1650, 2100], box: [330, 210, 300] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 003456/2025", expires: "2029-06-30" },
      { scheme: "NOM", number: "NOM-003-SCFI-2014 · ANCE-24-08731", expires: "2027-09-30" },
      { scheme: "CE", number: "DoC GL-CM15-2025-01 (LVD/EMC)" },
    ],
  },
  {
    category: "air-conditioning",
    shape: "air-conditioner",
    colour: "#e5e7eb",
    cartonImage: true,
    name: l("变频分体式壁挂空调 冷暖型", "Ar-Condicionado Split Inverter Quente e Frio", "Aire Acondicionado Inverter Minisplit Frío y Calor", "Inverter Split Air Conditioner, Heat and Cool"),
    short: l(
      "R32环保冷媒，直流变频压缩机，室内机静音低至22分贝，比定频机型节能最高60%。",
      "Gás R32, compressor inverter DC e unidade interna silenciosa a partir de 22 dB; economiza até 60% de energia.",
      "Refrigerante R32, compresor inverter DC y unidad interior silenciosa desde 22 dB; ahorra hasta 60% de energía.",
      "R32 refrigerant, DC inverter compressor and an indoor unit as quiet as 22 dB; uses up to 60% less energy.",
    ),
    long: l(
      "9000、12000和18000 BTU/h三种规格，适用于10至30平方米的房间。直流变频压缩机按需调节转速，比定频机型节能最高60%；具备制冷、制热、除湿和睡眠模式，配遥控器，Wi-Fi模块可选。室外机采用防腐蚀金色翅片，适合沿海和高湿地区。按目的国电网提供220V或127V版本。",
      "Três capacidades, 9.000, 12.000 e 18.000 BTU/h, para ambientes de 10 a 30 m². O compressor inverter DC ajusta a rotação à demanda e economiza até 60% de energia em relação aos modelos convencionais; funções refrigerar, aquecer, desumidificar e modo noturno, com controle remoto e módulo Wi-Fi opcional. A condensadora tem aletas douradas anticorrosão, ideais para o litoral e regiões úmidas. Versões 220 V e 127 V.",
      "Tres capacidades, 9,000, 12,000 y 18,000 BTU/h, para espacios de 10 a 30 m². El compresor inverter DC ajusta su velocidad a la demanda y ahorra hasta 60% de energía frente a equipos convencionales; funciones de enfriamiento, calefacción, deshumidificación y modo nocturno, con control remoto y módulo Wi-Fi opcional. La unidad exterior tiene aletas doradas anticorrosión, ideales para zonas costeras y húmedas. Versiones de 220 V y 127 V.",
      "Three sizes, 9,000, 12,000 and 18,000 BTU/h, for rooms of 10 to 30 m². The DC inverter compressor adjusts its speed to demand and uses up to 60% less energy than fixed-speed units; cooling, heating, dehumidifying and sleep modes, with remote control and an optional Wi-Fi module. The outdoor unit has anti-corrosion golden fins for coastal and humid regions. 220 V and 127 V versions.",
    ),
    specs: [
      ["cooling", l("9000 / 12000 / 18000 BTU/h", "9.000 / 12.000 / 18.000 BTU/h", "9,000 / 12,000 / 18,000 BTU/h", "9,000 / 12,000 / 18,000 BTU/h")],
      ["refrigerant", "R32"],
      ["efficiency", "SEER 6.1"],
      ["noise", l("室内机 22–38 dB(A)", "Unidade interna 22–38 dB(A)", "Unidad interior 22–38 dB(A)", "Indoor unit 22–38 dB(A)")],
      ["area", l("10–30 平方米", "10–30 m²", "10–30 m²", "10–30 m²")],
    ],
    hs: "841510",
    hsCn: "8415102100",
    packSize: 1,
    currency: "USD",
    leadTimeDays: 35,
    tiers: [[50, "189.00"], [200, "176.00"], [500, "164.00"]],
    sample: "260.00",
    variants: [
      { sku: "GL-AC09-220", voltage: "220V", plugType: "N", color: "White", capacity: "9000 BTU/h", weight: [30500, 35000], box: [820, 330, 560] },
      { sku: "GL-AC12-220", voltage: "220V", plugType: "N", color: "White", capacity: "12000 BTU/h", weight: [36000, 41000], box: [860, 360, 590] },
      { sku: "GL-AC12-127", voltage: "127V", plugType: "A/B", color: "White", capacity: "12000 BTU/h", weight: [36500, 41500], box: [860, 360, 590] },
      { sku: "GL-AC18-220", voltage: "220V", color: "White", capacity: "18000 BTU/h", weight: [47000, 53000], box: [920, 400, 700] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 007812/2024", expires: "2028-11-30" },
      { scheme: "NOM", number: "NOM-026-ENER-2015 · NYCE-23-0419", expires: "2027-08-31" },
      { scheme: "CE", number: "DoC GL-AC-2024-07 (LVD/EMC/ErP)" },
    ],
  },
  {
    category: "kitchen-appliances",
    shape: "air-fryer",
    colour: "#111827",
    name: l("4.5升数显空气炸锅", "Fritadeira Elétrica sem Óleo Air Fryer 4,5 L Digital", "Freidora de Aire Digital 4.5 L", "4.5 L Digital Air Fryer"),
    short: l(
      "1400W热风循环，8种预设菜单，80–200°C可调，60分钟定时，不粘涂层炸篮。",
      "1400 W de ar quente circulante, 8 programas, temperatura de 80 a 200 °C, timer de 60 minutos e cesto antiaderente.",
      "Aire caliente de 1400 W, 8 programas, temperatura de 80 a 200 °C, temporizador de 60 minutos y canasta antiadherente.",
      "1400 W hot-air circulation, 8 presets, 80–200 °C, 60-minute timer and non-stick basket.",
    ),
    long: l(
      "高速热风循环让食物外酥里嫩，用油量减少85%。触控面板带8种预设菜单（薯条、鸡翅、牛排、鱼、蛋糕等），炸篮和底盘为食品级不粘涂层，可放入洗碗机。过热保护，拉出炸篮即自动暂停。",
      "A circulação rápida de ar quente deixa os alimentos crocantes por fora e macios por dentro, com até 85% menos óleo. Painel de toque com 8 programas (batata frita, frango, carne, peixe, bolo e mais); cesto e grelha com revestimento antiaderente próprio para alimentos, laváveis na lava-louças. Proteção contra superaquecimento e pausa automática ao retirar o cesto.",
      "La circulación rápida de aire caliente deja los alimentos crujientes por fuera y suaves por dentro, con hasta 85% menos aceite. Panel táctil con 8 programas (papas, alitas, carne, pescado, pastel y más); canasta y rejilla con recubrimiento antiadherente grado alimenticio, aptas para lavavajillas. Protección contra sobrecalentamiento y pausa automática al retirar la canasta.",
      "Fast hot-air circulation makes food crisp outside and tender inside with up to 85% less oil. Touch panel with 8 presets (fries, wings, steak, fish, cake and more); food-grade non-stick basket and tray, dishwasher safe. Overheat protection and automatic pause when the basket is pulled out.",
    ),
    specs: [
      ["capacity", l("4.5升", "4,5 L", "4.5 L", "4.5 L")],
      ["power", "1400 W"],
      ["temperature", "80–200 °C"],
      ["timer", "0–60 min"],
      ["warranty", months(12)],
    ],
    hs: "851660",
    hsCn: "8516609000",
    packSize: 2,
    currency: "USD",
    leadTimeDays: 25,
    tiers: [[300, "24.50"], [1000, "22.80"], [3000, "21.20"]],
    sample: "40.00",
    variants: [
      { sku: "GL-AF45-127N", voltage: "127V", plugType: "N", color: "Black", weight: [4200, 5300], box: [360, 330, 360] },
      { sku: "GL-AF45-220N", voltage: "220V", plugType: "N", color: "Black", weight: [4200, 5300], box: [360, 330, 360] },
      { sku: "GL-AF45-127AB", voltage: "127V", plugType: "A/B", color: "Black", weight: [4200, 5300], box: [360, 330, 360] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 005120/2025", expires: "2029-03-31" },
      { scheme: "NOM", number: "NOM-003-SCFI-2014 · ANCE-25-01277", expires: "2027-05-31" },
    ],
  },
  {
    category: "kitchen-appliances",
    shape: "kettle",
    colour: "#9ca3af",
    name: l("1.7升不锈钢电热水壶", "Chaleira Elétrica Inox 1,7 L", "Hervidor Eléctrico de Acero Inoxidable 1.7 L", "1.7 L Stainless Steel Electric Kettle"),
    short: l(
      "304不锈钢内胆，沸腾自动断电，防干烧保护，360°旋转底座。",
      "Interior em aço inox 304, desliga sozinha ao ferver, proteção contra funcionamento a seco e base giratória de 360°.",
      "Interior de acero inoxidable 304, apagado automático al hervir, protección contra funcionamiento en seco y base giratoria de 360°.",
      "304 stainless steel interior, auto shut-off at the boil, boil-dry protection and a 360° swivel base.",
    ),
    long: l(
      "1.7升大容量，约5分钟烧开一壶水。精密温控器在沸腾或无水时自动断电；双层防烫外壳，蓝色LED指示灯。适合家庭、酒店客房和办公室。",
      "Ferve 1,7 litro em cerca de 5 minutos. Termostato de precisão que desliga ao ferver ou quando está sem água, corpo de parede dupla que não esquenta por fora e luz indicadora LED azul. Ideal para casas, quartos de hotel e escritórios.",
      "Hierve 1.7 litros en unos 5 minutos. Termostato de precisión que se apaga al hervir o si no hay agua, cuerpo de doble pared que no se calienta por fuera y luz indicadora LED azul. Ideal para hogares, habitaciones de hotel y oficinas.",
      "Boils 1.7 litres in about five minutes. A precision thermostat switches off at the boil or when empty; cool-touch double wall and a blue LED indicator. Made for homes, hotel rooms and offices.",
    ),
    specs: [
      ["capacity", l("1.7升", "1,7 L", "1.7 L", "1.7 L")],
      ["power", "1500 W (127 V) / 1850 W (220–230 V)"],
      ["material", l("304不锈钢", "Aço inox 304", "Acero inoxidable 304", "304 stainless steel")],
      ["warranty", months(12)],
    ],
    hs: "851679",
    hsCn: "8516799000",
    packSize: 6,
    currency: "CNY",
    leadTimeDays: 20,
    tiers: [[1000, "46.00"], [3000, "42.50"], [10000, "39.80"]],
    sample: "80.00",
    variants: [
      { sku: "GL-KT17-127N", voltage: "127V", plugType: "N", color: "Silver", weight: [1100, 1450], box: [230, 170, 260] },
      { sku: "GL-KT17-220N", voltage: "220V", plugType: "N", color: "Silver", weight: [1100, 1450], box: [230, 170, 260] },
      { sku: "GL-KT17-230F", voltage: "230V", plugType: "F", color: "Silver", weight: [1100, 1450], box: [230, 170, 260] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 004388/2025", expires: "2029-01-31" },
      { scheme: "CE", number: "DoC GL-KT17-2025-03 (LVD/EMC)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2405-118" },
    ],
  },
  {
    category: "cleaning-appliances",
    shape: "robot-vacuum",
    colour: "#f3f4f6",
    name: l("激光导航扫拖一体机器人", "Aspirador Robô com Navegação a Laser e Função Mop", "Robot Aspiradora con Navegación Láser y Trapeador", "Laser-Navigation Robot Vacuum and Mop"),
    short: l(
      "LDS激光导航，3000Pa吸力，5200毫安时电池续航150分钟，手机App分区清扫。",
      "Navegação a laser LDS, sucção de 3000 Pa, bateria de 5200 mAh com até 150 minutos de autonomia e controle por aplicativo.",
      "Navegación láser LDS, succión de 3000 Pa, batería de 5200 mAh con hasta 150 minutos de autonomía y control desde la app.",
      "LDS laser navigation, 3000 Pa suction, 5200 mAh battery for up to 150 minutes and app control.",
    ),
    long: l(
      "激光雷达实时建图，可在App中设置禁区和分房清扫。扫拖一体：300毫升水箱三档出水，适合瓷砖和木地板。电量不足时自动回充，充满后断点续扫。充电座为100–240V宽电压，按目的国配插头。",
      "O sensor a laser mapeia a casa em tempo real; pelo aplicativo você define áreas proibidas e limpeza por cômodo. Aspira e passa pano: reservatório de 300 ml com três níveis de água, ideal para porcelanato e madeira. Volta sozinho à base quando a bateria está baixa e retoma a limpeza de onde parou. Base de carga bivolt (100–240 V) com o plugue do país de destino.",
      "El sensor láser mapea la casa en tiempo real; desde la app se definen zonas prohibidas y limpieza por habitación. Aspira y trapea: tanque de 300 ml con tres niveles de agua, ideal para pisos cerámicos y de madera. Regresa solo a la base cuando la batería está baja y continúa donde se quedó. Base de carga de 100–240 V con la clavija del país de destino.",
      "The laser sensor maps the home in real time; no-go zones and room-by-room cleaning are set in the app. Vacuums and mops: 300 ml tank with three water levels, for tiles and wooden floors. Returns to its dock when the battery is low and resumes where it stopped. Universal 100–240 V dock with the destination's plug.",
    ),
    specs: [
      ["suction", "3000 Pa"],
      ["battery", l("5200毫安时 锂离子 14.4V", "5200 mAh, íons de lítio, 14,4 V", "5200 mAh, ion de litio, 14.4 V", "5200 mAh Li-ion, 14.4 V")],
      ["runtime", "150 min"],
      ["dustBin", "450 ml"],
      ["noise", "≤ 62 dB(A)"],
    ],
    hs: "850811",
    hsCn: "8508110000",
    packSize: 1,
    currency: "USD",
    leadTimeDays: 30,
    tiers: [[100, "79.00"], [500, "73.50"], [1000, "69.00"]],
    sample: "110.00",
    variants: [
      { sku: "GL-RV30-N", voltage: "100-240V", plugType: "N", color: "White", weight: [3600, 5200], box: [470, 450, 150] },
      { sku: "GL-RV30-AB", voltage: "100-240V", plugType: "A/B", color: "White", weight: [3600, 5200], box: [470, 450, 150] },
      { sku: "GL-RV30-F", voltage: "100-240V", plugType: "F", color: "White", weight: [3600, 5200], box: [470, 450, 150] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "03921-25-13377", expires: "2028-04-30" },
      { scheme: "NOM", number: "NOM-003-SCFI-2014 · NYCE-24-2261", expires: "2027-11-30" },
      { scheme: "IFT", number: "RCPGLRV25-1876" },
      { scheme: "CE", number: "DoC GL-RV30-2025-02 (RED/LVD)" },
    ],
  },
  {
    category: "kitchen-appliances",
    shape: "blender",
    colour: "#b91c1c",
    name: l("1.5升六叶不锈钢刀头搅拌机", "Liquidificador 1,5 L com 6 Lâminas Inox", "Licuadora 1.5 L con Cuchilla de 6 Aspas de Acero Inoxidable", "1.5 L Blender with 6-Blade Stainless Steel Knife"),
    short: l(
      "900W电机，5档调速加脉冲，耐冲击SAN杯体，可碎冰。",
      "Motor de 900 W, 5 velocidades mais pulsar, copo de SAN resistente a impactos, tritura gelo.",
      "Motor de 900 W, 5 velocidades más pulso, vaso de SAN resistente a impactos, tritura hielo.",
      "900 W motor, 5 speeds plus pulse, impact-resistant SAN jar, crushes ice.",
    ),
    long: l(
      "适合果汁、奶昔和酱料的家用搅拌机。六叶不锈钢刀头可拆卸清洗，杯盖带量杯，底座吸盘防滑。安全联锁：杯体未装好时电机不会启动。",
      "Liquidificador doméstico para sucos, vitaminas e molhos. A faca de 6 lâminas em aço inox é removível para limpeza, a tampa tem copo dosador e a base tem pés com ventosa antiderrapantes. Trava de segurança: o motor só liga com o copo bem encaixado.",
      "Licuadora doméstica para jugos, licuados y salsas. La cuchilla de 6 aspas de acero inoxidable se desmonta para limpiarla, la tapa incluye vaso medidor y la base tiene ventosas antideslizantes. Seguro de encendido: el motor solo arranca con el vaso bien colocado.",
      "A household blender for juices, smoothies and sauces. The removable 6-blade stainless steel knife is easy to clean, the lid has a measuring cup and the base has non-slip suction feet. Safety interlock: the motor starts only with the jar locked in place.",
    ),
    specs: [
      ["capacity", l("1.5升", "1,5 L", "1.5 L", "1.5 L")],
      ["power", "900 W"],
      ["speeds", l("5档 + 脉冲", "5 + pulsar", "5 + pulso", "5 + pulse")],
      ["material", l("SAN杯体，不锈钢刀头", "Copo de SAN, lâminas de aço inox", "Vaso de SAN, cuchilla de acero inoxidable", "SAN jar, stainless steel blades")],
    ],
    hs: "850940",
    hsCn: "8509400000",
    packSize: 4,
    currency: "USD",
    leadTimeDays: 25,
    tiers: [[500, "14.90"], [2000, "13.60"], [5000, "12.40"]],
    sample: "25.00",
    variants: [
      { sku: "GL-BL15-127N-BK", voltage: "127V", plugType: "N", color: "Black", weight: [2300, 2900], box: [220, 210, 400] },
      { sku: "GL-BL15-220N-BK", voltage: "220V", plugType: "N", color: "Black", weight: [2300, 2900], box: [220, 210, 400] },
      { sku: "GL-BL15-127AB-RD", voltage: "127V", plugType: "A/B", color: "Red", weight: [2300, 2900], box: [220, 210, 400] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 006702/2024", expires: "2028-08-31" },
      { scheme: "NOM", number: "NOM-003-SCFI-2014 · ANCE-24-11902", expires: "2027-10-31" },
    ],
  },
];

// ─── Inkbridge Printer Consumables ───────────────────────────────────────────────────────────────────────────

const brotherMono = "Brother HL-L2320D, HL-L2360DN, DCP-L2540DW, MFC-L2720DW";

const printerConsumables: DemoProduct[] = [
  {
    category: "toner-cartridges",
    shape: "toner",
    colour: "#111827",
    cartonImage: true,
    name: l("CF258A/CF258X兼容硒鼓（带芯片）", "Cartucho de Toner Compatível CF258A/CF258X com Chip", "Cartucho de Tóner Compatible CF258A/CF258X con Chip", "CF258A/CF258X Compatible Toner Cartridge with Chip"),
    short: l(
      "适用于HP LaserJet Pro M404/M428系列，标准容量3000页或高容量10000页，带新版芯片，即装即用。",
      "Para impressoras HP LaserJet Pro M404/M428, rendimento de 3.000 ou 10.000 páginas, com chip atualizado, pronto para usar.",
      "Para impresoras HP LaserJet Pro M404/M428, rendimiento de 3,000 o 10,000 páginas, con chip actualizado, listo para usar.",
      "For HP LaserJet Pro M404/M428 printers, 3,000- or 10,000-page yield, with updated chip, ready to use.",
    ),
    long: l(
      "全新外壳，进口碳粉，按ISO/IEC 19752标准在5%覆盖率下测试。每支单独铝箔真空包装，出厂前100%上机测试，不良率低于0.5%。可提供中性包装或客户自有品牌（OEM）。",
      "Carcaça nova e toner importado; rendimento medido a 5% de cobertura pela norma ISO/IEC 19752. Cada cartucho vem em embalagem de alumínio a vácuo e é testado em impressora antes de sair da fábrica (índice de defeitos inferior a 0,5%). Disponível em embalagem neutra ou com a marca do cliente (OEM).",
      "Carcasa nueva y tóner importado; rendimiento medido al 5% de cobertura según la norma ISO/IEC 19752. Cada cartucho viene en empaque de aluminio al vacío y se prueba en impresora antes de salir de fábrica (tasa de defectos menor a 0.5%). Disponible en empaque neutro o con la marca del cliente (OEM).",
      "New shell and imported toner; yield measured at 5% coverage to ISO/IEC 19752. Each cartridge is vacuum-sealed in aluminium foil and print-tested before leaving the factory (defect rate below 0.5%). Available in neutral packaging or under the customer's own brand (OEM).",
    ),
    specs: [
      ["yield", l("3000页（CF258A）/ 10000页（CF258X），5%覆盖率", "3.000 páginas (CF258A) / 10.000 páginas (CF258X), 5% de cobertura", "3,000 páginas (CF258A) / 10,000 páginas (CF258X), 5% de cobertura", "3,000 pages (CF258A) / 10,000 pages (CF258X), 5% coverage")],
      ["compatibility", "HP LaserJet Pro M404n, M404dn, M404dw, M428fdw"],
      ["colour", l("黑色", "Preto", "Negro", "Black")],
      ["chip", l("有，2024新版", "Sim, versão 2024", "Sí, versión 2024", "Yes, 2024 version")],
      ["warranty", months(18)],
    ],
    hs: "844399",
    hsCn: "8443999090",
    packSize: 20,
    currency: "USD",
    leadTimeDays: 10,
    tiers: [[100, "6.80"], [500, "6.10"], [2000, "5.40"]],
    sample: "0.00",
    variants: [
      { sku: "IB-T58A", color: "Black", capacity: "3000 pages", weight: [780, 980], box: [390, 130, 120] },
      { sku: "IB-T58X", color: "Black", capacity: "10000 pages", weight: [1100, 1300], box: [400, 140, 130] },
    ],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2409-0312" }],
  },
  {
    category: "toner-cartridges",
    shape: "toner",
    colour: "#374151",
    name: l("TN-2370兼容粉盒", "Cartucho de Toner Compatível TN-2370", "Cartucho de Tóner Compatible TN-2370", "TN-2370 Compatible Toner Cartridge"),
    short: l(
      "适用于Brother HL-L2320D/L2360DN、DCP-L2540DW等机型，打印2600页。",
      "Para Brother HL-L2320D/L2360DN, DCP-L2540DW e outros; rendimento de 2.600 páginas.",
      "Para Brother HL-L2320D/L2360DN, DCP-L2540DW y otros; rendimiento de 2,600 páginas.",
      "For Brother HL-L2320D/L2360DN, DCP-L2540DW and more; 2,600-page yield.",
    ),
    long: l(
      "高容量兼容粉盒，碳粉颗粒均匀，打印浓度稳定、不漏粉。全新外壳，带计数复位齿轮，装机即识别为满粉。每批次留样测试，质保18个月。",
      "Cartucho de alto rendimento com impressão uniforme e sem vazamento de toner. Carcaça nova e engrenagem de reset que zera o contador da impressora, que reconhece o cartucho como cheio. Amostras de cada lote são testadas; garantia de 18 meses.",
      "Cartucho de alto rendimiento con impresión uniforme y sin fugas de tóner. Carcasa nueva y engrane de reinicio que pone en cero el contador de la impresora, que reconoce el cartucho como lleno. Se prueban muestras de cada lote; garantía de 18 meses.",
      "High-yield cartridge with even density and no toner leaks. New shell and a reset gear that zeroes the printer's counter, so the cartridge shows as full. Samples from every batch are print-tested; 18-month warranty.",
    ),
    specs: [
      ["yield", l("2600页（5%覆盖率）", "2.600 páginas (5% de cobertura)", "2,600 páginas (5% de cobertura)", "2,600 pages (5% coverage)")],
      ["compatibility", brotherMono],
      ["colour", l("黑色", "Preto", "Negro", "Black")],
      ["warranty", months(18)],
    ],
    hs: "844399",
    hsCn: "8443999090",
    packSize: 40,
    currency: "USD",
    leadTimeDays: 10,
    tiers: [[200, "3.20"], [1000, "2.85"], [5000, "2.55"]],
    sample: "0.00",
    variants: [{ sku: "IB-TN2370", color: "Black", capacity: "2600 pages", weight: [620, 760], box: [370, 110, 100] }],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2409-0313" }],
  },
  {
    category: "ink-cartridges",
    shape: "ink-bottles",
    colour: "#0ea5e9",
    name: l("通用型染料墨水 4色套装 每瓶100毫升", "Kit de Tinta Corante para Recarga 4 Cores 100 ml", "Kit de Tinta para Recarga 4 Colores 100 ml", "Universal Dye Refill Ink, 4-Colour Set, 100 ml"),
    short: l(
      "适用于Epson、Canon、HP等喷墨打印机连供系统，色彩鲜艳，不堵喷头。",
      "Para sistemas de tanque de tinta de impressoras Epson, Canon e HP; cores vivas, não entope a cabeça de impressão.",
      "Para sistemas de tinta continua de impresoras Epson, Canon y HP; colores vivos, no tapa el cabezal.",
      "For continuous ink systems in Epson, Canon and HP inkjet printers; vivid colours, no head clogging.",
    ),
    long: l(
      "0.2微米精密过滤的染料墨水，四色套装：黑、青、品红、黄各100毫升（另有1升装）。瓶口为防漏尖嘴设计，加注干净方便。保质期24个月，每批次提供MSDS。",
      "Tinta corante com filtragem de 0,2 µm, em kit de quatro cores: preto, ciano, magenta e amarelo, 100 ml cada (também em frascos de 1 litro). Bico dosador antivazamento para recarregar sem sujeira. Validade de 24 meses; FISPQ/MSDS de cada lote.",
      "Tinta de colorante con filtrado de 0.2 µm, en kit de cuatro colores: negro, cian, magenta y amarillo, 100 ml cada uno (también en botellas de 1 litro). Boquilla dosificadora antiderrames para recargar sin manchar. Vida útil de 24 meses; hoja de seguridad (MSDS) de cada lote.",
      "Dye ink filtered to 0.2 µm, in a four-colour set: black, cyan, magenta and yellow, 100 ml each (1-litre bottles too). Leak-proof nozzle for clean refilling. 24-month shelf life; an MSDS for every batch.",
    ),
    specs: [
      ["capacity", l("4 × 100毫升 / 4 × 1升", "4 × 100 ml / 4 × 1 L", "4 × 100 ml / 4 × 1 L", "4 × 100 ml / 4 × 1 L")],
      ["colour", l("黑 / 青 / 品红 / 黄", "Preto / ciano / magenta / amarelo", "Negro / cian / magenta / amarillo", "Black / cyan / magenta / yellow")],
      ["filtration", l("0.2微米", "0,2 µm", "0.2 µm", "0.2 µm")],
      ["shelfLife", months(24)],
    ],
    hs: "321519",
    hsCn: "3215190000",
    unit: "SET",
    packSize: 40,
    currency: "CNY",
    incoterm: "EXW",
    leadTimeDays: 7,
    tiers: [[100, "28.00"], [500, "24.50"], [2000, "21.80"]],
    sample: "30.00",
    variants: [
      { sku: "IB-INK4-100", capacity: "4 x 100 ml", weight: [440, 560], box: [200, 110, 130] },
      { sku: "IB-INK4-1000", capacity: "4 x 1 L", weight: [4200, 4800], box: [300, 230, 260] },
    ],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2410-0077" }],
  },
  {
    category: "printer-parts",
    shape: "drum",
    colour: "#065f46",
    name: l("DR-2370兼容感光鼓架", "Unidade de Cilindro Compatível DR-2370", "Unidad de Tambor Compatible DR-2370", "DR-2370 Compatible Drum Unit"),
    short: l(
      "寿命12000页，进口OPC鼓芯，搭配TN-2370系列粉盒使用。",
      "Vida útil de 12.000 páginas, cilindro OPC importado, para uso com toners da série TN-2370.",
      "Vida útil de 12,000 páginas, tambor OPC importado, para usar con tóneres de la serie TN-2370.",
      "12,000-page life, imported OPC drum, for use with TN-2370 series toner.",
    ),
    long: l(
      "采用进口OPC感光鼓和充电辊，成像清晰，无底灰。安装方便，原装或兼容粉盒均可搭配使用。每只独立避光包装。",
      "Cilindro OPC e rolo de carga importados, para impressões nítidas e sem fundo acinzentado. Instalação simples; funciona com toner original ou compatível. Cada unidade vem em embalagem individual protegida da luz.",
      "Tambor OPC y rodillo de carga importados, para impresiones nítidas y sin fondo gris. Instalación sencilla; funciona con tóner original o compatible. Cada unidad viene en empaque individual protegido de la luz.",
      "Imported OPC drum and charge roller for sharp prints without a grey background. Easy to fit; works with original or compatible toner. Each unit is packed individually, protected from light.",
    ),
    specs: [
      ["yield", l("12000页", "12.000 páginas", "12,000 páginas", "12,000 pages")],
      ["compatibility", brotherMono],
      ["warranty", months(12)],
    ],
    hs: "844399",
    hsCn: "8443999090",
    packSize: 20,
    currency: "USD",
    leadTimeDays: 10,
    tiers: [[100, "5.60"], [500, "4.95"], [2000, "4.40"]],
    sample: "0.00",
    variants: [{ sku: "IB-DR2370", weight: [520, 690], box: [370, 110, 100] }],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2409-0314" }],
  },
  {
    category: "printer-parts",
    shape: "toner-powder",
    colour: "#1f2937",
    name: l("通用型激光打印机碳粉 1公斤装", "Toner em Pó Universal para Impressoras a Laser – 1 kg", "Tóner en Polvo Universal para Impresoras Láser – 1 kg", "Universal Laser Printer Toner Powder, 1 kg"),
    short: l(
      "适用于HP和Canon黑白激光打印机的通用碳粉，黑度高，定影牢固，适合再生耗材工厂。",
      "Toner monocromático universal para impressoras HP e Canon; preto intenso e boa fixação, ideal para remanufaturadores.",
      "Tóner monocromático universal para impresoras HP y Canon; negro intenso y buena fijación, ideal para remanufacturadores.",
      "Universal mono toner for HP and Canon laser printers; deep black and strong fusing, made for remanufacturers.",
    ),
    long: l(
      "碳粉粒径均匀（D50 7.5微米），黑度≥1.45，底灰≤0.005。1公斤铝箔袋装，每箱20袋，随货提供加粉说明和兼容机型表。",
      "Partículas uniformes (D50 de 7,5 µm), densidade de preto ≥ 1,45 e fundo ≤ 0,005. Sacos de alumínio de 1 kg, 20 por caixa, com guia de recarga e tabela de compatibilidade.",
      "Partículas uniformes (D50 de 7.5 µm), densidad de negro ≥ 1.45 y fondo ≤ 0.005. Bolsas de aluminio de 1 kg, 20 por caja, con guía de recarga y tabla de compatibilidad.",
      "Uniform particles (D50 7.5 µm), black density ≥ 1.45, background ≤ 0.005. 1 kg foil bags, 20 per carton, with a refill guide and a compatibility table.",
    ),
    specs: [
      ["density", l("≥ 1.45", "≥ 1,45", "≥ 1.45", "≥ 1.45")],
      ["particle", l("D50 7.5微米", "D50 7,5 µm", "D50 7.5 µm", "D50 7.5 µm")],
      ["packing", l("1公斤铝箔袋，每箱20袋", "Saco de alumínio de 1 kg, 20 por caixa", "Bolsa de aluminio de 1 kg, 20 por caja", "1 kg foil bag, 20 per carton")],
      ["compatibility", l("HP、Canon黑白激光打印机", "Impressoras laser monocromáticas HP e Canon", "Impresoras láser monocromáticas HP y Canon", "HP and Canon mono laser printers")],
    ],
    hs: "370790",
    hsCn: "3707902000",
    unit: "KILOGRAM",
    packSize: 20,
    currency: "USD",
    incoterm: "EXW",
    leadTimeDays: 7,
    tiers: [[100, "11.50"], [500, "10.20"], [2000, "9.30"]],
    sample: "15.00",
    variants: [{ sku: "IB-PWD-1KG", capacity: "1 kg", weight: [1000, 1080], box: [280, 200, 80] }],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2410-0101" }],
  },
];

// ─── Meizhi Mobile & Accessories ─────────────────────────────────────────────────────────────────────────────

const phones: DemoProduct[] = [
  {
    category: "smartphones",
    shape: "smartphone",
    colour: "#1e3a8a",
    cartonImage: true,
    name: l("P6 4G智能手机 6.6英寸 5000毫安时", "Smartphone P6 4G Tela 6,6\" Bateria 5000 mAh", "Celular Smartphone P6 4G Pantalla 6.6\" 5000 mAh", "P6 4G Smartphone, 6.6\" Display, 5000 mAh"),
    short: l(
      "6.6英寸HD+ 90Hz屏幕，八核处理器，5000毫安时电池，18W快充，双卡双待，Android 14。",
      "Tela HD+ de 6,6\" e 90 Hz, processador octa-core, bateria de 5000 mAh com carga rápida de 18 W, dual chip, Android 14.",
      "Pantalla HD+ de 6.6\" a 90 Hz, procesador de ocho núcleos, batería de 5000 mAh con carga rápida de 18 W, doble SIM, Android 14.",
      "6.6\" HD+ 90 Hz display, octa-core processor, 5000 mAh battery with 18 W fast charging, dual SIM, Android 14.",
    ),
    long: l(
      "面向拉美市场的入门级4G手机，支持巴西常用的B1/B3/B7/B28频段和墨西哥、哥伦比亚常用的B2/B4/B5/B7/B28频段。后置5000万像素双摄，前置800万像素，侧边指纹解锁。出厂预装葡萄牙语和西班牙语，随机附送充电器（按目的国插头）、USB-C数据线和保护壳。",
      "Celular 4G de entrada pensado para a América Latina, com as bandas usadas na região (B1/B3/B7/B28 no Brasil, B2/B4/B5/B7/B28 no México e na Colômbia). Câmera traseira dupla de 50 MP, frontal de 8 MP e leitor de digital na lateral. Sai de fábrica em português e espanhol; acompanha carregador com o plugue do país, cabo USB-C e capinha.",
      "Celular 4G de entrada pensado para América Latina, con las bandas usadas en la región (B2/B4/B5/B7/B28 en México y Colombia, B1/B3/B7/B28 en Brasil). Cámara trasera doble de 50 MP, frontal de 8 MP y lector de huella lateral. Sale de fábrica en español y portugués; incluye cargador con la clavija del país, cable USB-C y funda.",
      "An entry-level 4G phone for Latin America, with the bands used in the region (B1/B3/B7/B28 in Brazil, B2/B4/B5/B7/B28 in Mexico and Colombia). 50 MP dual rear camera, 8 MP front camera and a side fingerprint reader. Ships set up in Portuguese and Spanish, with a charger for the destination's plug, a USB-C cable and a case.",
    ),
    specs: [
      ["display", l("6.6英寸 HD+ 90Hz", "6,6\" HD+ 90 Hz", "6.6\" HD+ 90 Hz", "6.6\" HD+ 90 Hz")],
      ["memory", "4 GB + 128 GB / 8 GB + 256 GB"],
      ["battery", l("5000毫安时，18W快充", "5000 mAh, carga rápida de 18 W", "5000 mAh, carga rápida de 18 W", "5000 mAh, 18 W fast charging")],
      ["camera", l("后置 50 MP + 2 MP，前置 8 MP", "Traseira 50 MP + 2 MP, frontal 8 MP", "Trasera 50 MP + 2 MP, frontal 8 MP", "Rear 50 MP + 2 MP, front 8 MP")],
      ["network", "4G LTE, Wi-Fi 5, Bluetooth 5.2"],
      ["os", "Android 14"],
    ],
    hs: "851713",
    hsCn: "8517130000",
    packSize: 40,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[200, "89.00"], [500, "84.50"], [1000, "79.90"]],
    sample: "110.00",
    variants: [
      { sku: "MZ-P6-4128-BR", plugType: "N", color: "Midnight Black", capacity: "4 GB + 128 GB", weight: [195, 480], box: [175, 90, 60] },
      { sku: "MZ-P6-4128-MX", plugType: "A", color: "Ocean Blue", capacity: "4 GB + 128 GB", weight: [195, 480], box: [175, 90, 60] },
      { sku: "MZ-P6-8256-BR", plugType: "N", color: "Midnight Black", capacity: "8 GB + 256 GB", weight: [195, 480], box: [175, 90, 60] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "08213-25-13491", expires: "2028-02-29" },
      { scheme: "IFT", number: "RCPMEP625-1094" },
      { scheme: "CE", number: "DoC MZ-P6-2025-01 (RED)" },
    ],
  },
  {
    category: "chargers-cables",
    shape: "charger",
    colour: "#f9fafb",
    name: l("65W氮化镓快充充电器 2C1A", "Carregador Turbo GaN 65 W com 2 USB-C e 1 USB-A", "Cargador Rápido GaN de 65 W con 2 USB-C y 1 USB-A", "65 W GaN Fast Charger, 2 × USB-C + 1 × USB-A"),
    short: l(
      "支持PD 3.0/PPS/QC 4+协议，可同时为笔记本、平板和手机充电，体积比传统充电器小40%。",
      "Compatível com PD 3.0, PPS e QC 4+; carrega notebook, tablet e celular ao mesmo tempo e é 40% menor que um carregador comum.",
      "Compatible con PD 3.0, PPS y QC 4+; carga laptop, tableta y celular al mismo tiempo y es 40% más pequeño que un cargador convencional.",
      "PD 3.0, PPS and QC 4+; charges a laptop, tablet and phone at once and is 40% smaller than a conventional charger.",
    ),
    long: l(
      "第三代氮化镓功率器件，单口最大65W输出，多口同时使用时智能分配功率。100–240V宽电压输入，内置过压、过流、过温和短路保护。插脚按目的国提供巴西N型、美标A型或欧标C型。",
      "Semicondutores de nitreto de gálio (GaN) de terceira geração: até 65 W em uma porta e divisão inteligente de potência quando várias estão em uso. Entrada bivolt 100–240 V; proteções contra sobretensão, sobrecorrente, superaquecimento e curto-circuito. Plugue padrão brasileiro (tipo N), americano (tipo A) ou europeu (tipo C), conforme o destino.",
      "Semiconductores de nitruro de galio (GaN) de tercera generación: hasta 65 W en un solo puerto y reparto inteligente de potencia cuando se usan varios. Entrada universal de 100–240 V; protección contra sobretensión, sobrecorriente, sobrecalentamiento y cortocircuito. Clavija tipo A (México), tipo N (Brasil) o tipo C (Europa), según el destino.",
      "Third-generation gallium nitride (GaN) power stage: up to 65 W from one port, with smart power sharing when several are in use. Universal 100–240 V input; over-voltage, over-current, over-temperature and short-circuit protection. Brazilian type N, American type A or European type C pins, by destination.",
    ),
    specs: [
      ["output", l("USB-C 最大65W；USB-A 最大30W", "USB-C até 65 W; USB-A até 30 W", "USB-C hasta 65 W; USB-A hasta 30 W", "USB-C up to 65 W; USB-A up to 30 W")],
      ["input", "100–240 V ~ 50/60 Hz, 1.5 A"],
      ["protocols", "PD 3.0, PPS, QC 4+"],
      ["ports", "2 × USB-C, 1 × USB-A"],
      ["dimensions", "55 × 32 × 30 mm"],
    ],
    hs: "850440",
    hsCn: "8504401400",
    packSize: 100,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[500, "7.90"], [2000, "7.20"], [5000, "6.60"]],
    sample: "12.00",
    variants: [
      { sku: "MZ-GAN65-N", voltage: "100-240V", plugType: "N", color: "White", weight: [120, 180], box: [100, 70, 45] },
      { sku: "MZ-GAN65-A", voltage: "100-240V", plugType: "A", color: "White", weight: [120, 180], box: [100, 70, 45] },
      { sku: "MZ-GAN65-C", voltage: "100-240V", plugType: "C", color: "White", weight: [120, 180], box: [100, 70, 45] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "04127-24-13491", expires: "2028-06-30" },
      { scheme: "NOM", number: "NOM-001-SCFI-2018 · NYCE-24-3352", expires: "2027-06-30" },
      { scheme: "CE", number: "DoC MZ-GAN65-2024-04 (LVD/EMC)" },
    ],
  },
  {
    category: "power-banks",
    shape: "power-bank",
    colour: "#0f172a",
    name: l("10000毫安时超薄移动电源 22.5W快充", "Bateria Portátil Power Bank 10.000 mAh Carga Rápida 22,5 W", "Batería Portátil Power Bank 10,000 mAh Carga Rápida 22.5 W", "10,000 mAh Slim Power Bank, 22.5 W Fast Charging"),
    short: l(
      "A品锂聚合物电芯，USB-C双向快充，数字电量显示，仅重210克。",
      "Células de polímero de lítio grau A, USB-C de entrada e saída com carga rápida, indicador digital de carga, apenas 210 g.",
      "Celdas de polímero de litio grado A, USB-C de entrada y salida con carga rápida, indicador digital de carga, solo 210 g.",
      "Grade-A lithium-polymer cells, two-way USB-C fast charging, digital charge display, only 210 g.",
    ),
    long: l(
      "可为普通智能手机充电约2次。支持PD 20W和QC 22.5W快充，两个输出口可同时使用。电芯通过UN38.3运输测试，随货提供MSDS和1.2米跌落测试报告，可空运。",
      "Carrega um smartphone comum cerca de duas vezes. Suporta carga rápida PD 20 W e QC 22,5 W, com duas saídas simultâneas. As células têm ensaio de transporte UN38.3; a carga segue com FISPQ/MSDS e relatório de queda de 1,2 m, apta para transporte aéreo.",
      "Carga un smartphone común unas dos veces. Admite carga rápida PD 20 W y QC 22.5 W, con dos salidas simultáneas. Las celdas cuentan con prueba de transporte UN38.3; el envío incluye hoja de seguridad (MSDS) y reporte de caída de 1.2 m, apto para transporte aéreo.",
      "Charges a typical smartphone about twice. PD 20 W and QC 22.5 W fast charging, two outputs at once. The cells pass UN38.3 transport testing; shipments carry an MSDS and a 1.2 m drop-test report and may travel by air.",
    ),
    specs: [
      ["capacity", l("10000毫安时 / 37 Wh", "10.000 mAh / 37 Wh", "10,000 mAh / 37 Wh", "10,000 mAh / 37 Wh")],
      ["output", "USB-C PD 20 W, USB-A QC 22.5 W"],
      ["input", "USB-C 5 V ⎓ 3 A / 9 V ⎓ 2 A"],
      ["battery", l("锂聚合物，A品电芯", "Polímero de lítio, grau A", "Polímero de litio, grado A", "Lithium polymer, grade A")],
      ["weight", "210 g"],
      ["dimensions", "138 × 68 × 15 mm"],
    ],
    hs: "850760",
    hsCn: "8507600090",
    packSize: 100,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[500, "5.60"], [2000, "5.10"], [5000, "4.70"]],
    sample: "9.00",
    variants: [
      { sku: "MZ-PB10-BK", color: "Black", capacity: "10000 mAh", weight: [210, 300], box: [160, 90, 28] },
      { sku: "MZ-PB10-WH", color: "White", capacity: "10000 mAh", weight: [210, 300], box: [160, 90, 28] },
      { sku: "MZ-PB10-BL", color: "Blue", capacity: "10000 mAh", weight: [210, 300], box: [160, 90, 28] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "02581-25-13491", expires: "2028-05-31" },
      { scheme: "CE", number: "DoC MZ-PB10-2025-02 (EMC)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2502-0045" },
    ],
  },
  {
    category: "power-banks",
    shape: "power-bank",
    colour: "#e5e7eb",
    name: l("20000毫安时大容量移动电源 自带双线", "Bateria Externa 20.000 mAh com Cabos Embutidos e Carga Rápida", "Batería Externa 20,000 mAh con Cables Integrados y Carga Rápida", "20,000 mAh Power Bank with Built-in Cables and Fast Charging"),
    short: l(
      "自带USB-C和Lightning线，四口同时输出，可为手机充电约4次。",
      "Cabos USB-C e Lightning embutidos, quatro saídas simultâneas, carrega um celular cerca de quatro vezes.",
      "Cables USB-C y Lightning integrados, cuatro salidas simultáneas, carga un celular unas cuatro veces.",
      "Built-in USB-C and Lightning cables, four simultaneous outputs, charges a phone about four times.",
    ),
    long: l(
      "适合出差和户外工作。内置两根充电线，不怕忘带；另有USB-C和USB-A接口，最多可同时为4台设备充电。总输出22.5W，液晶屏显示剩余电量百分比。74Wh，低于航空公司100Wh限制，可随身携带登机。",
      "Feita para viagens e trabalho externo. Os dois cabos embutidos não ficam esquecidos em casa, e as portas USB-C e USB-A extras permitem carregar até quatro aparelhos ao mesmo tempo. Saída total de 22,5 W e visor LCD com a porcentagem de carga. Com 74 Wh, abaixo do limite aéreo de 100 Wh, pode ir na bagagem de mão.",
      "Hecha para viajes y trabajo en campo. Los dos cables integrados no se olvidan en casa, y los puertos USB-C y USB-A adicionales permiten cargar hasta cuatro equipos a la vez. Salida total de 22.5 W y pantalla LCD con el porcentaje de carga. Con 74 Wh, por debajo del límite aéreo de 100 Wh, puede ir en el equipaje de mano.",
      "Made for travel and field work. The two built-in cables can't be left at home, and the extra USB-C and USB-A ports charge up to four devices at once. 22.5 W total output and an LCD showing the charge percentage. At 74 Wh, under the 100 Wh airline limit, it can go in carry-on luggage.",
    ),
    specs: [
      ["capacity", l("20000毫安时 / 74 Wh", "20.000 mAh / 74 Wh", "20,000 mAh / 74 Wh", "20,000 mAh / 74 Wh")],
      ["output", l("总输出22.5W", "22,5 W no total", "22.5 W en total", "22.5 W total")],
      ["ports", l("USB-C、USB-A、内置USB-C线和Lightning线", "USB-C, USB-A, cabos USB-C e Lightning embutidos", "USB-C, USB-A, cables USB-C y Lightning integrados", "USB-C, USB-A, built-in USB-C and Lightning cables")],
      ["weight", "380 g"],
    ],
    hs: "850760",
    hsCn: "8507600090",
    packSize: 50,
    currency: "USD",
    leadTimeDays: 18,
    tiers: [[300, "9.80"], [1000, "9.10"], [3000, "8.40"]],
    sample: "15.00",
    variants: [
      { sku: "MZ-PB20-BK", color: "Black", capacity: "20000 mAh", weight: [380, 480], box: [170, 95, 40] },
      { sku: "MZ-PB20-WH", color: "White", capacity: "20000 mAh", weight: [380, 480], box: [170, 95, 40] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "02582-25-13491", expires: "2028-05-31" },
      { scheme: "CE", number: "DoC MZ-PB20-2025-02 (EMC)" },
    ],
  },
  {
    category: "chargers-cables",
    shape: "cable",
    colour: "#4b5563",
    name: l("USB-C转USB-C编织快充数据线 60W", "Cabo USB-C para USB-C Trançado 60 W", "Cable USB-C a USB-C Trenzado 60 W", "Braided USB-C to USB-C Cable, 60 W"),
    short: l(
      "尼龙编织线身，通过2万次弯折测试，支持60W PD快充和480Mbps数据传输。",
      "Revestimento de náilon trançado, resiste a mais de 20 mil dobras, suporta carga PD de 60 W e dados a 480 Mbps.",
      "Recubrimiento de nailon trenzado, resiste más de 20 mil dobleces, admite carga PD de 60 W y datos a 480 Mbps.",
      "Braided nylon jacket, tested to over 20,000 bends, supports 60 W PD charging and 480 Mbps data.",
    ),
    long: l(
      "镀锡铜芯，铝合金接头，适用于安卓手机、平板和笔记本电脑。提供1米和2米两种长度，可按客户要求定制颜色和吊卡包装。",
      "Condutores de cobre estanhado e conectores em liga de alumínio, para celulares Android, tablets e notebooks. Disponível em 1 m e 2 m; cores e embalagem blister personalizadas sob pedido.",
      "Conductores de cobre estañado y conectores de aleación de aluminio, para celulares Android, tabletas y laptops. Disponible en 1 m y 2 m; colores y empaque blíster personalizados bajo pedido.",
      "Tinned copper conductors and aluminium-alloy connectors, for Android phones, tablets and laptops. In 1 m and 2 m lengths; custom colours and blister packaging on request.",
    ),
    specs: [
      ["length", "1 m / 2 m"],
      ["output", "60 W (20 V ⎓ 3 A)"],
      ["data", "USB 2.0, 480 Mbps"],
      ["material", l("尼龙编织，铝合金接头", "Náilon trançado, conectores de alumínio", "Nailon trenzado, conectores de aluminio", "Braided nylon, aluminium connectors")],
    ],
    hs: "854442",
    hsCn: "8544421900",
    packSize: 200,
    currency: "CNY",
    incoterm: "EXW",
    leadTimeDays: 10,
    tiers: [[1000, "6.50"], [5000, "5.80"], [20000, "5.20"]],
    sample: "0.00",
    variants: [
      { sku: "MZ-CB-C1M-BK", color: "Black", capacity: "1 m", weight: [35, 50], box: [120, 80, 20] },
      { sku: "MZ-CB-C2M-BK", color: "Black", capacity: "2 m", weight: [55, 70], box: [120, 80, 25] },
      { sku: "MZ-CB-C1M-WH", color: "White", capacity: "1 m", weight: [35, 50], box: [120, 80, 20] },
    ],
    certifications: [
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2501-0230" },
      { scheme: "CE", number: "DoC MZ-CB-2025-01" },
    ],
  },
  {
    category: "phone-cases",
    shape: "phone-case",
    colour: "#93c5fd",
    name: l("P6手机防摔保护壳 TPU+PC", "Capa Anti-Impacto para Smartphone P6 (TPU + PC)", "Funda Antigolpes para Smartphone P6 (TPU + PC)", "Shockproof Case for P6 Smartphone (TPU + PC)"),
    short: l(
      "四角气囊防摔，镜头加高保护，透明背板不发黄。",
      "Cantos com bolsa de ar contra quedas, borda elevada que protege a câmera e traseira transparente que não amarela.",
      "Esquinas con bolsa de aire contra caídas, borde elevado que protege la cámara y respaldo transparente que no se amarillea.",
      "Air-cushioned corners against drops, a raised lip around the camera and a clear back that doesn't yellow.",
    ),
    long: l(
      "TPU软边框加PC硬背板，通过1.5米跌落测试。按键精准，支持无线充电。单个OPP袋加纸卡包装，可定制印刷。",
      "Moldura de TPU flexível e traseira rígida de policarbonato, aprovada em teste de queda de 1,5 m. Botões precisos e compatível com carregamento sem fio. Embalada individualmente em saquinho OPP com cartela, com impressão personalizada sob pedido.",
      "Marco de TPU flexible y respaldo rígido de policarbonato, aprobado en prueba de caída de 1.5 m. Botones precisos y compatible con carga inalámbrica. Empacada individualmente en bolsa OPP con tarjeta, con impresión personalizada bajo pedido.",
      "Flexible TPU frame and rigid polycarbonate back, passes a 1.5 m drop test. Precise buttons; works with wireless charging. Individually packed in an OPP bag with a header card; custom printing on request.",
    ),
    specs: [
      ["material", "TPU + PC"],
      ["compatibility", "Meizhi P6"],
      ["drop", l("1.5米跌落测试", "Teste de queda de 1,5 m", "Prueba de caída de 1.5 m", "1.5 m drop test")],
      ["colour", l("透明 / 黑色", "Transparente / preto", "Transparente / negro", "Clear / black")],
    ],
    hs: "392690",
    hsCn: "3926909090",
    packSize: 300,
    currency: "CNY",
    incoterm: "EXW",
    leadTimeDays: 7,
    tiers: [[500, "4.20"], [2000, "3.60"], [10000, "3.10"]],
    sample: "0.00",
    variants: [
      { sku: "MZ-CS-P6-CL", color: "Clear", weight: [28, 40], box: [190, 100, 15] },
      { sku: "MZ-CS-P6-BK", color: "Black", weight: [28, 40], box: [190, 100, 15] },
    ],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2502-0046" }],
  },
];

// ─── Hengshi Watch Co. ───────────────────────────────────────────────────────────────────────────────────────

const watches: DemoProduct[] = [
  {
    category: "smartwatches",
    shape: "smartwatch",
    colour: "#111827",
    cartonImage: true,
    name: l("W7 AMOLED蓝牙通话智能手表", "Relógio Inteligente Smartwatch W7 AMOLED com Chamadas Bluetooth", "Reloj Inteligente Smartwatch W7 AMOLED con Llamadas Bluetooth", "W7 AMOLED Smartwatch with Bluetooth Calling"),
    short: l(
      "1.43英寸AMOLED屏，心率血氧监测，100多种运动模式，IP68防水，续航7天。",
      "Tela AMOLED de 1,43\", monitor de frequência cardíaca e oxigênio no sangue, mais de 100 modos esportivos, IP68 e até 7 dias de bateria.",
      "Pantalla AMOLED de 1.43\", monitoreo de ritmo cardiaco y oxígeno en sangre, más de 100 modos deportivos, IP68 y hasta 7 días de batería.",
      "1.43\" AMOLED display, heart-rate and SpO₂ monitoring, 100+ sport modes, IP68, up to 7 days of battery.",
    ),
    long: l(
      "内置麦克风和扬声器，连接手机后可直接在手表上接打电话。支持消息提醒、睡眠监测、久坐提醒和音乐控制，App提供葡萄牙语、西班牙语和英语界面。磁吸充电，2小时充满。",
      "Microfone e alto-falante embutidos: com o celular pareado, atende e faz chamadas direto no relógio. Notificações, monitoramento do sono, lembrete para se movimentar e controle de música; aplicativo em português, espanhol e inglês. Carregador magnético, carga completa em 2 horas.",
      "Micrófono y bocina integrados: con el celular vinculado, contesta y hace llamadas desde el reloj. Notificaciones, monitoreo del sueño, recordatorio de movimiento y control de música; app en español, portugués e inglés. Cargador magnético, carga completa en 2 horas.",
      "Built-in microphone and speaker: paired with a phone, it makes and answers calls from the wrist. Notifications, sleep tracking, move reminders and music control; app in Portuguese, Spanish and English. Magnetic charger, full in two hours.",
    ),
    specs: [
      ["display", l("1.43英寸 AMOLED，466 × 466", "AMOLED de 1,43\", 466 × 466", "AMOLED de 1.43\", 466 × 466", "1.43\" AMOLED, 466 × 466")],
      ["battery", l("300毫安时", "300 mAh", "300 mAh", "300 mAh")],
      ["runtime", l("典型使用7天", "7 dias (uso típico)", "7 días (uso típico)", "7 days (typical use)")],
      ["water", "IP68"],
      ["sensors", l("心率、血氧、加速度计", "Frequência cardíaca, SpO₂, acelerômetro", "Ritmo cardiaco, SpO₂, acelerómetro", "Heart rate, SpO₂, accelerometer")],
      ["compatibility", "Android 8+ / iOS 13+"],
    ],
    hs: "851762",
    hsCn: "8517629900",
    packSize: 50,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[100, "18.50"], [500, "16.90"], [2000, "15.50"]],
    sample: "25.00",
    variants: [
      { sku: "HS-W7-BK", color: "Black (silicone strap)", weight: [48, 160], box: [110, 90, 70] },
      { sku: "HS-W7-SL", color: "Silver (steel mesh strap)", weight: [62, 175], box: [110, 90, 70] },
      { sku: "HS-W7-PK", color: "Pink (silicone strap)", weight: [48, 160], box: [110, 90, 70] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "09876-25-13491", expires: "2028-09-30" },
      { scheme: "IFT", number: "RCPHEW725-0217" },
      { scheme: "CE", number: "DoC HS-W7-2025-01 (RED)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2503-0150" },
    ],
  },
  {
    category: "smartwatches",
    shape: "kids-watch",
    colour: "#2563eb",
    name: l("K4儿童4G视频通话定位手表", "Relógio Infantil 4G com GPS e Chamada de Vídeo K4", "Reloj Inteligente Infantil 4G con GPS y Videollamada K4", "K4 Kids' 4G GPS Watch with Video Calling"),
    short: l(
      "GPS+北斗+Wi-Fi多重定位，电子围栏，SOS一键求救，家长App远程管理。",
      "Localização por GPS, BeiDou e Wi-Fi, cerca virtual, botão SOS e gestão pelos pais no aplicativo.",
      "Localización por GPS, BeiDou y Wi-Fi, geocerca, botón SOS y control parental desde la app.",
      "GPS, BeiDou and Wi-Fi location, geofence, SOS button and a parent app.",
    ),
    long: l(
      "支持4G全网通（nano SIM卡），可视频通话和语音聊天，上课禁用模式避免分心。IP67生活防水，1.4英寸触摸屏，800毫安时电池可使用3天。",
      "Funciona com chip nano SIM 4G: faz chamadas de vídeo e mensagens de voz, com modo escola que bloqueia o uso durante as aulas. Resistente a respingos (IP67), tela sensível ao toque de 1,4\" e bateria de 800 mAh para até 3 dias.",
      "Funciona con nano SIM 4G: hace videollamadas y mensajes de voz, con modo escuela que bloquea el uso en clase. Resistente a salpicaduras (IP67), pantalla táctil de 1.4\" y batería de 800 mAh para hasta 3 días.",
      "Works with a 4G nano SIM: video calls and voice messages, with a school mode that blocks use during lessons. Splash resistant (IP67), 1.4\" touchscreen and an 800 mAh battery for up to 3 days.",
    ),
    specs: [
      ["display", l("1.4英寸 IPS触摸屏", "1,4\" IPS sensível ao toque", "1.4\" IPS táctil", "1.4\" IPS touchscreen")],
      ["network", "4G LTE, nano SIM"],
      ["positioning", "GPS + BeiDou + Wi-Fi + LBS"],
      ["battery", "800 mAh"],
      ["water", "IP67"],
    ],
    hs: "851762",
    hsCn: "8517629900",
    packSize: 40,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[100, "32.00"], [500, "29.50"], [1000, "27.80"]],
    sample: "40.00",
    variants: [
      { sku: "HS-K4-BL", color: "Blue", weight: [62, 190], box: [120, 95, 70] },
      { sku: "HS-K4-PK", color: "Pink", weight: [62, 190], box: [120, 95, 70] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "11422-25-13491", expires: "2028-09-30" },
      { scheme: "IFT", number: "RCPHEK425-0588" },
      { scheme: "CE", number: "DoC HS-K4-2025-02 (RED)" },
    ],
  },
  {
    category: "quartz-watches",
    shape: "quartz-watch",
    colour: "#1e40af",
    cartonImage: true,
    name: l("男士不锈钢石英手表 日历 50米防水", "Relógio Masculino de Quartzo em Aço Inox com Calendário, 5 ATM", "Reloj de Cuarzo para Caballero de Acero Inoxidable con Fechador, 5 ATM", "Men's Stainless Steel Quartz Watch with Date, 5 ATM"),
    short: l(
      "日本石英机芯，蓝宝石镀膜矿物玻璃，316L不锈钢表壳和表带，夜光指针。",
      "Máquina de quartzo japonesa, vidro mineral com revestimento de safira, caixa e pulseira em aço 316L, ponteiros luminescentes.",
      "Maquinaria de cuarzo japonesa, cristal mineral con recubrimiento de zafiro, caja y extensible de acero 316L, manecillas luminiscentes.",
      "Japanese quartz movement, sapphire-coated mineral crystal, 316L steel case and bracelet, luminous hands.",
    ),
    long: l(
      "40毫米经典三针款，适合商务和日常佩戴。折叠扣表带，表节可拆卸调节长度。起订500只可定制客户Logo表盘。每只配礼盒和多语言说明书，保修2年。",
      "Modelo clássico de três ponteiros e 40 mm, para o trabalho e o dia a dia. Pulseira com fecho dobrável e elos removíveis. Mostrador com o logotipo do cliente a partir de 500 peças. Cada relógio vem em caixa de presente com manual multilíngue; garantia de 2 anos.",
      "Modelo clásico de tres manecillas y 40 mm, para la oficina y el día a día. Extensible con broche desplegable y eslabones removibles. Carátula con el logotipo del cliente a partir de 500 piezas. Cada reloj viene en caja de regalo con instructivo multilingüe; garantía de 2 años.",
      "A classic 40 mm three-hand model for work and every day. Bracelet with folding clasp and removable links. Dial with the customer's logo from 500 pieces. Each watch comes in a gift box with a multilingual manual; 2-year warranty.",
    ),
    specs: [
      ["movement", l("日本石英机芯（三针+日历）", "Quartzo japonês (três ponteiros e data)", "Cuarzo japonés (tres manecillas y fecha)", "Japanese quartz (three hands and date)")],
      ["case", l("40毫米，316L不锈钢", "40 mm, aço inox 316L", "40 mm, acero inoxidable 316L", "40 mm, 316L stainless steel")],
      ["water", "5 ATM (50 m)"],
      ["strap", l("316L不锈钢，折叠扣", "Aço inox 316L, fecho dobrável", "Acero inoxidable 316L, broche desplegable", "316L stainless steel, folding clasp")],
      ["crystal", l("蓝宝石镀膜矿物玻璃", "Mineral com revestimento de safira", "Mineral con recubrimiento de zafiro", "Sapphire-coated mineral")],
    ],
    hs: "910211",
    hsCn: "9102110000",
    packSize: 60,
    currency: "USD",
    leadTimeDays: 30,
    tiers: [[300, "14.50"], [1000, "13.20"], [3000, "12.10"]],
    sample: "20.00",
    variants: [
      { sku: "HS-Q40-SB", color: "Silver, blue dial", weight: [120, 260], box: [110, 90, 80] },
      { sku: "HS-Q40-SK", color: "Silver, black dial", weight: [120, 260], box: [110, 90, 80] },
      { sku: "HS-Q40-GK", color: "Gold-tone, black dial", weight: [120, 260], box: [110, 90, 80] },
    ],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2501-0088" }],
  },
  {
    category: "quartz-watches",
    shape: "quartz-watch",
    colour: "#be185d",
    name: l("女士米兰表带石英手表 玫瑰金色", "Relógio Feminino de Quartzo com Pulseira Milanesa Rosé", "Reloj de Cuarzo para Dama con Extensible Milanés Oro Rosa", "Women's Quartz Watch with Rose Gold-Tone Mesh Strap"),
    short: l(
      "32毫米超薄表壳，厚度仅7毫米，米兰网带磁吸扣，长度可无级调节。",
      "Caixa ultrafina de 32 mm com apenas 7 mm de espessura, pulseira milanesa com fecho magnético e ajuste livre.",
      "Caja ultradelgada de 32 mm y apenas 7 mm de grosor, extensible milanés con broche magnético y ajuste libre.",
      "Ultra-thin 32 mm case, just 7 mm deep, milanese mesh strap with magnetic clasp and stepless fit.",
    ),
    long: l(
      "简约贝母表盘，搭配玫瑰金色离子电镀（IP）表壳，耐磨不易掉色。3ATM生活防水。适合零售和礼品渠道，配品牌礼盒。",
      "Mostrador minimalista de madrepérola e caixa com banho rosé por deposição iônica (IP), resistente ao desgaste e que não desbota. Resistente a respingos (3 ATM). Ideal para varejo e presentes, em caixa de presente da marca.",
      "Carátula minimalista de madreperla y caja con baño oro rosa por deposición iónica (IP), resistente al desgaste y que no se decolora. Resistente a salpicaduras (3 ATM). Ideal para venta al detalle y regalos, en caja de regalo de la marca.",
      "Minimalist mother-of-pearl dial and a rose gold-tone ion-plated (IP) case that resists wear and doesn't fade. Splash resistant (3 ATM). Made for retail and gifting, in a branded gift box.",
    ),
    specs: [
      ["movement", l("石英机芯（两针）", "Quartzo (dois ponteiros)", "Cuarzo (dos manecillas)", "Quartz (two hands)")],
      ["case", l("32 × 7毫米，不锈钢IP电镀", "32 × 7 mm, aço inox com banho IP", "32 × 7 mm, acero inoxidable con baño IP", "32 × 7 mm, ion-plated stainless steel")],
      ["water", "3 ATM"],
      ["strap", l("米兰网带，磁吸扣", "Malha milanesa, fecho magnético", "Malla milanesa, broche magnético", "Milanese mesh, magnetic clasp")],
    ],
    hs: "910211",
    hsCn: "9102110000",
    packSize: 60,
    currency: "USD",
    leadTimeDays: 30,
    tiers: [[300, "11.80"], [1000, "10.70"], [3000, "9.90"]],
    sample: "16.00",
    variants: [
      { sku: "HS-L32-RG", color: "Rose gold-tone", weight: [55, 190], box: [100, 90, 70] },
      { sku: "HS-L32-SV", color: "Silver", weight: [55, 190], box: [100, 90, 70] },
    ],
    certifications: [{ scheme: "ROHS", number: "RoHS report ZHT-RH-2501-0089" }],
  },
  {
    category: "quartz-watches",
    shape: "digital-watch",
    colour: "#15803d",
    name: l("多功能运动电子表 背光 50米防水", "Relógio Digital Esportivo com Luz, Alarme e Cronômetro", "Reloj Digital Deportivo con Luz, Alarma y Cronómetro", "Digital Sports Watch with Backlight, Alarm and Stopwatch"),
    short: l(
      "LCD液晶显示，EL背光，闹钟、秒表、倒计时，50米防水，电池寿命约2年。",
      "Visor LCD com luz de fundo EL, alarme, cronômetro e timer, resistente a 5 ATM, bateria para cerca de 2 anos.",
      "Pantalla LCD con luz EL, alarma, cronómetro y temporizador, resistente a 5 ATM, pila para unos 2 años.",
      "LCD with EL backlight, alarm, stopwatch and countdown timer, 5 ATM water resistant, about 2 years of battery.",
    ),
    long: l(
      "树脂表壳和表带，轻便耐用，适合学生、运动和户外工作。12/24小时制切换，双时区显示，每日闹钟和整点报时。使用CR2025纽扣电池，单只PVC管包装，适合超市和便利店挂卖。",
      "Caixa e pulseira de resina, leves e resistentes, para estudantes, esportes e trabalho ao ar livre. Formato 12/24 h, dois fusos horários, alarme diário e sinal de hora cheia. Bateria CR2025; embalagem individual em tubo de PVC, pronta para gancheiras de supermercados e lojas de conveniência.",
      "Caja y correa de resina, ligeras y resistentes, para estudiantes, deporte y trabajo al aire libre. Formato de 12/24 h, doble horario, alarma diaria y señal horaria. Pila CR2025; empaque individual en tubo de PVC, listo para exhibidores de autoservicios y tiendas de conveniencia.",
      "Resin case and strap, light and tough, for students, sport and outdoor work. 12/24-hour format, dual time, daily alarm and hourly chime. CR2025 battery; each watch in a PVC tube, ready for supermarket and convenience-store peg displays.",
    ),
    specs: [
      ["display", l("LCD，EL背光", "LCD com luz EL", "LCD con luz EL", "LCD, EL backlight")],
      ["water", "5 ATM"],
      ["battery", l("CR2025，约2年", "CR2025, cerca de 2 anos", "CR2025, unos 2 años", "CR2025, about 2 years")],
      ["functions", l("闹钟、秒表、倒计时、双时区", "Alarme, cronômetro, timer, dois fusos", "Alarma, cronómetro, temporizador, doble horario", "Alarm, stopwatch, timer, dual time")],
    ],
    hs: "910212",
    hsCn: "9102120000",
    packSize: 200,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[500, "3.90"], [2000, "3.45"], [10000, "3.10"]],
    sample: "0.00",
    variants: [
      { sku: "HS-D12-BK", color: "Black", weight: [45, 60], box: [240, 30, 20] },
      { sku: "HS-D12-CA", color: "Camouflage green", weight: [45, 60], box: [240, 30, 20] },
      { sku: "HS-D12-RD", color: "Red", weight: [45, 60], box: [240, 30, 20] },
    ],
    certifications: [
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2501-0090" },
      { scheme: "CE", number: "DoC HS-D12-2025-01 (EMC)" },
    ],
  },
  {
    category: "smartwatches",
    shape: "fitness-band",
    colour: "#1e293b",
    name: l("B5智能手环 心率血氧 彩屏", "Pulseira Inteligente B5 com Monitor Cardíaco", "Pulsera Inteligente B5 con Monitor de Ritmo Cardiaco", "B5 Fitness Band with Heart-Rate Monitor"),
    short: l(
      "1.1英寸AMOLED彩屏，心率、血氧、睡眠监测，续航14天，5ATM防水。",
      "Tela AMOLED colorida de 1,1\", monitor cardíaco, de oxigênio e de sono, até 14 dias de bateria, 5 ATM.",
      "Pantalla AMOLED a color de 1.1\", ritmo cardiaco, oxígeno y sueño, hasta 14 días de batería, 5 ATM.",
      "1.1\" colour AMOLED, heart-rate, SpO₂ and sleep tracking, up to 14 days of battery, 5 ATM.",
    ),
    long: l(
      "仅重22克，全天佩戴无负担。支持30种运动模式、来电和WhatsApp消息提醒、久坐提醒和抬腕亮屏。USB磁吸充电，约1.5小时充满。App支持葡萄牙语、西班牙语和英语。",
      "Pesa só 22 g, confortável o dia inteiro. 30 modos esportivos, avisos de chamadas e mensagens do WhatsApp, lembrete para se movimentar e tela que acende ao levantar o pulso. Carregador USB magnético, carga completa em cerca de 1,5 hora. Aplicativo em português, espanhol e inglês.",
      "Pesa solo 22 g, cómoda todo el día. 30 modos deportivos, avisos de llamadas y mensajes de WhatsApp, recordatorio de movimiento y pantalla que se enciende al girar la muñeca. Cargador USB magnético, carga completa en cerca de 1.5 horas. App en español, portugués e inglés.",
      "Weighs only 22 g, comfortable all day. 30 sport modes, call and WhatsApp notifications, move reminders and raise-to-wake. Magnetic USB charger, full in about 1.5 hours. App in Portuguese, Spanish and English.",
    ),
    specs: [
      ["display", l("1.1英寸 AMOLED", "AMOLED de 1,1\"", "AMOLED de 1.1\"", "1.1\" AMOLED")],
      ["runtime", l("14天", "14 dias", "14 días", "14 days")],
      ["water", "5 ATM"],
      ["sensors", l("心率、血氧", "Frequência cardíaca, SpO₂", "Ritmo cardiaco, SpO₂", "Heart rate, SpO₂")],
      ["weight", "22 g"],
    ],
    hs: "851762",
    hsCn: "8517629900",
    packSize: 100,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[200, "7.20"], [1000, "6.60"], [5000, "6.10"]],
    sample: "10.00",
    variants: [
      { sku: "HS-B5-BK", color: "Black", weight: [22, 80], box: [150, 60, 30] },
      { sku: "HS-B5-NV", color: "Navy", weight: [22, 80], box: [150, 60, 30] },
    ],
    certifications: [
      { scheme: "ANATEL", number: "09877-25-13491", expires: "2028-09-30" },
      { scheme: "CE", number: "DoC HS-B5-2025-01 (RED)" },
    ],
  },
];

// ─── Aquaria Bathroom Fittings ───────────────────────────────────────────────────────────────────────────────

const conagua = (n: string) => `NOM-002-CONAGUA-2021 · CERT-MX-${n}`;

const bathroom: DemoProduct[] = [
  {
    category: "faucets",
    shape: "basin-faucet",
    colour: "#cbd5e1",
    cartonImage: true,
    name: l("单把手面盆冷热水龙头 黄铜镀铬", "Torneira Monocomando para Lavatório em Latão Cromado", "Grifo Mezclador Monomando para Lavabo de Latón Cromado", "Single-Lever Basin Mixer Tap, Chrome-Plated Brass"),
    short: l(
      "H59黄铜主体，35毫米陶瓷阀芯通过50万次开关测试，起泡器节水。",
      "Corpo em latão H59, cartucho cerâmico de 35 mm testado em 500 mil ciclos e arejador que economiza água.",
      "Cuerpo de latón H59, cartucho cerámico de 35 mm probado a 500 mil ciclos y aireador ahorrador de agua.",
      "H59 brass body, 35 mm ceramic cartridge tested to 500,000 cycles and a water-saving aerator.",
    ),
    long: l(
      "镍铬复合电镀层，通过24小时中性盐雾测试。配60厘米不锈钢编织进水软管和安装配件。低铅黄铜，适用于饮用水系统。",
      "Acabamento cromado sobre níquel, aprovado em 24 horas de névoa salina. Acompanha flexíveis de aço inox trançado de 60 cm e kit de instalação. Latão de baixo teor de chumbo, adequado para água potável.",
      "Acabado cromo sobre níquel, aprobado en 24 horas de niebla salina. Incluye mangueras de acero inoxidable trenzado de 60 cm y kit de instalación. Latón bajo en plomo, apto para agua potable.",
      "Chrome over nickel finish, passes 24 hours of neutral salt spray. Comes with 60 cm braided stainless steel hoses and a fixing kit. Low-lead brass, suitable for drinking water.",
    ),
    specs: [
      ["material", l("H59黄铜", "Latão H59", "Latón H59", "H59 brass")],
      ["cartridge", l("35毫米陶瓷阀芯", "Cerâmico de 35 mm", "Cerámico de 35 mm", "35 mm ceramic")],
      ["finish", l("镀铬 / 哑光黑 / 拉丝金", "Cromado / preto fosco / dourado escovado", "Cromo / negro mate / dorado cepillado", "Chrome / matte black / brushed gold")],
      ["connection", "G 1/2\""],
      ["flow", "≤ 6 L/min @ 0.3 MPa"],
      ["pressure", "0.05–0.8 MPa"],
    ],
    hs: "848180",
    hsCn: "8481809000",
    packSize: 10,
    currency: "USD",
    leadTimeDays: 25,
    tiers: [[100, "22.00"], [300, "19.50"], [1000, "17.80"]],
    sample: "30.00",
    variants: [
      { sku: "AQ-BM01-CR", color: "Chrome", weight: [1150, 1450], box: [260, 200, 80] },
      { sku: "AQ-BM01-MB", color: "Matte black", weight: [1150, 1450], box: [260, 200, 80] },
      { sku: "AQ-BM01-BG", color: "Brushed gold", weight: [1150, 1450], box: [260, 200, 80] },
    ],
    certifications: [
      { scheme: "NOM", number: conagua("0921"), expires: "2027-07-31" },
      { scheme: "CE", number: "DoP AQ-BM01-2024 (EN 817)" },
    ],
  },
  {
    category: "faucets",
    shape: "kitchen-faucet",
    colour: "#94a3b8",
    name: l("抽拉式厨房冷热水龙头 两种出水", "Torneira Gourmet para Cozinha com Ducha Extensível", "Grifo de Cocina Extraíble con Regadera de Dos Funciones", "Pull-Out Kitchen Faucet with Two-Function Spray"),
    short: l(
      "可拉出50厘米，起泡/花洒两种出水，360°旋转，304不锈钢拉丝。",
      "Ducha extensível de 50 cm com dois jatos (arejado e chuveirinho), bica giratória 360° em aço inox 304 escovado.",
      "Regadera extraíble de 50 cm con dos chorros (aireado y rocío), cuello giratorio 360° de acero inoxidable 304 cepillado.",
      "50 cm pull-out spray with two modes (aerated and spray), 360° swivel spout in brushed 304 stainless steel.",
    ),
    long: l(
      "重锤设计，软管自动回位。40毫米陶瓷阀芯，手感顺滑。适用于单槽和双槽水槽，安装孔径32–35毫米。",
      "Contrapeso que recolhe a mangueira automaticamente. Cartucho cerâmico de 40 mm com acionamento suave. Para cubas simples e duplas, furo de instalação de 32 a 35 mm.",
      "Contrapeso que recoge la manguera automáticamente. Cartucho cerámico de 40 mm de accionamiento suave. Para tarjas sencillas y dobles, barreno de instalación de 32 a 35 mm.",
      "A counterweight retracts the hose by itself. 40 mm ceramic cartridge with a smooth action. Fits single and double sinks; 32–35 mm mounting hole.",
    ),
    specs: [
      ["material", l("304不锈钢", "Aço inox 304", "Acero inoxidable 304", "304 stainless steel")],
      ["cartridge", l("40毫米陶瓷阀芯", "Cerâmico de 40 mm", "Cerámico de 40 mm", "40 mm ceramic")],
      ["hose", l("可拉出50厘米", "Extensível, 50 cm", "Extraíble, 50 cm", "50 cm pull-out")],
      ["finish", l("拉丝 / 哑光黑", "Escovado / preto fosco", "Cepillado / negro mate", "Brushed / matte black")],
      ["connection", "G 1/2\""],
    ],
    hs: "848180",
    hsCn: "8481809000",
    packSize: 6,
    currency: "USD",
    leadTimeDays: 25,
    tiers: [[100, "38.00"], [300, "34.50"], [1000, "31.90"]],
    sample: "50.00",
    variants: [
      { sku: "AQ-KP02-SS", color: "Brushed steel", weight: [1800, 2300], box: [420, 250, 90] },
      { sku: "AQ-KP02-MB", color: "Matte black", weight: [1800, 2300], box: [420, 250, 90] },
    ],
    certifications: [
      { scheme: "NOM", number: conagua("0922"), expires: "2027-07-31" },
      { scheme: "CE", number: "DoP AQ-KP02-2024 (EN 817)" },
    ],
  },
  {
    category: "showers",
    shape: "shower-column",
    colour: "#d1d5db",
    name: l("恒温淋浴花洒套装 顶喷+手持", "Conjunto de Chuveiro Termostático com Ducha de Mão", "Columna de Regadera Termostática con Regadera de Mano", "Thermostatic Shower Column with Hand Shower"),
    short: l(
      "38°C恒温安全锁，250毫米方形顶喷，三功能手持花洒，黄铜恒温阀体。",
      "Trava de segurança em 38 °C, chuveiro de teto quadrado de 250 mm, ducha manual de três jatos e válvula termostática em latão.",
      "Tope de seguridad a 38 °C, regadera superior cuadrada de 250 mm, regadera de mano de tres funciones y válvula termostática de latón.",
      "38 °C safety stop, 250 mm square overhead shower, three-function hand shower and a brass thermostatic valve.",
    ),
    long: l(
      "恒温阀芯在进水压力和温度变化时保持出水温度稳定（±1°C），防止烫伤。不锈钢升降杆高度可调，顶喷硅胶出水孔易除水垢。适用于水压不低于1.5 bar的燃气或太阳能热水系统。",
      "O cartucho termostático mantém a temperatura estável (±1 °C) mesmo quando a pressão ou a temperatura da água variam, evitando queimaduras. Barra de aço inox com altura regulável e chuveiro de teto com bicos de silicone fáceis de limpar. Para aquecedores a gás ou solares com pressão mínima de 1,5 bar.",
      "El cartucho termostático mantiene la temperatura estable (±1 °C) aunque varíen la presión o la temperatura del agua, evitando quemaduras. Barra de acero inoxidable de altura ajustable y regadera superior con boquillas de silicón fáciles de limpiar. Para calentadores de gas o solares con presión mínima de 1.5 bar.",
      "The thermostatic cartridge holds the temperature steady (±1 °C) when water pressure or temperature change, preventing scalds. Height-adjustable stainless steel riser and an overhead shower with easy-clean silicone nozzles. For gas or solar water heaters with at least 1.5 bar.",
    ),
    specs: [
      ["material", l("黄铜阀体，304不锈钢升降杆", "Válvula de latão, barra de aço inox 304", "Válvula de latón, barra de acero inoxidable 304", "Brass valve, 304 stainless steel riser")],
      ["overhead", "250 × 250 mm"],
      ["temperature", l("38°C安全锁，±1°C", "Trava em 38 °C, ±1 °C", "Tope a 38 °C, ±1 °C", "38 °C safety stop, ±1 °C")],
      ["pressure", "0.15–0.5 MPa"],
      ["finish", l("镀铬 / 哑光黑", "Cromado / preto fosco", "Cromo / negro mate", "Chrome / matte black")],
    ],
    hs: "848180",
    hsCn: "8481809000",
    packSize: 1,
    currency: "USD",
    leadTimeDays: 30,
    tiers: [[50, "89.00"], [200, "82.00"], [500, "76.50"]],
    sample: "120.00",
    variants: [
      { sku: "AQ-SC03-CR", color: "Chrome", weight: [6800, 8200], box: [1050, 330, 140] },
      { sku: "AQ-SC03-MB", color: "Matte black", weight: [6800, 8200], box: [1050, 330, 140] },
    ],
    certifications: [
      { scheme: "NOM", number: conagua("1033"), expires: "2028-01-31" },
      { scheme: "CE", number: "DoP AQ-SC03-2025 (EN 1111)" },
    ],
  },
  {
    category: "showers",
    shape: "electric-shower",
    colour: "#f8fafc",
    name: l("即热式电热花洒 四档温度", "Chuveiro Elétrico Multitemperaturas 127 V / 220 V", "Regadera Eléctrica Instantánea de 4 Temperaturas", "Instant Electric Shower, 4 Heat Settings"),
    short: l(
      "四档温度调节，铜质发热体，防干烧，127V（5500W）和220V（7500W）两种版本。",
      "Quatro temperaturas, resistência de cobre, proteção contra aquecimento a seco, versões 127 V (5500 W) e 220 V (7500 W).",
      "Cuatro temperaturas, resistencia de cobre, protección contra calentamiento en seco, versiones de 127 V (5500 W) y 220 V (7500 W).",
      "Four heat settings, copper element, dry-heat protection, 127 V (5500 W) and 220 V (7500 W) versions.",
    ),
    long: l(
      "巴西家庭最常见的即热式电热花洒：接冷水即出热水，无需热水器。阻燃ABS外壳，内置接地线，按INMETRO要求设计。10厘米大面板，出水均匀。",
      "O chuveiro elétrico instantâneo presente na maioria dos banheiros brasileiros: basta ligar à água fria, sem aquecedor. Carcaça em ABS antichama, fio terra incorporado e projeto conforme os requisitos do INMETRO. Espalhador de 10 cm para um jato uniforme.",
      "La regadera eléctrica instantánea de la mayoría de los baños de Brasil: basta conectarla al agua fría, sin calentador. Carcasa de ABS retardante de flama, cable de tierra integrado y diseño conforme a los requisitos del INMETRO. Difusor de 10 cm para un chorro uniforme.",
      "The instant electric shower found in most Brazilian bathrooms: connect it to cold water, no water heater needed. Flame-retardant ABS housing, built-in earth wire, designed to INMETRO requirements. A 10 cm spray plate for an even flow.",
    ),
    specs: [
      ["power", "5500 W (127 V) / 7500 W (220 V)"],
      ["settings", l("4档", "4", "4", "4")],
      ["pressure", "10–400 kPa"],
      ["material", l("阻燃ABS，铜发热体", "ABS antichama, resistência de cobre", "ABS retardante de flama, resistencia de cobre", "Flame-retardant ABS, copper element")],
      ["connection", "1/2\""],
    ],
    hs: "851610",
    hsCn: "8516100000",
    packSize: 12,
    currency: "CNY",
    leadTimeDays: 20,
    tiers: [[500, "52.00"], [2000, "47.50"], [5000, "44.00"]],
    sample: "80.00",
    variants: [
      { sku: "AQ-ES55-127", voltage: "127V", color: "White", capacity: "5500 W", weight: [620, 780], box: [300, 160, 120] },
      { sku: "AQ-ES75-220", voltage: "220V", color: "White", capacity: "7500 W", weight: [640, 800], box: [300, 160, 120] },
    ],
    certifications: [{ scheme: "INMETRO", number: "Registro 001987/2025", expires: "2029-04-30" }],
  },
  {
    category: "bathroom-accessories",
    shape: "bath-accessories",
    colour: "#a1a1aa",
    name: l("304不锈钢浴室五金四件套", "Kit de Acessórios para Banheiro em Aço Inox 304 – 4 Peças", "Juego de Accesorios para Baño de Acero Inoxidable 304 – 4 Piezas", "304 Stainless Steel Bathroom Accessory Set, 4 Pieces"),
    short: l(
      "毛巾杆、毛巾环、卷纸架、挂钩，拉丝表面，防锈防指纹。",
      "Toalheiro de barra, toalheiro de argola, papeleira e cabide, acabamento escovado que não enferruja e não marca digitais.",
      "Toallero de barra, toallero de aro, portarrollos y gancho, acabado cepillado que no se oxida ni marca huellas.",
      "Towel bar, towel ring, toilet-roll holder and robe hook, brushed finish that resists rust and fingerprints.",
    ),
    long: l(
      "加厚304不锈钢（1.0毫米），隐藏式螺丝安装，附膨胀螺丝和安装模板。每套独立彩盒包装，适合建材零售和酒店工程。",
      "Aço inox 304 reforçado (1,0 mm), fixação com parafusos ocultos; acompanha buchas e gabarito de instalação. Cada kit em caixa colorida individual, para lojas de material de construção e obras de hotelaria.",
      "Acero inoxidable 304 reforzado (1.0 mm), fijación con tornillos ocultos; incluye taquetes y plantilla de instalación. Cada juego en caja de color individual, para tiendas de materiales y proyectos hoteleros.",
      "Heavy-gauge 304 stainless steel (1.0 mm), concealed screw fixing; wall plugs and a template included. Each set in its own colour box, for building-supply retail and hotel projects.",
    ),
    specs: [
      ["material", l("304不锈钢，1.0毫米", "Aço inox 304, 1,0 mm", "Acero inoxidable 304, 1.0 mm", "304 stainless steel, 1.0 mm")],
      ["finish", l("拉丝 / 哑光黑", "Escovado / preto fosco", "Cepillado / negro mate", "Brushed / matte black")],
      ["contents", l("60厘米毛巾杆、毛巾环、卷纸架、挂钩", "Toalheiro de 60 cm, argola, papeleira, cabide", "Toallero de 60 cm, aro, portarrollos, gancho", "60 cm towel bar, towel ring, roll holder, hook")],
      ["installation", l("壁挂，隐藏式螺丝", "Parede, parafusos ocultos", "Muro, tornillos ocultos", "Wall-mounted, concealed screws")],
    ],
    hs: "732490",
    hsCn: "7324900000",
    unit: "SET",
    packSize: 8,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[100, "24.00"], [500, "21.50"], [1500, "19.80"]],
    sample: "30.00",
    variants: [
      { sku: "AQ-BA04-BS", color: "Brushed steel", weight: [1900, 2400], box: [650, 160, 70] },
      { sku: "AQ-BA04-MB", color: "Matte black", weight: [1900, 2400], box: [650, 160, 70] },
    ],
    certifications: [],
  },
];

// ─── Lumenhai LED Lighting ───────────────────────────────────────────────────────────────────────────────────

const lighting: DemoProduct[] = [
  {
    category: "led-bulbs",
    shape: "led-bulb",
    colour: "#fde68a",
    cartonImage: true,
    name: l("A60 LED球泡灯 9W E27", "Lâmpada LED Bulbo A60 9 W E27 Bivolt", "Foco LED A60 9 W E27", "A60 LED Bulb, 9 W, E27"),
    short: l(
      "806流明，可替代60W白炽灯，100–240V宽电压，显色指数Ra>80，寿命25000小时。",
      "806 lúmens, substitui lâmpada incandescente de 60 W, bivolt 100–240 V, IRC > 80, vida útil de 25.000 horas.",
      "806 lúmenes, reemplaza un foco incandescente de 60 W, 100–240 V, IRC > 80, vida útil de 25,000 horas.",
      "806 lumens, replaces a 60 W incandescent, 100–240 V, CRI > 80, 25,000-hour life.",
    ),
    long: l(
      "铝包塑散热结构，恒流IC驱动，无频闪。PC灯罩防摔，光线均匀柔和，发光角度220°。提供3000K暖白和6500K冷白两种色温，单只纸盒或10只装。",
      "Dissipador de alumínio revestido de plástico e driver de corrente constante, sem cintilação. Bulbo de policarbonato inquebrável, luz uniforme e suave com abertura de 220°. Disponível em 3000 K (branco quente) e 6500 K (branco frio), em caixa individual ou pack com 10.",
      "Disipador de aluminio recubierto de plástico y driver de corriente constante, sin parpadeo. Bulbo de policarbonato irrompible, luz uniforme y suave con apertura de 220°. Disponible en 3000 K (luz cálida) y 6500 K (luz fría), en caja individual o paquete de 10.",
      "Plastic-clad aluminium heat sink and a flicker-free constant-current driver. Shatter-proof polycarbonate bulb, even, soft light over 220°. In 3000 K warm white and 6500 K cool white, boxed singly or in packs of 10.",
    ),
    specs: [
      ["power", "9 W"],
      ["flux", "806 lm"],
      ["cct", "3000 K / 6500 K"],
      ["cri", "Ra > 80"],
      ["base", "E27"],
      ["lifetime", l("25000小时", "25.000 h", "25,000 h", "25,000 h")],
    ],
    hs: "853952",
    hsCn: "8539520000",
    packSize: 100,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[3000, "0.42"], [10000, "0.38"], [30000, "0.35"]],
    sample: "0.00",
    variants: [
      { sku: "LH-A60-9-30", voltage: "100-240V", color: "3000K", capacity: "9 W", weight: [45, 60], box: [65, 65, 115] },
      { sku: "LH-A60-9-65", voltage: "100-240V", color: "6500K", capacity: "9 W", weight: [45, 60], box: [65, 65, 115] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 011245/2024", expires: "2028-10-31" },
      { scheme: "NOM", number: "NOM-030-ENER-2016 · ANCE-24-09912", expires: "2027-09-30" },
      { scheme: "CE", number: "DoC LH-A60-2024-05 (LVD/EMC/ErP)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2406-0511" },
    ],
  },
  {
    category: "led-bulbs",
    shape: "filament-bulb",
    colour: "#d97706",
    name: l("ST64复古LED灯丝灯 6W 可调光", "Lâmpada de Filamento LED Vintage ST64 6 W Dimerizável", "Foco LED de Filamento Vintage ST64 6 W Regulable", "ST64 Vintage LED Filament Bulb, 6 W, Dimmable"),
    short: l(
      "琥珀色玻璃，2200K暖光，兼容切相调光器，适合餐厅和咖啡馆装饰。",
      "Vidro âmbar, luz bem quente de 2200 K, compatível com dimmers de corte de fase, para bares, restaurantes e cafés.",
      "Vidrio ámbar, luz muy cálida de 2200 K, compatible con atenuadores de corte de fase, para bares, restaurantes y cafeterías.",
      "Amber glass, extra-warm 2200 K light, works with phase-cut dimmers, for bars, restaurants and cafés.",
    ),
    long: l(
      "爱迪生风格螺旋灯丝，装饰效果好，能耗仅为同亮度白炽灯的十分之一。充氦气玻璃泡壳，散热更好。提供127V和220V版本。",
      "Filamento em espiral estilo Edison, decorativo, com consumo de um décimo de uma incandescente de mesmo brilho. Bulbo de vidro com gás hélio para melhor dissipação. Versões 127 V e 220 V.",
      "Filamento en espiral estilo Edison, decorativo, con un consumo de la décima parte de un foco incandescente del mismo brillo. Bulbo de vidrio con helio para mejor disipación. Versiones de 127 V y 220 V.",
      "Edison-style spiral filament, decorative, using a tenth of the energy of an equally bright incandescent. Helium-filled glass bulb for better cooling. 127 V and 220 V versions.",
    ),
    specs: [
      ["power", "6 W"],
      ["flux", "600 lm"],
      ["cct", "2200 K"],
      ["base", "E27"],
      ["dimmable", l("是（切相调光）", "Sim (corte de fase)", "Sí (corte de fase)", "Yes (phase-cut)")],
    ],
    hs: "853952",
    hsCn: "8539520000",
    packSize: 50,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[1000, "0.95"], [5000, "0.86"], [20000, "0.79"]],
    sample: "0.00",
    variants: [
      { sku: "LH-ST64-127", voltage: "127V", color: "2200K amber", capacity: "6 W", weight: [55, 85], box: [70, 70, 150] },
      { sku: "LH-ST64-220", voltage: "220V", color: "2200K amber", capacity: "6 W", weight: [55, 85], box: [70, 70, 150] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 011246/2024", expires: "2028-10-31" },
      { scheme: "CE", number: "DoC LH-ST64-2024-06 (LVD/EMC/ErP)" },
    ],
  },
  {
    category: "led-panels",
    shape: "led-panel",
    colour: "#e0f2fe",
    name: l("600×600嵌入式LED平板灯 40W", "Painel LED de Embutir 60 × 60 cm 40 W", "Panel LED de Empotrar 60 × 60 cm 40 W", "600 × 600 mm Recessed LED Panel, 40 W"),
    short: l(
      "侧发光导光板，4000流明，UGR<19防眩光，适用于办公室和学校的矿棉板吊顶。",
      "Iluminação lateral com guia de luz, 4000 lúmens, UGR < 19 antiofuscamento, para forros modulares de escritórios e escolas.",
      "Iluminación lateral con guía de luz, 4000 lúmenes, UGR < 19 antideslumbrante, para plafones modulares de oficinas y escuelas.",
      "Edge-lit light guide, 4,000 lumens, UGR < 19 glare control, for office and school grid ceilings.",
    ),
    long: l(
      "铝合金边框，PS导光板，外置隔离驱动电源（功率因数>0.9）。光效100lm/W，寿命30000小时。每箱2片，吊装配件可选。",
      "Moldura de alumínio, guia de luz em PS e driver externo isolado (fator de potência > 0,9). Eficiência de 100 lm/W e vida útil de 30.000 horas. Duas peças por caixa; kit de suspensão opcional.",
      "Marco de aluminio, guía de luz de PS y driver externo aislado (factor de potencia > 0.9). Eficacia de 100 lm/W y vida útil de 30,000 horas. Dos piezas por caja; kit de suspensión opcional.",
      "Aluminium frame, PS light guide and an external isolated driver (power factor > 0.9). 100 lm/W efficacy and 30,000-hour life. Two per carton; suspension kit optional.",
    ),
    specs: [
      ["power", "40 W"],
      ["flux", l("4000流明", "4.000 lm", "4,000 lm", "4,000 lm")],
      ["cct", "4000 K / 6500 K"],
      ["dimensions", "595 × 595 × 10 mm"],
      ["lifetime", l("30000小时", "30.000 h", "30,000 h", "30,000 h")],
      ["voltage", "100–240 V"],
    ],
    hs: "940542",
    hsCn: "9405420000",
    packSize: 2,
    currency: "USD",
    leadTimeDays: 25,
    tiers: [[200, "7.80"], [1000, "7.10"], [3000, "6.50"]],
    sample: "15.00",
    variants: [
      { sku: "LH-P6060-40K", voltage: "100-240V", color: "4000K", capacity: "40 W", weight: [2600, 3200], box: [640, 640, 40] },
      { sku: "LH-P6060-65K", voltage: "100-240V", color: "6500K", capacity: "40 W", weight: [2600, 3200], box: [640, 640, 40] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 011390/2025", expires: "2029-02-28" },
      { scheme: "NOM", number: "NOM-031-ENER-2019 · ANCE-25-00412", expires: "2027-12-31" },
      { scheme: "CE", number: "DoC LH-P6060-2025-01 (LVD/EMC)" },
    ],
  },
  {
    category: "led-strips",
    shape: "led-strip",
    colour: "#8b5cf6",
    name: l("5米RGB LED灯带套装 含遥控器和12V电源", "Fita LED RGB 5 m com Controle Remoto e Fonte 12 V", "Tira LED RGB 5 m con Control Remoto y Fuente de 12 V", "5 m RGB LED Strip Kit with Remote and 12 V Adapter"),
    short: l(
      "SMD5050灯珠每米60颗，16种颜色和4种动态模式，背胶即贴，可剪裁。",
      "LEDs SMD 5050, 60 por metro, 16 cores e 4 efeitos, autoadesiva e pode ser cortada.",
      "LEDs SMD 5050, 60 por metro, 16 colores y 4 efectos, autoadhesiva y se puede cortar.",
      "SMD 5050 LEDs at 60 per metre, 16 colours and 4 effects, self-adhesive and cuttable.",
    ),
    long: l(
      "套装包含5米灯带、44键红外遥控器、控制器和12V 2A电源适配器（按目的国插头）。IP20款适用于室内，IP65滴胶防水款适用于厨房和阳台。",
      "O kit traz 5 m de fita, controle remoto infravermelho de 44 teclas, controlador e fonte 12 V 2 A com o plugue do país de destino. Fita IP20 para interiores ou IP65 com silicone, para cozinhas e varandas.",
      "El kit incluye 5 m de tira, control remoto infrarrojo de 44 teclas, controlador y fuente de 12 V 2 A con la clavija del país de destino. Tira IP20 para interiores o IP65 con silicón, para cocinas y terrazas.",
      "The kit has 5 m of strip, a 44-key IR remote, a controller and a 12 V 2 A adapter with the destination's plug. IP20 strip for indoors or IP65 silicone-coated for kitchens and balconies.",
    ),
    specs: [
      ["length", "5 m"],
      ["leds", l("SMD 5050，每米60颗", "SMD 5050, 60 por metro", "SMD 5050, 60 por metro", "SMD 5050, 60 per metre")],
      ["power", "24 W"],
      ["input", l("12V直流（适配器100–240V）", "12 V CC (fonte 100–240 V)", "12 V CC (fuente de 100–240 V)", "12 V DC (adapter 100–240 V)")],
      ["ingress", "IP20 / IP65"],
    ],
    hs: "940542",
    hsCn: "9405420000",
    unit: "SET",
    packSize: 50,
    currency: "USD",
    leadTimeDays: 15,
    tiers: [[200, "6.50"], [1000, "5.90"], [3000, "5.40"]],
    sample: "10.00",
    variants: [
      { sku: "LH-STR5-IP20-N", voltage: "100-240V", plugType: "N", capacity: "IP20", color: "RGB", weight: [380, 520], box: [200, 150, 50] },
      { sku: "LH-STR5-IP65-N", voltage: "100-240V", plugType: "N", capacity: "IP65", color: "RGB", weight: [420, 560], box: [200, 150, 50] },
      { sku: "LH-STR5-IP20-A", voltage: "100-240V", plugType: "A", capacity: "IP20", color: "RGB", weight: [380, 520], box: [200, 150, 50] },
    ],
    certifications: [
      { scheme: "NOM", number: "NOM-001-SCFI-2018 · NYCE-25-1041", expires: "2027-04-30" },
      { scheme: "CE", number: "DoC LH-STR5-2025-02 (EMC)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2502-0290" },
    ],
  },
  {
    category: "outdoor-lighting",
    shape: "floodlight",
    colour: "#334155",
    name: l("100W LED投光灯 IP65 户外防水", "Refletor LED 100 W IP65 à Prova d'Água", "Reflector LED 100 W IP65 para Exterior", "100 W LED Floodlight, IP65, Outdoor"),
    short: l(
      "压铸铝外壳，10000流明，120°光束角，适用于工地、球场、堆场和仓库照明。",
      "Corpo em alumínio injetado, 10.000 lúmens, abertura de 120°, para obras, quadras, pátios e galpões.",
      "Cuerpo de aluminio inyectado, 10,000 lúmenes, apertura de 120°, para obras, canchas, patios y bodegas.",
      "Die-cast aluminium body, 10,000 lumens, 120° beam, for building sites, sports courts, yards and warehouses.",
    ),
    long: l(
      "钢化玻璃面罩，IP65防尘防水，支架可180°调节。内置4kV防浪涌保护，适合雷雨多发地区。100–240V宽电压输入。",
      "Vidro temperado e vedação IP65 contra poeira e chuva; suporte com ajuste de 180°. Proteção contra surtos de 4 kV, adequada a regiões com muitas tempestades. Bivolt automático 100–240 V.",
      "Vidrio templado y sellado IP65 contra polvo y lluvia; soporte con ajuste de 180°. Protección contra sobretensiones de 4 kV, adecuada para zonas con tormentas frecuentes. Voltaje universal de 100–240 V.",
      "Tempered glass and IP65 sealing against dust and rain; the bracket adjusts through 180°. 4 kV surge protection for storm-prone regions. Universal 100–240 V input.",
    ),
    specs: [
      ["power", "100 W"],
      ["flux", l("10000流明", "10.000 lm", "10,000 lm", "10,000 lm")],
      ["ingress", "IP65"],
      ["beam", "120°"],
      ["cct", "4000 K / 6500 K"],
      ["material", l("压铸铝，钢化玻璃", "Alumínio injetado, vidro temperado", "Aluminio inyectado, vidrio templado", "Die-cast aluminium, tempered glass")],
    ],
    hs: "940542",
    hsCn: "9405420000",
    packSize: 10,
    currency: "USD",
    leadTimeDays: 20,
    tiers: [[100, "14.00"], [500, "12.60"], [2000, "11.40"]],
    sample: "20.00",
    variants: [
      { sku: "LH-FL100-65K", voltage: "100-240V", color: "6500K", capacity: "100 W", weight: [1500, 1900], box: [300, 250, 80] },
      { sku: "LH-FL100-40K", voltage: "100-240V", color: "4000K", capacity: "100 W", weight: [1500, 1900], box: [300, 250, 80] },
    ],
    certifications: [
      { scheme: "INMETRO", number: "Registro 011512/2025", expires: "2029-05-31" },
      { scheme: "CE", number: "DoC LH-FL100-2025-03 (LVD/EMC)" },
      { scheme: "ROHS", number: "RoHS report ZHT-RH-2503-0377" },
    ],
  },
];

export const DEMO_CATALOG: DemoManufacturer[] = [
  {
    organization: "Gree-Lux Home Appliances",
    ownerEmail: "maker@demo.ponte.test",
    brand: {
      name: "Geyue",
      colour: "#0f766e",
      story: l(
        "格悦自2009年起在珠海前山生产小家电和空调，产品销往30多个国家。",
        "A Geyue fabrica eletroportáteis e ar-condicionado em Zhuhai desde 2009 e exporta para mais de 30 países.",
        "Geyue fabrica pequeños electrodomésticos y aire acondicionado en Zhuhai desde 2009 y exporta a más de 30 países.",
        "Geyue has made small appliances and air conditioners in Zhuhai since 2009 and exports to more than 30 countries.",
      ),
    },
    products: homeAppliances,
  },
  {
    organization: "Inkbridge Printer Consumables",
    ownerEmail: "owner.inkbridge@demo.ponte.test",
    brand: {
      name: "Inkbridge",
      colour: "#1d4ed8",
      story: l(
        "墨桥位于全球打印耗材之都珠海，专注兼容硒鼓、墨水和感光鼓十五年。",
        "A Inkbridge fica em Zhuhai, a capital mundial dos suprimentos de impressão, e há quinze anos produz toners, tintas e cilindros compatíveis.",
        "Inkbridge está en Zhuhai, la capital mundial de los consumibles de impresión, y desde hace quince años produce tóneres, tintas y tambores compatibles.",
        "Inkbridge is in Zhuhai, the world capital of printer consumables, and has made compatible toner, ink and drums for fifteen years.",
      ),
    },
    products: printerConsumables,
  },
  {
    organization: "Meizhi Mobile & Accessories",
    ownerEmail: "owner.meizhi@demo.ponte.test",
    brand: {
      name: "Meizhi",
      colour: "#7c3aed",
      story: l(
        "魅智为拉美运营商和零售商设计入门级手机和充电配件。",
        "A Meizhi projeta celulares de entrada e acessórios de carga para operadoras e varejistas da América Latina.",
        "Meizhi diseña celulares de entrada y accesorios de carga para operadores y minoristas de América Latina.",
        "Meizhi designs entry-level phones and charging accessories for Latin American carriers and retailers.",
      ),
    },
    products: phones,
  },
  {
    organization: "Hengshi Watch Co.",
    ownerEmail: "owner.hengshi@demo.ponte.test",
    brand: {
      name: "Hengshi",
      colour: "#b45309",
      story: l(
        "恒时钟表成立于1998年，生产石英表、电子表和智能手表，支持贴牌定制。",
        "A Hengshi, fundada em 1998, produz relógios de quartzo, digitais e inteligentes, também com a marca do cliente.",
        "Hengshi, fundada en 1998, produce relojes de cuarzo, digitales e inteligentes, también con la marca del cliente.",
        "Founded in 1998, Hengshi makes quartz, digital and smart watches, also under the customer's brand.",
      ),
    },
    products: watches,
  },
  {
    organization: "Aquaria Bathroom Fittings",
    ownerEmail: "owner.aquaria@demo.ponte.test",
    brand: {
      name: "Aquaria",
      colour: "#0369a1",
      story: l(
        "水韵卫浴在斗门拥有铸造、抛光和电镀一体化工厂，出品黄铜龙头和淋浴系统。",
        "A Aquaria tem em Doumen uma fábrica integrada de fundição, polimento e galvanoplastia para torneiras de latão e sistemas de chuveiro.",
        "Aquaria tiene en Doumen una fábrica integrada de fundición, pulido y galvanizado para grifos de latón y sistemas de regadera.",
        "Aquaria runs an integrated casting, polishing and plating plant in Doumen for brass faucets and shower systems.",
      ),
    },
    products: bathroom,
  },
  {
    organization: "Lumenhai LED Lighting",
    ownerEmail: "owner.lumenhai@demo.ponte.test",
    brand: {
      name: "Lumenhai",
      colour: "#ca8a04",
      story: l(
        "流明海照明专注LED光源和灯具，拥有自动化SMT贴片线和老化测试车间。",
        "A Lumenhai é especialista em lâmpadas e luminárias LED, com linhas SMT automatizadas e sala de envelhecimento.",
        "Lumenhai se especializa en focos y luminarias LED, con líneas SMT automatizadas y sala de envejecimiento.",
        "Lumenhai specialises in LED lamps and luminaires, with automated SMT lines and a burn-in test room.",
      ),
    },
    products: lighting,
  },
];

// ─── From demo data to ProductInput ──────────────────────────────────────────────────────────────────────────

/** "11.80" → 1180n (USD and CNY both have two decimals). */
function minor(decimal: string): bigint {
  const match = /^(\d+)\.(\d{2})$/.exec(decimal);
  if (!match) throw new Error(`demo price must have two decimals: ${decimal}`);
  return BigInt(match[1]! + match[2]!);
}

/** The month the demo's certificate dates were written in: they read as that many months ahead of the seeding. */
const CERTIFICATES_WRITTEN = { year: 2026, month: 12 };

const lastDayOfMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * A written certificate expiry ("2028-11-30"), moved by the months between December 2026 and the seeding date, so
 * that a demo seeded in any year has certificates as far from expiring as the day they were written (a month's end
 * stays a month's end).
 */
export function certificateExpiry(written: string, seededOn: Date): Date {
  const [year, month, day] = written.split("-").map(Number) as [number, number, number];
  const months = (seededOn.getUTCFullYear() - CERTIFICATES_WRITTEN.year) * 12 + seededOn.getUTCMonth() + 1 - CERTIFICATES_WRITTEN.month;
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = lastDayOfMonth(target.getUTCFullYear(), target.getUTCMonth());
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day === lastDayOfMonth(year, month - 1) ? last : Math.min(day, last)));
}

/** The canonical input for a demo product (validated: the same schema the console and the import use). */
export function demoProductInput(product: DemoProduct, ids: { categoryId: string; brandId: string | null }, seededOn = new Date()): ProductInput {
  const translations: ProductInput["translations"] = {};
  for (const lang of LANGS) {
    translations[lang] = {
      name: product.name[lang],
      shortDescription: product.short[lang],
      longDescription: product.long[lang],
      specifications: product.specs.map(([label, value]) => ({ label: LABEL[label][lang], value: typeof value === "string" ? value : value[lang] })),
      source: "HUMAN",
    };
  }
  return ProductInputSchema.parse({
    categoryId: ids.categoryId,
    brandId: ids.brandId,
    sourceLocale: "zh",
    originCountry: "CN",
    hsCode: product.hs,
    hsCodeCn: product.hsCn,
    unitOfSale: product.unit ?? "PIECE",
    packSize: product.packSize,
    moq: product.tiers[0]![0],
    currencyCode: product.currency,
    incoterm: product.incoterm ?? "FOB",
    leadTimeDays: product.leadTimeDays,
    sampleAvailable: product.sample !== undefined,
    samplePriceMinor: product.sample !== undefined ? minor(product.sample) : null,
    translations,
    variants: product.variants.map((v) => ({
      sku: v.sku,
      voltage: v.voltage ?? null,
      plugType: v.plugType ?? null,
      color: v.color ?? null,
      colorNames: v.color ? COLOUR_NAMES[v.color] : undefined,
      capacity: v.capacity ?? null,
      netWeightG: v.weight[0],
      grossWeightG: v.weight[1],
      lengthMm: v.box[0],
      widthMm: v.box[1],
      heightMm: v.box[2],
    })),
    priceTiers: product.tiers.map(([minQuantity, price]) => ({ minQuantity, unitPriceMinor: minor(price) })),
    certifications: product.certifications.map((c) => ({ schemeCode: c.scheme, number: c.number, expiresOn: c.expires ? certificateExpiry(c.expires, seededOn) : null })),
  });
}

// ─── Illustrations ───────────────────────────────────────────────────────────────────────────────────────────
// Simple flat drawings in the product's colour, composed as SVG and rasterized by sharp: the demo has pictures
// without shipping or downloading photos.

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `hex` mixed with `other` (weight 0..1 of `other`). */
function mix(hex: string, other: string, weight: number): string {
  const a = rgb(hex);
  const b = rgb(other);
  return `#${a.map((v, i) => Math.round(v + (b[i]! - v) * weight).toString(16).padStart(2, "0")).join("")}`;
}

const lighter = (hex: string, w = 0.35) => mix(hex, "#ffffff", w);
const darker = (hex: string, w = 0.3) => mix(hex, "#000000", w);

function defs(colour: string): string {
  return `<defs>
  <radialGradient id="bg" cx="50%" cy="38%" r="78%"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="${mix(colour, "#f1f5f9", 0.82)}"/></radialGradient>
  <linearGradient id="body" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${lighter(colour, 0.28)}"/><stop offset="1" stop-color="${darker(colour, 0.12)}"/></linearGradient>
  <linearGradient id="side" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${darker(colour, 0.12)}"/><stop offset="1" stop-color="${darker(colour, 0.3)}"/></linearGradient>
  <linearGradient id="metal" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${darker(colour, 0.25)}"/><stop offset="0.45" stop-color="${lighter(colour, 0.7)}"/><stop offset="1" stop-color="${darker(colour, 0.2)}"/></linearGradient>
  <linearGradient id="glass" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#e0f2fe" stop-opacity="0.55"/><stop offset="0.5" stop-color="#ffffff" stop-opacity="0.85"/><stop offset="1" stop-color="#bae6fd" stop-opacity="0.55"/></linearGradient>
  <linearGradient id="screen" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${lighter(colour, 0.45)}"/><stop offset="1" stop-color="${darker(colour, 0.45)}"/></linearGradient>
  <radialGradient id="glow" cx="50%" cy="45%" r="60%"><stop offset="0" stop-color="#fffbeb"/><stop offset="0.6" stop-color="${lighter(colour, 0.4)}"/><stop offset="1" stop-color="${colour}"/></radialGradient>
</defs>`;
}

/** The drawing of a product, on an 800 × 800 canvas standing on y ≈ 680. */
function drawing(shape: Shape, colour: string): string {
  const o = darker(colour, 0.45);
  const line = `stroke="${o}" stroke-width="5" stroke-linejoin="round"`;
  switch (shape) {
    case "coffee-maker":
      return `<rect x="250" y="600" width="330" height="70" rx="18" fill="url(#body)" ${line}/>
<rect x="450" y="170" width="130" height="440" rx="24" fill="url(#body)" ${line}/>
<rect x="240" y="150" width="340" height="95" rx="28" fill="url(#body)" ${line}/>
<rect x="300" y="244" width="100" height="22" rx="6" fill="${darker(colour, 0.4)}"/>
<path d="M282 320 h176 l-12 40 c34 44 34 178 10 230 h-172 c-24-52-24-186 10-230 z" fill="url(#glass)" stroke="#64748b" stroke-width="5"/>
<path d="M266 470 h208 c4 52 0 90 -12 120 h-184 c-12-30 -16-68 -12-120 z" fill="#6b3f24" opacity="0.85"/>
<path d="M462 380 c70 0 70 160 0 160" fill="none" stroke="${o}" stroke-width="18" stroke-linecap="round"/>
<circle cx="515" cy="565" r="14" fill="#ef4444"/>`;
    case "air-conditioner":
      return `<rect x="100" y="220" width="600" height="200" rx="44" fill="url(#body)" ${line}/>
<rect x="130" y="360" width="540" height="34" rx="17" fill="${darker(colour, 0.35)}"/>
<path d="M150 378 h500" stroke="${lighter(colour, 0.6)}" stroke-width="6" stroke-linecap="round"/>
<rect x="560" y="270" width="56" height="28" rx="6" fill="#0f172a" opacity="0.75"/>
<circle cx="640" cy="284" r="7" fill="#22c55e"/>
${[220, 330, 440, 550].map((x) => `<path d="M${x} 450 c36 40 -36 80 0 120 s-36 80 0 110" fill="none" stroke="#7dd3fc" stroke-width="9" stroke-linecap="round" opacity="0.75"/>`).join("")}`;
    case "air-fryer":
      return `<rect x="240" y="160" width="320" height="510" rx="72" fill="url(#body)" ${line}/>
<rect x="280" y="195" width="240" height="120" rx="32" fill="#0f172a" opacity="0.85"/>
<circle cx="400" cy="255" r="38" fill="none" stroke="#f97316" stroke-width="7"/>
<rect x="262" y="355" width="276" height="290" rx="44" fill="url(#side)" ${line}/>
<rect x="325" y="470" width="150" height="38" rx="19" fill="#0f172a"/>`;
    case "kettle":
      return `<path d="M545 300 c95 10 95 260 15 290" fill="none" stroke="#1f2937" stroke-width="28" stroke-linecap="round"/>
<path d="M300 300 l-95 -55 l12 -22 l100 35 z" fill="url(#metal)" ${line}/>
<path d="M290 250 h220 l42 380 h-304 z" fill="url(#metal)" ${line}/>
<ellipse cx="400" cy="250" rx="112" ry="20" fill="${lighter(colour, 0.4)}" ${line}/>
<rect x="378" y="222" width="44" height="22" rx="8" fill="#1f2937"/>
<rect x="300" y="380" width="16" height="170" rx="8" fill="#38bdf8" opacity="0.85"/>
<rect x="226" y="620" width="348" height="52" rx="22" fill="#1f2937"/>`;
    case "robot-vacuum":
      return `<rect x="310" y="230" width="180" height="260" rx="26" fill="url(#body)" ${line}/>
<rect x="360" y="270" width="80" height="12" rx="6" fill="#22c55e"/>
<ellipse cx="400" cy="600" rx="270" ry="95" fill="${darker(colour, 0.35)}"/>
<ellipse cx="400" cy="560" rx="270" ry="95" fill="url(#body)" ${line}/>
<path d="M140 575 a265 90 0 0 0 520 0" fill="none" stroke="#475569" stroke-width="10"/>
<ellipse cx="400" cy="535" rx="62" ry="26" fill="#1f2937"/>
<circle cx="400" cy="600" r="9" fill="#22c55e"/>`;
    case "blender":
      return `<path d="M488 250 c80 10 80 210 -8 235" fill="none" stroke="#94a3b8" stroke-width="22" stroke-linecap="round"/>
<path d="M308 200 h184 l-22 345 h-140 z" fill="url(#glass)" stroke="#64748b" stroke-width="5"/>
<path d="M324 380 h152 l-10 165 h-132 z" fill="${colour}" opacity="0.5"/>
<path d="M360 520 l40 -22 l40 22" fill="none" stroke="#475569" stroke-width="7"/>
<rect x="296" y="176" width="208" height="36" rx="12" fill="#1f2937"/>
<path d="M300 540 h200 l34 132 h-268 z" fill="url(#body)" ${line}/>
<circle cx="400" cy="610" r="22" fill="#0f172a"/>`;
    case "toner":
      return `<rect x="150" y="300" width="260" height="90" rx="22" fill="url(#body)" ${line}/>
<rect x="110" y="360" width="580" height="180" rx="32" fill="url(#body)" ${line}/>
<rect x="130" y="505" width="540" height="46" rx="23" fill="#16a34a"/>
<rect x="570" y="395" width="64" height="44" rx="6" fill="#facc15" stroke="#a16207" stroke-width="3"/>
<path d="M190 430 h320" stroke="${lighter(colour, 0.5)}" stroke-width="8" stroke-linecap="round" opacity="0.6"/>`;
    case "drum":
      return `<rect x="120" y="330" width="560" height="190" rx="30" fill="url(#body)" ${line}/>
<rect x="150" y="450" width="500" height="96" rx="48" fill="#15803d" stroke="#14532d" stroke-width="5"/>
<path d="M170 476 h460" stroke="#4ade80" stroke-width="10" stroke-linecap="round" opacity="0.7"/>
<rect x="110" y="470" width="36" height="56" rx="8" fill="#475569"/><rect x="654" y="470" width="36" height="56" rx="8" fill="#475569"/>`;
    case "ink-bottles":
      return ["#111827", "#06b6d4", "#db2777", "#facc15"]
        .map((c, i) => {
          const x = 150 + i * 130;
          return `<rect x="${x + 32}" y="290" width="36" height="48" rx="6" fill="#e5e7eb" stroke="#94a3b8" stroke-width="3"/>
<path d="M${x + 38} 290 l12 -40 l12 40 z" fill="#e5e7eb" stroke="#94a3b8" stroke-width="3"/>
<rect x="${x}" y="330" width="100" height="340" rx="20" fill="${c}" stroke="${darker(c, 0.4)}" stroke-width="4"/>
<rect x="${x + 12}" y="450" width="76" height="100" rx="8" fill="#ffffff" opacity="0.9"/>
<rect x="${x + 24}" y="470" width="52" height="14" rx="4" fill="${c}"/>`;
        })
        .join("");
    case "toner-powder":
      return `<path d="M262 240 h276 l26 430 h-328 z" fill="#cbd5e1" stroke="#64748b" stroke-width="5" stroke-linejoin="round"/>
<rect x="254" y="222" width="292" height="44" rx="8" fill="#94a3b8"/>
<rect x="300" y="380" width="200" height="200" rx="16" fill="url(#body)"/>
<circle cx="400" cy="460" r="44" fill="#0f172a"/>
<rect x="330" y="530" width="140" height="14" rx="7" fill="#ffffff" opacity="0.8"/>`;
    case "smartphone":
      return `<g transform="rotate(-12 470 400)"><rect x="370" y="140" width="240" height="500" rx="38" fill="url(#body)" ${line}/>
<rect x="395" y="170" width="92" height="120" rx="24" fill="${darker(colour, 0.4)}"/>
<circle cx="424" cy="202" r="16" fill="#0f172a"/><circle cx="424" cy="256" r="16" fill="#0f172a"/><circle cx="462" cy="202" r="7" fill="#fde68a"/></g>
<rect x="210" y="150" width="250" height="510" rx="40" fill="#0f172a"/>
<rect x="224" y="166" width="222" height="478" rx="28" fill="url(#screen)"/>
<circle cx="335" cy="190" r="8" fill="#0f172a"/>
<circle cx="335" cy="420" r="70" fill="#ffffff" opacity="0.18"/>`;
    case "charger":
      return `<rect x="345" y="230" width="24" height="100" rx="12" fill="#9ca3af" stroke="#6b7280" stroke-width="3"/>
<rect x="431" y="230" width="24" height="100" rx="12" fill="#9ca3af" stroke="#6b7280" stroke-width="3"/>
<path d="M520 330 l60 -40 v260 l-60 40 z" fill="${darker(colour, 0.18)}" ${line}/>
<path d="M280 330 l60 -40 h240 l-60 40 z" fill="${lighter(colour, 0.2)}" ${line}/>
<rect x="280" y="330" width="240" height="260" rx="26" fill="url(#body)" ${line}/>
<rect x="330" y="400" width="60" height="20" rx="10" fill="#1f2937"/><rect x="410" y="400" width="60" height="20" rx="10" fill="#1f2937"/>
<rect x="350" y="460" width="100" height="30" rx="5" fill="#1f2937"/><rect x="362" y="468" width="76" height="8" fill="#3b82f6"/>`;
    case "power-bank":
      return `<path d="M190 460 c-80 0 -90 140 10 170 h120" fill="none" stroke="#475569" stroke-width="16" stroke-linecap="round"/>
<rect x="300" y="616" width="40" height="28" rx="6" fill="#64748b"/>
<rect x="200" y="300" width="420" height="280" rx="44" fill="url(#body)" ${line}/>
<rect x="250" y="360" width="150" height="74" rx="12" fill="#020617"/>
<rect x="270" y="380" width="26" height="36" rx="4" fill="#22d3ee"/><rect x="304" y="380" width="26" height="36" rx="4" fill="#22d3ee"/><rect x="338" y="380" width="26" height="36" rx="4" fill="#22d3ee"/>
${[0, 1, 2, 3].map((i) => `<circle cx="${460 + i * 34}" cy="397" r="10" fill="${i < 3 ? "#22c55e" : "#475569"}"/>`).join("")}`;
    case "cable":
      return `<path d="M210 560 C 170 330, 560 250, 600 420 S 330 640, 300 470 S 520 300, 560 520" fill="none" stroke="url(#body)" stroke-width="26" stroke-linecap="round"/>
<path d="M210 560 C 170 330, 560 250, 600 420 S 330 640, 300 470 S 520 300, 560 520" fill="none" stroke="${lighter(colour, 0.5)}" stroke-width="4" stroke-dasharray="10 14" opacity="0.6"/>
<g transform="rotate(100 212 570)"><rect x="180" y="560" width="64" height="40" rx="10" fill="#d1d5db" stroke="#6b7280" stroke-width="3"/><rect x="244" y="568" width="36" height="24" rx="10" fill="#9ca3af"/></g>
<g transform="rotate(80 560 530)"><rect x="528" y="520" width="64" height="40" rx="10" fill="#d1d5db" stroke="#6b7280" stroke-width="3"/><rect x="592" y="528" width="36" height="24" rx="10" fill="#9ca3af"/></g>`;
    case "phone-case":
      return `<rect x="270" y="130" width="260" height="530" rx="46" fill="${colour}" fill-opacity="0.45" stroke="${darker(colour, 0.35)}" stroke-width="8"/>
<rect x="300" y="165" width="100" height="125" rx="24" fill="#ffffff" fill-opacity="0.5" stroke="${darker(colour, 0.35)}" stroke-width="6"/>
${[[282, 142], [518, 142], [282, 648], [518, 648]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="20" fill="${darker(colour, 0.15)}" fill-opacity="0.7"/>`).join("")}
<path d="M330 360 l140 240" stroke="#ffffff" stroke-width="16" stroke-linecap="round" opacity="0.5"/>`;
    case "smartwatch":
    case "kids-watch":
      return `<rect x="330" y="90" width="140" height="230" rx="34" fill="url(#side)"/>
<rect x="330" y="480" width="140" height="230" rx="34" fill="url(#side)"/>
<rect x="526" y="330" width="18" height="60" rx="8" fill="#6b7280"/>
<rect x="270" y="240" width="260" height="300" rx="64" fill="#374151" stroke="#111827" stroke-width="6"/>
<rect x="292" y="262" width="216" height="256" rx="48" fill="#020617"/>
<circle cx="400" cy="390" r="76" fill="none" stroke="#22d3ee" stroke-width="12" stroke-dasharray="330 150" stroke-linecap="round"/>
<circle cx="400" cy="390" r="52" fill="none" stroke="#a3e635" stroke-width="12" stroke-dasharray="200 130" stroke-linecap="round"/>
<path d="M380 392 c0 -14 20 -14 20 0 c0 -14 20 -14 20 0 c0 14 -20 26 -20 30 c0 -4 -20 -16 -20 -30 z" fill="#f43f5e"/>
${shape === "kids-watch" ? `<circle cx="400" cy="252" r="8" fill="#94a3b8"/>` : ""}`;
    case "quartz-watch": {
      const ticks = Array.from({ length: 12 }, (_, i) => `<rect x="396" y="286" width="8" height="${i % 3 === 0 ? 30 : 18}" rx="3" fill="#f8fafc" transform="rotate(${i * 30} 400 400)"/>`).join("");
      return `<rect x="336" y="80" width="128" height="640" rx="24" fill="url(#metal)" stroke="#94a3b8" stroke-width="4"/>
${[150, 200, 600, 650].map((y) => `<path d="M340 ${y} h120" stroke="#94a3b8" stroke-width="4"/>`).join("")}
<rect x="548" y="384" width="30" height="32" rx="6" fill="#cbd5e1" stroke="#94a3b8" stroke-width="3"/>
<circle cx="400" cy="400" r="155" fill="#e5e7eb" stroke="#94a3b8" stroke-width="10"/>
<circle cx="400" cy="400" r="130" fill="url(#screen)"/>
${ticks}
<rect x="478" y="388" width="34" height="24" rx="3" fill="#ffffff"/>
<path d="M400 400 L400 300" stroke="#f8fafc" stroke-width="9" stroke-linecap="round"/>
<path d="M400 400 L470 440" stroke="#f8fafc" stroke-width="12" stroke-linecap="round"/>
<path d="M400 420 L400 285" stroke="#f59e0b" stroke-width="3" stroke-linecap="round"/>
<circle cx="400" cy="400" r="10" fill="#f8fafc"/>`;
    }
    case "digital-watch":
      return `<rect x="330" y="80" width="140" height="640" rx="34" fill="url(#body)"/>
${[140, 190, 610, 660].map((y) => `<circle cx="400" cy="${y}" r="9" fill="${darker(colour, 0.4)}"/>`).join("")}
<path d="M300 280 h200 l50 50 v140 l-50 50 h-200 l-50 -50 v-140 z" fill="url(#side)" stroke="#111827" stroke-width="6"/>
<rect x="232" y="330" width="20" height="36" rx="5" fill="#6b7280"/><rect x="548" y="330" width="20" height="36" rx="5" fill="#6b7280"/><rect x="548" y="434" width="20" height="36" rx="5" fill="#6b7280"/>
<rect x="305" y="340" width="190" height="120" rx="14" fill="#d9f99d"/>
${[322, 364, 416, 458].map((x) => `<rect x="${x}" y="362" width="26" height="8" rx="3" fill="#1f2937"/><rect x="${x}" y="396" width="26" height="8" rx="3" fill="#1f2937"/><rect x="${x}" y="430" width="26" height="8" rx="3" fill="#1f2937"/><rect x="${x + 22}" y="362" width="8" height="76" rx="3" fill="#1f2937"/>`).join("")}
<circle cx="400" cy="386" r="5" fill="#1f2937"/><circle cx="400" cy="416" r="5" fill="#1f2937"/>`;
    case "fitness-band":
      return `<rect x="352" y="90" width="96" height="620" rx="48" fill="url(#body)"/>
<rect x="336" y="250" width="128" height="300" rx="60" fill="#0f172a" stroke="#111827" stroke-width="5"/>
<rect x="352" y="272" width="96" height="256" rx="44" fill="url(#screen)"/>
<path d="M372 400 h16 l10 -30 l14 60 l10 -30 h16" fill="none" stroke="#ffffff" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>`;
    case "basin-faucet":
      return `<rect x="195" y="405" width="34" height="240" rx="17" fill="#7dd3fc" opacity="0.55"/>
<ellipse cx="420" cy="662" rx="130" ry="24" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<rect x="360" y="320" width="120" height="345" rx="24" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<rect x="180" y="320" width="230" height="70" rx="35" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<rect x="186" y="382" width="52" height="26" rx="8" fill="${darker(colour, 0.3)}"/>
<g transform="rotate(-18 440 320)"><rect x="420" y="190" width="40" height="140" rx="20" fill="url(#metal)" stroke="#64748b" stroke-width="4"/></g>`;
    case "kitchen-faucet":
      return `<path d="M240 390 v230" stroke="#7dd3fc" stroke-width="30" stroke-linecap="round" opacity="0.5"/>
<path d="M520 300 C 520 110, 250 110, 250 300" fill="none" stroke="url(#metal)" stroke-width="46" stroke-linecap="round"/>
<path d="M520 300 C 520 110, 250 110, 250 300" fill="none" stroke="#64748b" stroke-width="2" opacity="0.5"/>
<rect x="222" y="290" width="56" height="100" rx="22" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<rect x="490" y="280" width="62" height="390" rx="18" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<rect x="548" y="430" width="96" height="28" rx="14" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<ellipse cx="521" cy="668" rx="90" ry="18" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>`;
    case "shower-column":
      return `${[250, 290, 330, 370, 410].map((x) => `<path d="M${x} 205 l-14 240" stroke="#7dd3fc" stroke-width="6" stroke-linecap="round" stroke-dasharray="18 18" opacity="0.7"/>`).join("")}
<rect x="520" y="150" width="26" height="520" rx="13" fill="url(#metal)" stroke="#64748b" stroke-width="3"/>
<path d="M533 165 h-180" stroke="url(#metal)" stroke-width="20" stroke-linecap="round"/>
<path d="M200 170 h260 l-30 36 h-260 z" fill="url(#metal)" stroke="#64748b" stroke-width="4" stroke-linejoin="round"/>
<rect x="420" y="500" width="240" height="64" rx="32" fill="url(#metal)" stroke="#64748b" stroke-width="4"/>
<circle cx="452" cy="532" r="22" fill="${darker(colour, 0.3)}"/><circle cx="628" cy="532" r="22" fill="${darker(colour, 0.3)}"/>
<path d="M640 560 c60 60 40 120 -20 110" fill="none" stroke="#94a3b8" stroke-width="10"/>
<g transform="rotate(12 620 380)"><rect x="602" y="300" width="36" height="170" rx="18" fill="url(#metal)" stroke="#64748b" stroke-width="4"/><rect x="596" y="280" width="48" height="48" rx="24" fill="url(#metal)" stroke="#64748b" stroke-width="4"/></g>`;
    case "electric-shower":
      return `${[330, 370, 410, 450, 490].map((x) => `<path d="M${x - 20} 540 l${(x - 410) / 4} 120" stroke="#7dd3fc" stroke-width="7" stroke-linecap="round" stroke-dasharray="16 16" opacity="0.75"/>`).join("")}
<rect x="385" y="100" width="30" height="150" fill="#cbd5e1" stroke="#94a3b8" stroke-width="3"/>
<path d="M340 240 h120 l90 230 h-300 z" fill="url(#body)" ${line}/>
<ellipse cx="400" cy="480" rx="175" ry="62" fill="url(#body)" ${line}/>
<ellipse cx="400" cy="492" rx="130" ry="40" fill="#e2e8f0" stroke="#94a3b8" stroke-width="3"/>
${[-80, -40, 0, 40, 80].map((dx) => `<circle cx="${400 + dx}" cy="492" r="5" fill="#64748b"/>`).join("")}
<circle cx="400" cy="330" r="26" fill="#3b82f6" stroke="#1e3a8a" stroke-width="4"/>`;
    case "bath-accessories":
      return `<rect x="150" y="200" width="500" height="22" rx="11" fill="url(#metal)" stroke="#64748b" stroke-width="3"/>
<rect x="150" y="180" width="30" height="62" rx="8" fill="url(#metal)" stroke="#64748b" stroke-width="3"/><rect x="620" y="180" width="30" height="62" rx="8" fill="url(#metal)" stroke="#64748b" stroke-width="3"/>
<rect x="250" y="222" width="180" height="150" rx="8" fill="#e0f2fe"/>
<rect x="242" y="380" width="36" height="40" rx="6" fill="url(#metal)" stroke="#64748b" stroke-width="3"/>
<circle cx="260" cy="500" r="74" fill="none" stroke="url(#metal)" stroke-width="18"/>
<rect x="430" y="430" width="30" height="60" rx="6" fill="url(#metal)" stroke="#64748b" stroke-width="3"/>
<path d="M445 470 h110" stroke="url(#metal)" stroke-width="16" stroke-linecap="round"/>
<circle cx="510" cy="540" r="62" fill="#ffffff" stroke="#cbd5e1" stroke-width="4"/><circle cx="510" cy="540" r="18" fill="#e5e7eb" stroke="#cbd5e1" stroke-width="3"/>
<path d="M610 420 v60 c0 30 40 30 40 0" fill="none" stroke="url(#metal)" stroke-width="16" stroke-linecap="round"/>`;
    case "led-bulb":
      return `${Array.from({ length: 8 }, (_, i) => `<path d="M400 110 v-50" stroke="${colour}" stroke-width="10" stroke-linecap="round" transform="rotate(${i * 45 - 90} 400 320) rotate(90 400 320)" opacity="0.6"/>`).join("")}
<path d="M400 140 a175 175 0 0 1 110 312 l-20 58 h-180 l-20 -58 a175 175 0 0 1 110 -312 z" fill="url(#glow)" stroke="${darker(colour, 0.25)}" stroke-width="4"/>
<rect x="320" y="505" width="160" height="50" rx="14" fill="#f8fafc" stroke="#cbd5e1" stroke-width="4"/>
<rect x="345" y="552" width="110" height="96" rx="10" fill="#cbd5e1" stroke="#94a3b8" stroke-width="4"/>
${[570, 596, 622].map((y) => `<path d="M345 ${y} l110 -12" stroke="#94a3b8" stroke-width="5"/>`).join("")}
<path d="M372 648 h56 l-10 26 h-36 z" fill="#475569"/>`;
    case "filament-bulb":
      return `<path d="M400 120 c110 0 150 120 120 240 c-18 72 -50 110 -62 160 h-116 c-12 -50 -44 -88 -62 -160 c-30 -120 10 -240 120 -240 z" fill="${colour}" fill-opacity="0.35" stroke="${darker(colour, 0.2)}" stroke-width="5"/>
<path d="M360 520 v-120 M440 520 v-120" stroke="#92400e" stroke-width="4"/>
<path d="M360 400 c10 -40 30 -40 40 -80 c10 40 30 40 40 80" fill="none" stroke="#fbbf24" stroke-width="9" stroke-linecap="round"/>
<path d="M360 400 c10 -40 30 -40 40 -80 c10 40 30 40 40 80" fill="none" stroke="#fff7ed" stroke-width="3" stroke-linecap="round"/>
<rect x="345" y="518" width="110" height="120" rx="10" fill="#d4a017" stroke="#92400e" stroke-width="4"/>
${[545, 575, 605].map((y) => `<path d="M345 ${y} l110 -12" stroke="#92400e" stroke-width="5"/>`).join("")}
<path d="M372 638 h56 l-10 26 h-36 z" fill="#1f2937"/>`;
    case "led-panel":
      return `<path d="M160 470 L400 350 L640 470 L400 590 Z" fill="#cbd5e1" stroke="#64748b" stroke-width="6" stroke-linejoin="round"/>
<path d="M160 470 v22 L400 612 v-22 z" fill="#94a3b8"/><path d="M400 590 v22 L640 492 v-22 z" fill="#64748b"/>
<path d="M190 470 L400 365 L610 470 L400 575 Z" fill="url(#glow)"/>
<path d="M400 350 L160 230 L640 230 Z" fill="#fef9c3" opacity="0"/>
<ellipse cx="400" cy="470" rx="180" ry="70" fill="#ffffff" opacity="0.35"/>`;
    case "led-strip": {
      const leds = ["#ef4444", "#f97316", "#eab308", "#22c55e", "#06b6d4", "#3b82f6", "#8b5cf6", "#ec4899"];
      return `<circle cx="250" cy="330" r="130" fill="#e5e7eb" stroke="#94a3b8" stroke-width="6"/><circle cx="250" cy="330" r="50" fill="#f8fafc" stroke="#94a3b8" stroke-width="4"/>
<path d="M250 460 C 330 600, 480 420, 560 560 S 640 660, 700 620" fill="none" stroke="#f8fafc" stroke-width="44" stroke-linecap="round"/>
<path d="M250 460 C 330 600, 480 420, 560 560 S 640 660, 700 620" fill="none" stroke="#cbd5e1" stroke-width="44" stroke-linecap="round" opacity="0.3"/>
${leds.map((c, i) => `<circle cx="${290 + i * 52}" cy="${520 + Math.round(Math.sin(i * 0.9) * 45)}" r="13" fill="${c}"/>`).join("")}
<rect x="540" y="190" width="110" height="210" rx="22" fill="#1f2937"/>
${[0, 1, 2, 3].map((r) => [0, 1, 2].map((c) => `<circle cx="${565 + c * 30}" cy="${230 + r * 40}" r="9" fill="${leds[(r * 3 + c) % leds.length]}"/>`).join("")).join("")}`;
    }
    case "floodlight":
      return `<path d="M250 520 L120 690 H680 L550 520 Z" fill="#fef9c3" opacity="0.45"/>
<path d="M400 530 v70 M300 600 h200" stroke="#334155" stroke-width="18" stroke-linecap="round"/>
<path d="M250 420 c-40 0 -40 130 0 130 M550 420 c40 0 40 130 0 130" fill="none" stroke="#334155" stroke-width="16"/>
<rect x="200" y="210" width="400" height="320" rx="26" fill="url(#body)" ${line}/>
${[230, 270, 310, 350, 390, 430, 470, 510, 550].map((x) => `<rect x="${x}" y="196" width="18" height="24" rx="4" fill="${darker(colour, 0.2)}"/>`).join("")}
<rect x="232" y="242" width="336" height="256" rx="14" fill="url(#glow)"/>
${[0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => `<circle cx="${290 + c * 74}" cy="${300 + r * 70}" r="16" fill="#fde047" stroke="#facc15" stroke-width="4"/>`).join("")).join("")}`;
  }
}

function svgDocument(colour: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">${defs(colour)}
<rect width="800" height="800" fill="url(#bg)"/>
<ellipse cx="400" cy="690" rx="270" ry="24" fill="#0f172a" opacity="0.1"/>
${body}</svg>`;
}

/** The product drawn in its colour. */
export function productIllustration(shape: Shape, colour: string): string {
  return svgDocument(colour, drawing(shape, colour));
}

/** Its export carton: a kraft box with a band in the product's colour and the product drawn on the side. */
export function cartonIllustration(shape: Shape, colour: string): string {
  const box = `<path d="M180 370 L400 470 L400 690 L180 590 Z" fill="#d6a86b" stroke="#a87a43" stroke-width="4" stroke-linejoin="round"/>
<path d="M400 470 L620 370 L620 590 L400 690 Z" fill="#c4965a" stroke="#a87a43" stroke-width="4" stroke-linejoin="round"/>
<path d="M180 370 L400 270 L620 370 L400 470 Z" fill="#e3b97e" stroke="#a87a43" stroke-width="4" stroke-linejoin="round"/>
<path d="M290 320 L510 420" stroke="#b98a4f" stroke-width="30" opacity="0.75"/>
<path d="M180 470 L400 570 L400 610 L180 510 Z" fill="${colour}" opacity="0.9"/>
<g transform="matrix(1,0.4545,0,1,180,370)" fill="none" stroke="#3f2a14" stroke-width="5" stroke-linecap="round">
<path d="M40 30 v40 M28 44 l12 -14 l12 14 M80 30 v40 M68 44 l12 -14 l12 14"/>
<path d="M150 34 h36 v16 c0 10 -36 10 -36 0 z M168 60 v18 M156 78 h24"/></g>
<g transform="matrix(1,-0.4545,0,1,400,470)"><rect x="14" y="14" width="192" height="192" rx="12" fill="#ffffff" opacity="0.85"/>
<g transform="translate(20 16) scale(0.225)">${drawing(shape, colour)}</g></g>`;
  return svgDocument(colour, box);
}

/** A brand's logo: its lead product, drawn white on the brand's colour. */
function logoIllustration(shape: Shape, colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">${defs("#e2e8f0")}
<rect width="480" height="480" rx="96" fill="${colour}"/>
<circle cx="240" cy="240" r="176" fill="#ffffff"/>
<g transform="translate(64 56) scale(0.44)">${drawing(shape, colour)}</g></svg>`;
}

async function png(svg: string): Promise<Uint8Array> {
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const CARTON_ALT = l("出口外箱：", "Caixa de exportação: ", "Caja de exportación: ", "Export carton: ");

/** Hours before now that a demo product was published: the manufacturers' products interleave, newest first. */
function hoursAgo(manufacturer: number, product: number): number {
  return 3 + (product * DEMO_CATALOG.length + manufacturer) * 7;
}

async function ensureBrand(scoped: ScopedDb, maker: DemoManufacturer): Promise<string> {
  const existing = await scoped.brand.findFirst({ where: { name: maker.brand.name }, select: { id: true } });
  if (existing) return existing.id;
  const logo = { data: await png(logoIllustration(maker.products[0]!.shape, maker.brand.colour)), name: `${maker.brand.name.toLowerCase()}-logo.png` };
  const created = await createBrand(scoped, { name: maker.brand.name, story: maker.brand.story }, logo);
  if (!created.ok) throw new Error(`demo brand ${maker.brand.name}: ${created.error}`);
  return created.id;
}

export interface DemoCatalogResult {
  /** Products created now, per manufacturer. */
  created: Record<string, number>;
  /** Manufacturers skipped because they already have products (or are not in the database). */
  skipped: string[];
}

/**
 * Seeds the demo catalog for the demo manufacturers of prisma/seed.ts: brand, products (saved through the same
 * write path as the console, published, indexed for search) and their pictures. Idempotent: a manufacturer that
 * already has products is left alone, so running the seed twice creates nothing the second time.
 */
export async function seedDemoCatalog(seededOn = new Date()): Promise<DemoCatalogResult> {
  const result: DemoCatalogResult = { created: {}, skipped: [] };
  const categories = new Map((await unscopedDb.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]));
  const rates = await ratesAsOf();
  const now = seededOn.getTime();
  for (const [m, maker] of DEMO_CATALOG.entries()) {
    const organization = await unscopedDb.organization.findFirst({ where: { name: maker.organization, kind: "MANUFACTURER" }, select: { id: true } });
    if (!organization) {
      result.skipped.push(maker.organization);
      continue;
    }
    const scoped = forOrganization(organization.id);
    if ((await scoped.product.count()) > 0) {
      result.skipped.push(maker.organization);
      continue;
    }
    const owner = await unscopedDb.user.findUnique({ where: { email: maker.ownerEmail }, select: { id: true } });
    const brandId = await ensureBrand(scoped, maker);
    const inputs = maker.products.map((product) => {
      const categoryId = categories.get(product.category);
      if (!categoryId) throw new Error(`demo catalog: no category ${product.category} (seedReferenceData first)`);
      return demoProductInput(product, { categoryId, brandId }, seededOn);
    });
    const ids = await scoped.$transaction(
      async (tx) => {
        const saved: string[] = [];
        for (const [p, input] of inputs.entries()) {
          const { id } = await saveProduct(tx, input, { userId: owner?.id ?? null, rates });
          await tx.product.update({ where: { id }, data: { status: "PUBLISHED", publishedAt: new Date(now - hoursAgo(m, p) * 3_600_000) } });
          saved.push(id);
        }
        await reindexProducts(tx, saved);
        return saved;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    // Pictures after the products are committed (the images module stores files, then rows): drawn and resized
    // for all products at once (sharp works on the thread pool).
    await Promise.all(
      maker.products.map(async (product, p) => {
        const sku = product.variants[0]!.sku.toLowerCase();
        const [picture, carton] = await Promise.all([
          png(productIllustration(product.shape, product.colour)),
          product.cartonImage ? png(cartonIllustration(product.shape, product.colour)) : null,
        ]);
        const files = [{ data: picture, name: `${sku}.png` }, ...(carton ? [{ data: carton, name: `${sku}-carton.png` }] : [])];
        const added = await addProductImages(scoped, ids[p]!, files, { alt: product.name });
        if (carton && added?.ids[1]) await updateImageAlt(scoped, ids[p]!, added.ids[1], Object.fromEntries(LANGS.map((lang) => [lang, CARTON_ALT[lang] + product.name[lang]])));
      }),
    );
    result.created[maker.organization] = ids.length;
  }
  return result;
}
