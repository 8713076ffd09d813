/**
 * The UN/LOCODE places Ponte's routes use, with their coordinates (WGS 84, [longitude, latitude] as GeoJSON and
 * d3-geo expect), their local name, a Chinese name and the IANA time zone. A leg between two of these can be drawn on
 * the route map; a code not listed here still shows in the route's text, only not on the map.
 *
 * The factory gate, the Hongwan consolidation yard and the Hongwan port all lie inside Zhuhai's LOCODE (CNZUH): UN/LOCODE
 * has no separate code for them, so a route plan names them in the leg's place name, not in its code.
 */
export interface Locode {
  code: string;
  name: string;
  nameZh: string;
  countryCode: string;
  /** [longitude, latitude] in degrees. */
  coordinates: readonly [number, number];
  timeZone: string;
  /** What is there: a port (sea), an airport, a road/rail terminal or an inland city. */
  functions: readonly ("port" | "airport" | "road" | "city")[];
}

const LIST: readonly Locode[] = [
  // Pearl River Delta: origin, consolidation, the Hong Kong–Zhuhai–Macao Bridge, the hubs.
  { code: "CNZUH", name: "Zhuhai", nameZh: "珠海", countryCode: "CN", coordinates: [113.5767, 22.2707], timeZone: "Asia/Shanghai", functions: ["port", "airport", "road", "city"] },
  { code: "HKHKG", name: "Hong Kong", nameZh: "香港", countryCode: "HK", coordinates: [113.9185, 22.308], timeZone: "Asia/Hong_Kong", functions: ["port", "airport", "road", "city"] },
  { code: "MOMFM", name: "Macau", nameZh: "澳门", countryCode: "MO", coordinates: [113.5439, 22.1987], timeZone: "Asia/Macau", functions: ["port", "airport", "road", "city"] },
  { code: "CNSHK", name: "Shekou", nameZh: "蛇口", countryCode: "CN", coordinates: [113.9087, 22.4785], timeZone: "Asia/Shanghai", functions: ["port"] },
  { code: "CNYTN", name: "Yantian", nameZh: "盐田", countryCode: "CN", coordinates: [114.2773, 22.5776], timeZone: "Asia/Shanghai", functions: ["port"] },
  { code: "CNSZX", name: "Shenzhen", nameZh: "深圳", countryCode: "CN", coordinates: [113.8106, 22.6393], timeZone: "Asia/Shanghai", functions: ["airport", "road", "city"] },
  { code: "CNCAN", name: "Guangzhou", nameZh: "广州", countryCode: "CN", coordinates: [113.2988, 23.3924], timeZone: "Asia/Shanghai", functions: ["port", "airport", "city"] },
  { code: "CNNSA", name: "Nansha", nameZh: "南沙", countryCode: "CN", coordinates: [113.6046, 22.7564], timeZone: "Asia/Shanghai", functions: ["port"] },
  // Transshipment and air hubs on the way.
  { code: "SGSIN", name: "Singapore", nameZh: "新加坡", countryCode: "SG", coordinates: [103.8198, 1.2644], timeZone: "Asia/Singapore", functions: ["port", "airport", "city"] },
  { code: "AEDXB", name: "Dubai", nameZh: "迪拜", countryCode: "AE", coordinates: [55.3644, 25.2532], timeZone: "Asia/Dubai", functions: ["port", "airport", "city"] },
  { code: "DEFRA", name: "Frankfurt am Main", nameZh: "法兰克福", countryCode: "DE", coordinates: [8.5706, 50.0333], timeZone: "Europe/Berlin", functions: ["airport", "city"] },
  { code: "ZAJNB", name: "Johannesburg", nameZh: "约翰内斯堡", countryCode: "ZA", coordinates: [28.2460, -26.1337], timeZone: "Africa/Johannesburg", functions: ["airport", "city"] },
  { code: "ZADUR", name: "Durban", nameZh: "德班", countryCode: "ZA", coordinates: [31.0292, -29.8683], timeZone: "Africa/Johannesburg", functions: ["port", "city"] },
  { code: "PAMIT", name: "Manzanillo (Colón)", nameZh: "曼萨尼约（科隆）", countryCode: "PA", coordinates: [-79.8838, 9.3638], timeZone: "America/Panama", functions: ["port"] },
  // Brazil
  { code: "BRGRU", name: "Guarulhos", nameZh: "瓜鲁柳斯", countryCode: "BR", coordinates: [-46.4731, -23.4356], timeZone: "America/Sao_Paulo", functions: ["airport"] },
  { code: "BRSAO", name: "São Paulo", nameZh: "圣保罗", countryCode: "BR", coordinates: [-46.6333, -23.5505], timeZone: "America/Sao_Paulo", functions: ["road", "city"] },
  { code: "BRSSZ", name: "Santos", nameZh: "桑托斯", countryCode: "BR", coordinates: [-46.3047, -23.9608], timeZone: "America/Sao_Paulo", functions: ["port", "city"] },
  { code: "BRVCP", name: "Campinas (Viracopos)", nameZh: "坎皮纳斯（维拉科波斯）", countryCode: "BR", coordinates: [-47.1345, -23.0074], timeZone: "America/Sao_Paulo", functions: ["airport", "city"] },
  { code: "BRRIO", name: "Rio de Janeiro", nameZh: "里约热内卢", countryCode: "BR", coordinates: [-43.1729, -22.9068], timeZone: "America/Sao_Paulo", functions: ["port", "airport", "city"] },
  // Mexico
  { code: "MXMEX", name: "Ciudad de México", nameZh: "墨西哥城", countryCode: "MX", coordinates: [-99.0721, 19.4361], timeZone: "America/Mexico_City", functions: ["airport", "road", "city"] },
  { code: "MXZLO", name: "Manzanillo", nameZh: "曼萨尼约", countryCode: "MX", coordinates: [-104.3188, 19.0544], timeZone: "America/Mexico_City", functions: ["port", "city"] },
  { code: "MXGDL", name: "Guadalajara", nameZh: "瓜达拉哈拉", countryCode: "MX", coordinates: [-103.3496, 20.6597], timeZone: "America/Mexico_City", functions: ["airport", "city"] },
  // Portugal
  { code: "PTLIS", name: "Lisboa", nameZh: "里斯本", countryCode: "PT", coordinates: [-9.1393, 38.7223], timeZone: "Europe/Lisbon", functions: ["port", "airport", "city"] },
  { code: "PTLEI", name: "Leixões", nameZh: "莱肖埃斯", countryCode: "PT", coordinates: [-8.7027, 41.1844], timeZone: "Europe/Lisbon", functions: ["port"] },
  { code: "PTOPO", name: "Porto", nameZh: "波尔图", countryCode: "PT", coordinates: [-8.6291, 41.1579], timeZone: "Europe/Lisbon", functions: ["airport", "city"] },
  // Andean countries
  { code: "COBOG", name: "Bogotá", nameZh: "波哥大", countryCode: "CO", coordinates: [-74.0721, 4.711], timeZone: "America/Bogota", functions: ["airport", "road", "city"] },
  { code: "COBUN", name: "Buenaventura", nameZh: "布埃纳文图拉", countryCode: "CO", coordinates: [-77.0197, 3.8801], timeZone: "America/Bogota", functions: ["port", "city"] },
  { code: "COCTG", name: "Cartagena", nameZh: "卡塔赫纳", countryCode: "CO", coordinates: [-75.5144, 10.391], timeZone: "America/Bogota", functions: ["port", "airport", "city"] },
  { code: "CLSCL", name: "Santiago", nameZh: "圣地亚哥", countryCode: "CL", coordinates: [-70.6693, -33.4489], timeZone: "America/Santiago", functions: ["airport", "road", "city"] },
  { code: "CLSAI", name: "San Antonio", nameZh: "圣安东尼奥", countryCode: "CL", coordinates: [-71.6127, -33.5933], timeZone: "America/Santiago", functions: ["port"] },
  { code: "CLVAP", name: "Valparaíso", nameZh: "瓦尔帕莱索", countryCode: "CL", coordinates: [-71.6127, -33.0472], timeZone: "America/Santiago", functions: ["port", "city"] },
  { code: "PELIM", name: "Lima", nameZh: "利马", countryCode: "PE", coordinates: [-77.0428, -12.0464], timeZone: "America/Lima", functions: ["airport", "road", "city"] },
  { code: "PECLL", name: "Callao", nameZh: "卡亚俄", countryCode: "PE", coordinates: [-77.1181, -12.0566], timeZone: "America/Lima", functions: ["port", "city"] },
  { code: "ARBUE", name: "Buenos Aires", nameZh: "布宜诺斯艾利斯", countryCode: "AR", coordinates: [-58.3816, -34.6037], timeZone: "America/Argentina/Buenos_Aires", functions: ["port", "airport", "city"] },
  // Lusophone Africa
  { code: "AOLAD", name: "Luanda", nameZh: "罗安达", countryCode: "AO", coordinates: [13.2344, -8.8383], timeZone: "Africa/Luanda", functions: ["port", "airport", "city"] },
  { code: "MZMPM", name: "Maputo", nameZh: "马普托", countryCode: "MZ", coordinates: [32.5732, -25.9692], timeZone: "Africa/Maputo", functions: ["port", "airport", "city"] },
];

export const LOCODES: ReadonlyMap<string, Locode> = new Map(LIST.map((place) => [place.code, place]));

/** A UN/LOCODE as stored (no space, upper case): "BR SAO" and "brsao" are both "BRSAO". */
export function normalizeLocode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

export function findLocode(code: string | null | undefined): Locode | undefined {
  return code ? LOCODES.get(normalizeLocode(code)) : undefined;
}

/** [longitude, latitude] of a known place, or undefined. */
export function locodeCoordinates(code: string | null | undefined): readonly [number, number] | undefined {
  return findLocode(code)?.coordinates;
}

/** The place's name for a reader: the Chinese name in Chinese, the local name otherwise. */
export function locodeName(code: string, lang: string): string {
  const place = findLocode(code);
  if (!place) return normalizeLocode(code);
  return lang === "zh" ? place.nameZh : place.name;
}
