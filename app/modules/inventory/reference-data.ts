/**
 * The platform's overseas warehouses, where each delivers (service areas with local lead days and cost) and the
 * transit lanes from China: seeded into editable tables (Warehouse, WarehouseServiceArea, TransitLane) when
 * missing, never overwritten (the platform edits them). Also the subdivisions of Brazil and Mexico (ISO 3166-2,
 * without the country prefix) that buyers choose from, and the reading of free-text regions ("São Paulo",
 * "CDMX") into those codes.
 *
 * Lead days are business days of local delivery from the warehouse to the buyer's door; costs are per delivery,
 * in the warehouse country's currency, integer minor units (CLP has none). Transit days are calendar days from
 * the factory gate in Zhuhai to the buyer's door by sea (port, ocean voyage, customs clearance, inland haulage):
 * indicative ranges the platform keeps up to date (❓ not from an official source; see export-domain.md §11).
 */

import type { ServiceAreaInput } from "./allocation";

/** A service area as seeded: the allocation's own input shape. */
export type ServiceAreaSeed = ServiceAreaInput;

export interface WarehouseSeed {
  code: string;
  name: string;
  /** The city named to buyers, in the local language ("Em estoque em São Paulo"); pages translate it by code. */
  city: string;
  countryCode: string;
  region: string | null;
  addressLine1: string;
  postalCode: string | null;
  timeZone: string;
  serviceAreas: ServiceAreaSeed[];
}

// ─── subdivisions ──────────────────────────────────────────────────────────────────────────────────────────────

/** The 27 federative units of Brazil (26 states and the Federal District), ISO 3166-2:BR. */
export const BR_STATES: Record<string, string> = {
  AC: "Acre",
  AL: "Alagoas",
  AP: "Amapá",
  AM: "Amazonas",
  BA: "Bahia",
  CE: "Ceará",
  DF: "Distrito Federal",
  ES: "Espírito Santo",
  GO: "Goiás",
  MA: "Maranhão",
  MT: "Mato Grosso",
  MS: "Mato Grosso do Sul",
  MG: "Minas Gerais",
  PA: "Pará",
  PB: "Paraíba",
  PR: "Paraná",
  PE: "Pernambuco",
  PI: "Piauí",
  RJ: "Rio de Janeiro",
  RN: "Rio Grande do Norte",
  RS: "Rio Grande do Sul",
  RO: "Rondônia",
  RR: "Roraima",
  SC: "Santa Catarina",
  SP: "São Paulo",
  SE: "Sergipe",
  TO: "Tocantins",
};

/** The 32 federal entities of Mexico (31 states and Mexico City), ISO 3166-2:MX. */
export const MX_STATES: Record<string, string> = {
  AGU: "Aguascalientes",
  BCN: "Baja California",
  BCS: "Baja California Sur",
  CAM: "Campeche",
  CHP: "Chiapas",
  CHH: "Chihuahua",
  CMX: "Ciudad de México",
  COA: "Coahuila",
  COL: "Colima",
  DUR: "Durango",
  GUA: "Guanajuato",
  GRO: "Guerrero",
  HID: "Hidalgo",
  JAL: "Jalisco",
  MEX: "Estado de México",
  MIC: "Michoacán",
  MOR: "Morelos",
  NAY: "Nayarit",
  NLE: "Nuevo León",
  OAX: "Oaxaca",
  PUE: "Puebla",
  QUE: "Querétaro",
  ROO: "Quintana Roo",
  SLP: "San Luis Potosí",
  SIN: "Sinaloa",
  SON: "Sonora",
  TAB: "Tabasco",
  TAM: "Tamaulipas",
  TLA: "Tlaxcala",
  VER: "Veracruz",
  YUC: "Yucatán",
  ZAC: "Zacatecas",
};

/** Countries whose delivery times depend on the state: buyers there choose one. */
export const REGION_COUNTRIES: Record<string, Record<string, string>> = { BR: BR_STATES, MX: MX_STATES };

export function regionsOf(countryCode: string | null | undefined): Record<string, string> | null {
  return countryCode ? (REGION_COUNTRIES[countryCode] ?? null) : null;
}

export function isRegionOf(countryCode: string, regionCode: unknown): regionCode is string {
  const regions = regionsOf(countryCode);
  return typeof regionCode === "string" && Boolean(regions && Object.hasOwn(regions, regionCode));
}

/** Other spellings found in company addresses: abbreviations in use (SEP/INEGI, postal) and former names. */
const REGION_ALIASES: Record<string, Record<string, string>> = {
  BR: { "sao paulo estado": "SP", "estado de sao paulo": "SP", "distrito federal brasilia": "DF", brasilia: "DF" },
  MX: {
    cdmx: "CMX",
    df: "CMX",
    "distrito federal": "CMX",
    "mexico city": "CMX",
    "ciudad de mexico": "CMX",
    "cd de mexico": "CMX",
    "cd mexico": "CMX",
    edomex: "MEX",
    "edo mex": "MEX",
    "edo de mexico": "MEX",
    "estado de mexico": "MEX",
    "edo mexico": "MEX",
    ags: "AGU",
    bc: "BCN",
    "baja california norte": "BCN",
    camp: "CAM",
    chis: "CHP",
    chih: "CHH",
    coah: "COA",
    "coahuila de zaragoza": "COA",
    dgo: "DUR",
    gto: "GUA",
    hgo: "HID",
    jal: "JAL",
    mich: "MIC",
    "michoacan de ocampo": "MIC",
    mor: "MOR",
    nay: "NAY",
    nl: "NLE",
    oax: "OAX",
    pue: "PUE",
    qro: "QUE",
    "queretaro de arteaga": "QUE",
    qroo: "ROO",
    sin: "SIN",
    son: "SON",
    tab: "TAB",
    tamps: "TAM",
    tlax: "TLA",
    ver: "VER",
    "veracruz de ignacio de la llave": "VER",
    yuc: "YUC",
    zac: "ZAC",
  },
};

/** Lower case, no accents, punctuation as spaces: "Q. Roo" → "q roo", "São Paulo" → "sao paulo". */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A company's free-text region read as the ISO 3166-2 code of its country's subdivision, without the prefix:
 * "SP", "sp", "BR-SP", "São Paulo", "Sao Paulo" → "SP"; "CDMX", "Ciudad de México", "D.F." → "CMX";
 * "Edomex" → "MEX". Null when the country has no subdivisions here or the text names none.
 */
export function normalizeRegion(countryCode: string | null | undefined, text: string | null | undefined): string | null {
  const regions = regionsOf(countryCode?.trim().toUpperCase());
  if (!regions || !text?.trim()) return null;
  const country = countryCode!.trim().toUpperCase();
  const raw = text.trim().toUpperCase();
  const code = raw.startsWith(`${country}-`) ? raw.slice(country.length + 1) : raw;
  if (Object.hasOwn(regions, code)) return code;
  const folded = fold(text).replace(new RegExp(`^${country.toLowerCase()} `), "");
  for (const [c, name] of Object.entries(regions)) if (fold(name) === folded) return c;
  // "N.L." → "n l" → "nl"; "B.C.S." → "bcs".
  const alias = REGION_ALIASES[country]?.[folded] ?? REGION_ALIASES[country]?.[folded.replace(/ /g, "")];
  if (alias) return alias;
  const compact = folded.replace(/ /g, "").toUpperCase();
  if (compact.length <= 3 && Object.hasOwn(regions, compact)) return compact;
  // "Guarulhos, SP", "Monterrey, N.L.": the last part of a comma-separated text.
  const parts = text.split(/[,/]/).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? normalizeRegion(country, parts[parts.length - 1]) : null;
}

// ─── warehouses ────────────────────────────────────────────────────────────────────────────────────────────────

function areas(countryCode: string, currencyCode: string, bands: [regions: string[], leadDaysMin: number, leadDaysMax: number, costMinor: bigint][]): ServiceAreaSeed[] {
  return bands.flatMap(([regions, leadDaysMin, leadDaysMax, costMinor]) => regions.map((regionCode) => ({ countryCode, regionCode, leadDaysMin, leadDaysMax, costMinor, currencyCode })));
}

/** Guarulhos (greater São Paulo) to each state, by road: farther is slower and dearer (BRL centavos). */
const GRU_AREAS = areas("BR", "BRL", [
  [["SP"], 1, 2, 2_490n],
  [["RJ", "MG", "PR"], 2, 3, 3_990n],
  [["SC", "ES", "GO", "DF", "MS"], 3, 5, 5_490n],
  [["RS", "MT", "BA", "TO"], 4, 6, 6_990n],
  [["SE", "AL", "PE", "PB", "RN", "CE", "PI", "MA"], 5, 7, 8_990n],
  [["PA", "AP", "AM", "RO", "AC", "RR"], 6, 8, 12_990n],
]);

/** Mexico City (Vallejo) to each state (MXN centavos). */
const MEX_AREAS = areas("MX", "MXN", [
  [["CMX", "MEX"], 1, 2, 9_900n],
  [["HID", "MOR", "PUE", "QUE", "TLA"], 2, 3, 14_900n],
  [["AGU", "COL", "GRO", "GUA", "JAL", "MIC", "NAY", "OAX", "SLP", "VER", "ZAC"], 3, 5, 19_900n],
  [["CAM", "CHH", "CHP", "COA", "DUR", "NLE", "SIN", "SON", "TAB", "TAM", "YUC", "ROO"], 4, 6, 27_900n],
  [["BCN", "BCS"], 5, 8, 39_900n],
]);

export const OVERSEAS_WAREHOUSES: readonly WarehouseSeed[] = [
  {
    code: "GRU",
    name: "Ponte São Paulo (Guarulhos)",
    city: "São Paulo",
    countryCode: "BR",
    region: "SP",
    addressLine1: "Rodovia Presidente Dutra, km 225, Galpão 7 — Cumbica, Guarulhos",
    postalCode: "07183-000",
    timeZone: "America/Sao_Paulo",
    serviceAreas: GRU_AREAS,
  },
  {
    code: "MEX",
    name: "Ponte Ciudad de México (Vallejo)",
    city: "Ciudad de México",
    countryCode: "MX",
    region: "CMX",
    addressLine1: "Poniente 140 núm. 720, Bodega 4, Col. Industrial Vallejo, Azcapotzalco",
    postalCode: "02300",
    timeZone: "America/Mexico_City",
    serviceAreas: MEX_AREAS,
  },
  {
    code: "LIS",
    name: "Ponte Lisboa (Castanheira do Ribatejo)",
    city: "Lisboa",
    countryCode: "PT",
    region: "Lisboa",
    addressLine1: "Plataforma Logística Lisboa Norte, Armazém 3 — Castanheira do Ribatejo",
    postalCode: "2600-659",
    timeZone: "Europe/Lisbon",
    serviceAreas: [{ countryCode: "PT", regionCode: "", leadDaysMin: 1, leadDaysMax: 2, costMinor: 790n, currencyCode: "EUR" }],
  },
  {
    code: "LAD",
    name: "Ponte Luanda (Viana)",
    city: "Luanda",
    countryCode: "AO",
    region: "Luanda",
    addressLine1: "Zona Económica Especial Luanda-Bengo, Armazém 12 — Viana",
    postalCode: null,
    timeZone: "Africa/Luanda",
    serviceAreas: [{ countryCode: "AO", regionCode: "", leadDaysMin: 2, leadDaysMax: 6, costMinor: 1_200_000n, currencyCode: "AOA" }],
  },
  {
    code: "MPM",
    name: "Ponte Maputo (Zimpeto)",
    city: "Maputo",
    countryCode: "MZ",
    region: "Maputo",
    addressLine1: "Avenida de Moçambique, km 10,5, Armazém 3 — Zimpeto",
    postalCode: "1100",
    timeZone: "Africa/Maputo",
    serviceAreas: [{ countryCode: "MZ", regionCode: "", leadDaysMin: 2, leadDaysMax: 7, costMinor: 95_000n, currencyCode: "MZN" }],
  },
  {
    code: "BOG",
    name: "Ponte Bogotá (Zona Franca)",
    city: "Bogotá",
    countryCode: "CO",
    region: "Bogotá D.C.",
    addressLine1: "Zona Franca de Bogotá, Carrera 106 # 15A-25, Bodega 9 — Fontibón",
    postalCode: "110921",
    timeZone: "America/Bogota",
    serviceAreas: [{ countryCode: "CO", regionCode: "", leadDaysMin: 1, leadDaysMax: 5, costMinor: 2_500_000n, currencyCode: "COP" }],
  },
  {
    code: "SCL",
    name: "Ponte Santiago (Pudahuel)",
    city: "Santiago",
    countryCode: "CL",
    region: "Región Metropolitana",
    addressLine1: "Camino Lo Boza 120, Bodega 14 — Pudahuel",
    postalCode: "9020000",
    timeZone: "America/Santiago",
    serviceAreas: [{ countryCode: "CL", regionCode: "", leadDaysMin: 1, leadDaysMax: 5, costMinor: 6_990n, currencyCode: "CLP" }],
  },
];

// ─── transit from China ───────────────────────────────────────────────────────────────────────────────────────

export interface TransitLaneSeed {
  destinationCountry: string;
  transitDaysMin: number;
  transitDaysMax: number;
}

/** The date the seeded lanes apply from (a later row for the same pair supersedes them). */
export const TRANSIT_LANES_VALID_FROM = new Date(Date.UTC(2026, 0, 1));

/**
 * Zhuhai → destination, door to door by sea (via Shekou/Yantian or Hong Kong): ocean voyage plus port, customs
 * clearance and inland delivery. Countries not listed have no lane: pages say the transit time is unknown.
 */
export const TRANSIT_LANES: readonly TransitLaneSeed[] = [
  { destinationCountry: "BR", transitDaysMin: 35, transitDaysMax: 50 },
  { destinationCountry: "MX", transitDaysMin: 25, transitDaysMax: 35 },
  { destinationCountry: "PT", transitDaysMin: 35, transitDaysMax: 45 },
  { destinationCountry: "ES", transitDaysMin: 35, transitDaysMax: 45 },
  { destinationCountry: "AO", transitDaysMin: 35, transitDaysMax: 50 },
  { destinationCountry: "MZ", transitDaysMin: 30, transitDaysMax: 45 },
  { destinationCountry: "CO", transitDaysMin: 35, transitDaysMax: 45 },
  { destinationCountry: "CL", transitDaysMin: 30, transitDaysMax: 40 },
  { destinationCountry: "PE", transitDaysMin: 30, transitDaysMax: 40 },
  { destinationCountry: "EC", transitDaysMin: 30, transitDaysMax: 40 },
  { destinationCountry: "AR", transitDaysMin: 40, transitDaysMax: 55 },
  { destinationCountry: "UY", transitDaysMin: 40, transitDaysMax: 50 },
  { destinationCountry: "PA", transitDaysMin: 28, transitDaysMax: 38 },
  { destinationCountry: "US", transitDaysMin: 20, transitDaysMax: 35 },
];

// ─── the manufacturer's own dispatch point ─────────────────────────────────────────────────────────────────────

export const ORIGIN_CITY = "Zhuhai";
export const ORIGIN_TIME_ZONE = "Asia/Shanghai";

/** "ZUH-" and the random tail of the organization's id (UUIDv7 ids start with a timestamp shared by neighbours). */
export function originCode(organizationId: string, long = false): string {
  const hex = organizationId.replace(/-/g, "").toUpperCase();
  return `ZUH-${long ? hex : hex.slice(-8)}`;
}
