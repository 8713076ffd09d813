/**
 * Allocation of a quantity of one SKU to a delivery address (pure: no database, no clock; unit-tested in
 * allocation.test.ts).
 *
 * Candidates are the overseas warehouses with a service area covering the address: the area of the address's
 * region (an ISO 3166-2 subdivision without the country prefix, "SP", "CMX") wins over the warehouse's
 * whole-country area (regionCode ""). When the region is not known, a warehouse that serves the country only by
 * region still counts, with the span of its regions' lead days (and the dearest cost): the buyer sees "1 to 8
 * business days" until they say where. Warehouses with stock are taken best first (fewest lead days, then the
 * smaller maximum, then the cheaper delivery, then the code, for a stable answer), as much as each has, until the
 * quantity is covered; what remains "ships from Zhuhai": the product's production lead time plus the transit lane
 * to the destination country, or, without a lane, an honest "transit unknown" (no invented number).
 */

export interface Destination {
  countryCode: string;
  /** ISO 3166-2 subdivision without the country prefix; null or "" when unknown. */
  regionCode?: string | null;
}

export interface ServiceAreaInput {
  countryCode: string;
  /** "" = the whole country. */
  regionCode: string;
  leadDaysMin: number;
  leadDaysMax: number;
  costMinor: bigint;
  currencyCode: string;
}

export interface WarehouseStockInput {
  warehouse: { id: string; code: string; city: string };
  serviceAreas: readonly ServiceAreaInput[];
  /** onHand − reserved of the SKU in this warehouse. */
  available: number;
}

export interface TransitLaneInput {
  transitDaysMin: number;
  transitDaysMax: number;
}

export interface OriginInput {
  /** The product's production lead time (Product.leadTimeDays). */
  productionLeadDays: number;
  /** Zhuhai → the destination country; null when the platform has no lane for it. */
  lane: TransitLaneInput | null;
}

export interface WarehousePart {
  source: "warehouse";
  warehouseId: string;
  warehouseCode: string;
  city: string;
  quantity: number;
  /** Local delivery, business days. */
  leadDaysMin: number;
  leadDaysMax: number;
  costMinor: bigint;
  currency: string;
  /** The destination's region is unknown: the lead days span the warehouse's regions in the country. */
  regionUnknown: boolean;
}

export interface OriginPart {
  source: "origin";
  quantity: number;
  productionDays: number;
  /** Production + transit, calendar days; null when the transit is unknown. */
  daysMin: number | null;
  daysMax: number | null;
  transitKnown: boolean;
}

export type AllocationPart = WarehousePart | OriginPart;

export interface Allocation {
  quantity: number;
  /** Warehouses first (best first), then at most one origin part. Quantities add up to `quantity`. */
  parts: AllocationPart[];
  /** Everything comes from warehouses near the buyer. */
  fromStock: boolean;
  /** Some (or all) ships from Zhuhai. */
  fromOrigin: boolean;
}

/** The service area of a warehouse that covers the destination, or null: the region's own area wins over "". */
export function coveringArea(areas: readonly ServiceAreaInput[], destination: Destination): (ServiceAreaInput & { regionUnknown: boolean }) | null {
  const region = destination.regionCode?.trim() ?? "";
  const inCountry = areas.filter((a) => a.countryCode === destination.countryCode);
  if (inCountry.length === 0) return null;
  if (region) {
    const own = inCountry.find((a) => a.regionCode === region);
    if (own) return { ...own, regionUnknown: false };
  }
  const whole = inCountry.find((a) => a.regionCode === "");
  if (whole) return { ...whole, regionUnknown: false };
  if (region) return null;
  // Region unknown, warehouse serves the country state by state: the span of its states.
  return inCountry.reduce<ServiceAreaInput & { regionUnknown: boolean }>(
    (span, a) => ({
      ...span,
      leadDaysMin: Math.min(span.leadDaysMin, a.leadDaysMin),
      leadDaysMax: Math.max(span.leadDaysMax, a.leadDaysMax),
      costMinor: a.costMinor > span.costMinor ? a.costMinor : span.costMinor,
    }),
    { ...inCountry[0]!, regionCode: "", regionUnknown: true },
  );
}

/** Whether a warehouse with these areas delivers to the destination (for the "in stock near me" filter too). */
export function serves(areas: readonly ServiceAreaInput[], destination: Destination): boolean {
  return coveringArea(areas, destination) !== null;
}

/** Production + transit, or only the production time when the lane is unknown. */
export function originDays(origin: OriginInput): Pick<OriginPart, "productionDays" | "daysMin" | "daysMax" | "transitKnown"> {
  const production = Math.max(0, Math.trunc(origin.productionLeadDays));
  if (!origin.lane) return { productionDays: production, daysMin: null, daysMax: null, transitKnown: false };
  return { productionDays: production, daysMin: production + origin.lane.transitDaysMin, daysMax: production + origin.lane.transitDaysMax, transitKnown: true };
}

export function allocate(request: { quantity: number; destination: Destination; stocks: readonly WarehouseStockInput[]; origin: OriginInput }): Allocation {
  const { quantity, destination, origin } = request;
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);

  // One entry per warehouse (a repeated warehouse adds its stock), with its covering area.
  const byWarehouse = new Map<string, { stock: WarehouseStockInput; available: number }>();
  for (const stock of request.stocks) {
    const available = Number.isFinite(stock.available) ? Math.max(0, Math.trunc(stock.available)) : 0;
    const seen = byWarehouse.get(stock.warehouse.id);
    if (seen) seen.available += available;
    else byWarehouse.set(stock.warehouse.id, { stock, available });
  }
  const candidates = [...byWarehouse.values()]
    .filter((c) => c.available > 0)
    .map((c) => ({ ...c, area: coveringArea(c.stock.serviceAreas, destination) }))
    .filter((c): c is typeof c & { area: NonNullable<typeof c.area> } => c.area !== null)
    .sort(
      (a, b) =>
        a.area.leadDaysMin - b.area.leadDaysMin ||
        a.area.leadDaysMax - b.area.leadDaysMax ||
        (a.area.costMinor < b.area.costMinor ? -1 : a.area.costMinor > b.area.costMinor ? 1 : 0) ||
        a.stock.warehouse.code.localeCompare(b.stock.warehouse.code),
    );

  const parts: AllocationPart[] = [];
  let remaining = quantity;
  for (const c of candidates) {
    if (remaining === 0) break;
    const take = Math.min(remaining, c.available);
    remaining -= take;
    parts.push({
      source: "warehouse",
      warehouseId: c.stock.warehouse.id,
      warehouseCode: c.stock.warehouse.code,
      city: c.stock.warehouse.city,
      quantity: take,
      leadDaysMin: c.area.leadDaysMin,
      leadDaysMax: c.area.leadDaysMax,
      costMinor: c.area.costMinor,
      currency: c.area.currencyCode,
      regionUnknown: c.area.regionUnknown,
    });
  }
  if (remaining > 0) parts.push({ source: "origin", quantity: remaining, ...originDays(origin) });
  return { quantity, parts, fromStock: remaining === 0, fromOrigin: remaining > 0 };
}
