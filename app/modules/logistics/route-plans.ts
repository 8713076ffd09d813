import type { ShipmentKind, TransportMode, TransportReferenceKind } from "~/generated/prisma/enums";
import { containerCheckDigit, formatAirWaybill, isValidContainerNumber, normalizeContainerNumber } from "~/modules/export-agency/validators";

/**
 * Route plans (pure): which legs a shipment travels, by which mode and carrier, between which places (UN/LOCODE),
 * for how long — the Zhuhai lanes (factory → Hongwan → over the Hong Kong–Zhuhai–Macao Bridge → Hong Kong airport →
 * air to the destination; or → Shekou / Yantian → sea), a warehouse's local delivery, a warehouse's replenishment.
 * Planned durations are indicative reference figures (handling + travel) from which the promise and the ETA are
 * computed; the carriers' events then give the actual times. Also the transport references in their valid forms:
 * air waybills with the mod-7 check digit, ISO 6346 containers with theirs, and generators of valid ones.
 */

export interface Place {
  locode: string;
  name: string;
  countryCode: string;
  timeZone: string;
  /** Degrees, for the route map. */
  lat: number;
  lon: number;
}

const place = (locode: string, name: string, timeZone: string, lat: number, lon: number): Place => ({ locode, name, countryCode: locode.slice(0, 2), timeZone, lat, lon });

/** The places the lanes use, by UN/LOCODE (the factory and Hongwan share Zhuhai's code, told apart by name). */
export const PLACES = {
  ZUH_FACTORY: place("CNZUH", "Zhuhai", "Asia/Shanghai", 22.27, 113.58),
  ZUH_HONGWAN: place("CNZUH", "Hongwan Cross-border Logistics Centre, Zhuhai", "Asia/Shanghai", 22.2, 113.53),
  HKG: place("HKHKG", "Hong Kong International Airport", "Asia/Hong_Kong", 22.31, 113.91),
  SHEKOU: place("CNSHK", "Shekou, Shenzhen", "Asia/Shanghai", 22.48, 113.91),
  YANTIAN: place("CNYTN", "Yantian, Shenzhen", "Asia/Shanghai", 22.57, 114.27),
  GRU: place("BRGRU", "Guarulhos International Airport, São Paulo", "America/Sao_Paulo", -23.43, -46.47),
  SAO_PAULO: place("BRSAO", "São Paulo", "America/Sao_Paulo", -23.55, -46.63),
  SANTOS: place("BRSSZ", "Santos", "America/Sao_Paulo", -23.96, -46.33),
  MEX: place("MXMEX", "Ciudad de México", "America/Mexico_City", 19.43, -99.13),
  MANZANILLO: place("MXZLO", "Manzanillo", "America/Mexico_City", 19.05, -104.32),
  LIS: place("PTLIS", "Lisboa", "Europe/Lisbon", 38.72, -9.14),
  SINES: place("PTSIE", "Sines", "Europe/Lisbon", 37.95, -8.87),
  BOG: place("COBOG", "Bogotá", "America/Bogota", 4.71, -74.07),
  BUENAVENTURA: place("COBUN", "Buenaventura", "America/Bogota", 3.88, -77.03),
  SCL: place("CLSCL", "Santiago", "America/Santiago", -33.45, -70.67),
  SAN_ANTONIO: place("CLSAI", "San Antonio", "America/Santiago", -33.59, -71.61),
  LAD: place("AOLAD", "Luanda", "Africa/Luanda", -8.84, 13.23),
  MPM: place("MZMPM", "Maputo", "Africa/Maputo", -25.97, 32.57),
} as const satisfies Record<string, Place>;

/** Every place by LOCODE (the first name for a shared code): for the route map and the simulator's offsets. */
export const PLACES_BY_LOCODE: ReadonlyMap<string, Place> = new Map(
  Object.values(PLACES)
    .reverse()
    .map((p) => [p.locode, p]),
);

interface CountryLane {
  timeZone: string;
  /** The city reached by the last leg when the address's city is not one we know. */
  city: Place;
  airport: Place;
  airCarrier: string;
  airHours: number;
  seaPort: Place;
  seaFrom: Place;
  seaCarrier: string;
  seaDays: number;
  lastMileCarrier: string;
  /** Warehouse code → its place (replenishments end there, local deliveries start there). */
  warehouse: Place;
}

/**
 * Per destination country: the airport and the air carrier from Hong Kong (flight and transfer hours), the port and
 * the ocean carrier from Shekou or Yantian (voyage days), the last-mile courier.
 */
export const COUNTRY_LANES: Readonly<Record<string, CountryLane>> = {
  BR: { timeZone: "America/Sao_Paulo", city: PLACES.SAO_PAULO, airport: PLACES.GRU, airCarrier: "cathay-cargo", airHours: 34, seaPort: PLACES.SANTOS, seaFrom: PLACES.SHEKOU, seaCarrier: "cosco-lines", seaDays: 38, lastMileCarrier: "jadlog", warehouse: PLACES.GRU },
  MX: { timeZone: "America/Mexico_City", city: PLACES.MEX, airport: PLACES.MEX, airCarrier: "cathay-cargo", airHours: 26, seaPort: PLACES.MANZANILLO, seaFrom: PLACES.YANTIAN, seaCarrier: "msc", seaDays: 22, lastMileCarrier: "estafeta", warehouse: PLACES.MEX },
  PT: { timeZone: "Europe/Lisbon", city: PLACES.LIS, airport: PLACES.LIS, airCarrier: "cathay-cargo", airHours: 18, seaPort: PLACES.SINES, seaFrom: PLACES.YANTIAN, seaCarrier: "msc", seaDays: 34, lastMileCarrier: "ctt-expresso", warehouse: PLACES.LIS },
  CO: { timeZone: "America/Bogota", city: PLACES.BOG, airport: PLACES.BOG, airCarrier: "latam-cargo", airHours: 32, seaPort: PLACES.BUENAVENTURA, seaFrom: PLACES.SHEKOU, seaCarrier: "cosco-lines", seaDays: 28, lastMileCarrier: "servientrega", warehouse: PLACES.BOG },
  CL: { timeZone: "America/Santiago", city: PLACES.SCL, airport: PLACES.SCL, airCarrier: "latam-cargo", airHours: 36, seaPort: PLACES.SAN_ANTONIO, seaFrom: PLACES.SHEKOU, seaCarrier: "cosco-lines", seaDays: 32, lastMileCarrier: "chilexpress", warehouse: PLACES.SCL },
  AO: { timeZone: "Africa/Luanda", city: PLACES.LAD, airport: PLACES.LAD, airCarrier: "ethiopian-cargo", airHours: 22, seaPort: PLACES.LAD, seaFrom: PLACES.SHEKOU, seaCarrier: "cosco-lines", seaDays: 32, lastMileCarrier: "lusafrica-courier", warehouse: PLACES.LAD },
  MZ: { timeZone: "Africa/Maputo", city: PLACES.MPM, airport: PLACES.MPM, airCarrier: "ethiopian-cargo", airHours: 20, seaPort: PLACES.MPM, seaFrom: PLACES.YANTIAN, seaCarrier: "msc", seaDays: 26, lastMileCarrier: "lusafrica-courier", warehouse: PLACES.MPM },
};

/** Overseas warehouse codes (Warehouse.code) → destination country. */
export const WAREHOUSE_COUNTRY: Readonly<Record<string, string>> = { GRU: "BR", MEX: "MX", LIS: "PT", BOG: "CO", SCL: "CL", LAD: "AO", MPM: "MZ" };

export interface PlannedLeg {
  sequence: number;
  mode: TransportMode;
  carrierCode: string;
  referenceKind: TransportReferenceKind;
  from: Place;
  to: Place;
  /** Handling before the leg leaves (consolidation, export clearance, import clearance of the previous leg). */
  handlingHours: number;
  travelHours: number;
}

export interface RoutePlan {
  kind: ShipmentKind;
  mode: TransportMode;
  origin: Place;
  destination: Place;
  destinationCountryCode: string;
  destinationTimeZone: string;
  legs: PlannedLeg[];
}

export type RouteRequest =
  | { kind: "ORDER_EXPORT"; countryCode: string; city?: string | null; mode?: TransportMode }
  | { kind: "WAREHOUSE_REPLENISHMENT"; warehouseCode: string; warehouseName?: string; warehouseCountryCode?: string; mode?: TransportMode }
  | { kind: "LOCAL_DELIVERY"; warehouseCode: string; warehouseName?: string; warehouseCountryCode?: string; countryCode: string; city?: string | null; leadDaysMax: number };

/** The warehouse's own name at its place's LOCODE ("Ponte São Paulo (Guarulhos)" at BRGRU). */
function warehousePlace(lane: CountryLane, name: string | undefined): Place {
  return name ? { ...lane.warehouse, name } : lane.warehouse;
}

export class RoutePlanError extends Error {
  constructor(readonly code: "no_lane" | "unknown_warehouse") {
    super(code);
    this.name = "RoutePlanError";
  }
}

/** The mode a shipment travels by when none is asked: warehouse stock by sea (full containers), orders by air except to Angola and Mozambique. */
export function defaultMode(kind: ShipmentKind, countryCode: string): TransportMode {
  if (kind === "LOCAL_DELIVERY") return "ROAD";
  if (kind === "WAREHOUSE_REPLENISHMENT") return "SEA";
  return countryCode === "AO" || countryCode === "MZ" ? "SEA" : "AIR";
}

/** The delivery city named by the address, reached under the country city's LOCODE when it is another town. */
function cityPlace(lane: CountryLane, city: string | null | undefined): Place {
  const name = city?.trim();
  if (!name || name.localeCompare(lane.city.name, undefined, { sensitivity: "base" }) === 0) return lane.city;
  return { ...lane.city, name };
}

export function planRoute(request: RouteRequest): RoutePlan {
  if (request.kind === "LOCAL_DELIVERY") {
    // A warehouse the platform added later is served by its country's lane.
    const country = WAREHOUSE_COUNTRY[request.warehouseCode] ?? request.warehouseCountryCode;
    const lane = country ? COUNTRY_LANES[country] : undefined;
    if (!lane) throw new RoutePlanError("unknown_warehouse");
    const destination = cityPlace(COUNTRY_LANES[request.countryCode] ?? lane, request.city);
    const origin = warehousePlace(lane, request.warehouseName);
    return {
      kind: "LOCAL_DELIVERY",
      mode: "ROAD",
      origin,
      destination,
      destinationCountryCode: request.countryCode,
      destinationTimeZone: (COUNTRY_LANES[request.countryCode] ?? lane).timeZone,
      // Picked and packed the same day; the service area's lead days are business days, counted here as calendar days.
      legs: [{ sequence: 1, mode: "ROAD", carrierCode: lane.lastMileCarrier, referenceKind: "CONSIGNMENT", from: origin, to: destination, handlingHours: 4, travelHours: Math.max(1, request.leadDaysMax) * 24 }],
    };
  }
  const countryCode = request.kind === "WAREHOUSE_REPLENISHMENT" ? (WAREHOUSE_COUNTRY[request.warehouseCode] ?? request.warehouseCountryCode) : request.countryCode;
  if (request.kind === "WAREHOUSE_REPLENISHMENT" && !countryCode) throw new RoutePlanError("unknown_warehouse");
  const lane = countryCode ? COUNTRY_LANES[countryCode] : undefined;
  if (!lane || !countryCode) throw new RoutePlanError("no_lane");
  const mode = request.mode ?? defaultMode(request.kind, countryCode);
  const destination = request.kind === "WAREHOUSE_REPLENISHMENT" ? warehousePlace(lane, request.warehouseName) : cityPlace(lane, request.city);
  const pickUp: PlannedLeg = { sequence: 1, mode: "ROAD", carrierCode: "hongwan-cfs", referenceKind: "CONSIGNMENT", from: PLACES.ZUH_FACTORY, to: PLACES.ZUH_HONGWAN, handlingHours: 4, travelHours: 6 };
  const legs: PlannedLeg[] =
    mode === "SEA"
      ? [
          pickUp,
          // Consolidated and declared at Hongwan, trucked to the terminal for the vessel's cut-off.
          { sequence: 2, mode: "ROAD", carrierCode: "hongwan-cfs", referenceKind: "CONSIGNMENT", from: PLACES.ZUH_HONGWAN, to: lane.seaFrom, handlingHours: 36, travelHours: 5 },
          { sequence: 3, mode: "SEA", carrierCode: lane.seaCarrier, referenceKind: "CONTAINER", from: lane.seaFrom, to: lane.seaPort, handlingHours: 48, travelHours: lane.seaDays * 24 },
          // Discharge, import clearance and haulage to the door or the warehouse.
          { sequence: 4, mode: "ROAD", carrierCode: lane.lastMileCarrier, referenceKind: "CONSIGNMENT", from: lane.seaPort, to: destination, handlingHours: 96, travelHours: 12 },
        ]
      : [
          pickUp,
          // Consolidated and declared at Hongwan, then a sealed truck over the bridge to the airport's cargo terminal.
          { sequence: 2, mode: "ROAD", carrierCode: "hzmb-truck", referenceKind: "CONSIGNMENT", from: PLACES.ZUH_HONGWAN, to: PLACES.HKG, handlingHours: 24, travelHours: 3 },
          { sequence: 3, mode: "AIR", carrierCode: lane.airCarrier, referenceKind: "AIR_WAYBILL", from: PLACES.HKG, to: lane.airport, handlingHours: 12, travelHours: lane.airHours },
          { sequence: 4, mode: "ROAD", carrierCode: lane.lastMileCarrier, referenceKind: "CONSIGNMENT", from: lane.airport, to: destination, handlingHours: 48, travelHours: 8 },
        ];
  return { kind: request.kind, mode, origin: PLACES.ZUH_FACTORY, destination, destinationCountryCode: countryCode, destinationTimeZone: lane.timeZone, legs };
}

const HOUR = 3_600_000;

export interface ScheduledLeg extends PlannedLeg {
  plannedDepartureAt: Date;
  plannedArrivalAt: Date;
}

/** Planned times from a start (the shipment's booking): each leg leaves after its handling, when the previous one arrived. */
export function scheduleRoute(plan: RoutePlan, start: Date): { legs: ScheduledLeg[]; plannedArrivalAt: Date } {
  let clock = start.getTime();
  const legs = plan.legs.map((leg) => {
    const departure = clock + leg.handlingHours * HOUR;
    const arrival = departure + leg.travelHours * HOUR;
    clock = arrival;
    return { ...leg, plannedDepartureAt: new Date(departure), plannedArrivalAt: new Date(arrival) };
  });
  return { legs, plannedArrivalAt: new Date(clock) };
}

/** Minutes east of UTC of a time zone at an instant ("+08:00" for Zhuhai, −180 for São Paulo). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** ISO 8601 in the place's local time with its offset: "2026-12-06T14:05:00+08:00". */
export function localTimestamp(at: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(timeZone, at);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

// ─── transport references ───────────────────────────────────────────────────────────────────────────────────────

/** IATA airline prefixes on the air waybills of the air carriers. */
export const AIRLINE_PREFIX: Readonly<Record<string, string>> = { "cathay-cargo": "160", "latam-cargo": "045", "ethiopian-cargo": "071" };
/** ISO 6346 owner codes (with the U category) of the ocean carriers' containers. */
export const CONTAINER_OWNER: Readonly<Record<string, string>> = { "cosco-lines": "CSNU", msc: "MSCU" };

/** A source of randomness (tests pass a seeded one): an integer in [0, max). */
export type RandomInt = (max: number) => number;
export const mathRandomInt: RandomInt = (max) => Math.floor(Math.random() * max);

const digits = (random: RandomInt, count: number) => Array.from({ length: count }, () => String(random(10))).join("");

/** "160-12345675": airline prefix, 7-digit serial, check digit = serial mod 7. */
export function generateAirWaybill(prefix: string, random: RandomInt = mathRandomInt): string {
  const serial = String(1_000_000 + random(9_000_000));
  return `${prefix}-${serial}${Number(serial) % 7}`;
}

/** "MSCU1234565": owner code + U, 6-digit serial, ISO 6346 check digit. */
export function generateContainerNumber(ownerCode: string, random: RandomInt = mathRandomInt): string {
  const first10 = `${ownerCode}${digits(random, 6)}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

/** The UPU S10 check digit of an 8-digit serial (weights 8 6 4 2 3 5 9 7; 11 − sum mod 11, 10 → 0, 11 → 5). */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(serial.charAt(i)), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** A consignment number in the carrier's own form (CTT uses UPU S10 "EA123456785PT"). */
export function generateConsignmentNumber(carrierCode: string, random: RandomInt = mathRandomInt): string {
  switch (carrierCode) {
    case "hongwan-cfs":
      return `HWZ${digits(random, 10)}`;
    case "hzmb-truck":
      return `HZMB${digits(random, 10)}`;
    case "ctt-expresso": {
      const serial = digits(random, 8);
      return `EA${serial}${s10CheckDigit(serial)}PT`;
    }
    case "jadlog":
      return digits(random, 14);
    case "estafeta":
      return digits(random, 22);
    case "servientrega":
      return digits(random, 10);
    case "chilexpress":
      return digits(random, 12);
    case "lusafrica-courier":
      return `LAF${digits(random, 9)}`;
    default:
      return `PNT${digits(random, 12)}`;
  }
}

/** A valid reference of the right kind for a planned leg (the forwarder's booking assigns it). */
export function generateLegReference(leg: Pick<PlannedLeg, "carrierCode" | "referenceKind">, random: RandomInt = mathRandomInt): string {
  switch (leg.referenceKind) {
    case "AIR_WAYBILL":
      return generateAirWaybill(AIRLINE_PREFIX[leg.carrierCode] ?? "999", random);
    case "CONTAINER":
      return generateContainerNumber(CONTAINER_OWNER[leg.carrierCode] ?? "PNTU", random);
    case "BILL_OF_LADING":
      return `${(CONTAINER_OWNER[leg.carrierCode] ?? "PNTU").slice(0, 3)}B${digits(random, 10)}`;
    case "CONSIGNMENT":
      return generateConsignmentNumber(leg.carrierCode, random);
  }
}

/**
 * A typed reference in its normal form, or null when it is not valid for its kind: an air waybill with its check
 * digit ("160-12345675"), an ISO 6346 container with its check digit ("MSCU1234565"), a bill of lading (4-letter
 * SCAC + 6–14 letters or digits), a consignment number (6–30 letters, digits or dashes). Full-width input is folded.
 */
export function normalizeLegReference(kind: TransportReferenceKind, raw: string): string | null {
  const folded = raw.normalize("NFKC").trim().toUpperCase();
  switch (kind) {
    case "AIR_WAYBILL":
      return formatAirWaybill(folded);
    case "CONTAINER":
      return isValidContainerNumber(folded) ? normalizeContainerNumber(folded) : null;
    case "BILL_OF_LADING": {
      const compact = folded.replace(/[\s-]/g, "");
      return /^[A-Z]{4}[A-Z0-9]{6,14}$/.test(compact) ? compact : null;
    }
    case "CONSIGNMENT":
      return /^[A-Z0-9][A-Z0-9-]{4,28}[A-Z0-9]$/.test(folded.replace(/\s/g, "")) ? folded.replace(/\s/g, "") : null;
  }
}
