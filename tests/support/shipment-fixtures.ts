import { randomBytes, randomUUID } from "node:crypto";
import type { Locale, TransportMode, TransportReferenceKind } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { containerCheckDigit } from "~/modules/export-agency/validators";
import { SIGNATURE_HEADER, type CarrierEvent } from "~/modules/logistics/carrier-wire";
import { formatWithOffset, HOUR_MS } from "~/modules/logistics/eta";
import { recordPonteEvent, signCarrierBody } from "~/modules/logistics/ingestion.server";

/**
 * Test data for tracking: the parties of a shipment (with members in chosen languages and an export agent), carriers
 * of one's own (code, vocabulary, secret), shipments with legs written directly, and signed webhook requests.
 * Shared by the ingestion, fan-out and page tests.
 */

const tag = () => randomBytes(3).toString("hex");

export interface TrackingParties {
  makerId: string;
  buyerId: string;
  platformId: string;
  /** One user per member created, with the language they read in. */
  members: { userId: string; organizationId: string; locale: Locale; email: string }[];
}

/**
 * A Zhuhai manufacturer and a Brazilian buyer with one member per language given, and a PLATFORM organization with
 * one export agent (and one plain member, who is not told of exceptions).
 */
export async function createTrackingParties(options: { makerLocales?: Locale[]; buyerLocales?: Locale[]; agentLocale?: Locale; buyerCountry?: string } = {}): Promise<TrackingParties> {
  const maker = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: `Zhuhai Maker ${tag()}`, countryCode: "CN" } });
  const buyer = await unscopedDb.organization.create({ data: { kind: "BUYER", name: `Comprador ${tag()}`, countryCode: options.buyerCountry ?? "BR" } });
  const platform = await unscopedDb.organization.create({ data: { kind: "PLATFORM", name: `Ponte Agency ${tag()}`, countryCode: "CN" } });
  const members: TrackingParties["members"] = [];
  const add = async (organizationId: string, locale: Locale, membership: { role: "OWNER" | "ADMIN" | "MEMBER"; exportAgent?: boolean }) => {
    const email = `track-${tag()}@tracking.test`;
    const user = await unscopedDb.user.create({ data: { email, name: `Member ${locale}`, passwordHash: "x", locale, emailVerifiedAt: new Date() } });
    await unscopedDb.membership.create({ data: { organizationId, userId: user.id, role: membership.role, exportAgent: membership.exportAgent ?? false } });
    members.push({ userId: user.id, organizationId, locale, email });
  };
  for (const locale of options.makerLocales ?? ["zh"]) await add(maker.id, locale, { role: "OWNER" });
  for (const locale of options.buyerLocales ?? ["pt"]) await add(buyer.id, locale, { role: "OWNER" });
  await add(platform.id, options.agentLocale ?? "en", { role: "MEMBER", exportAgent: true });
  await add(platform.id, "en", { role: "MEMBER" });
  return { makerId: maker.id, buyerId: buyer.id, platformId: platform.id, members };
}

export interface TestCarrier {
  id: string;
  code: string;
  secret: string;
  vocabulary: string;
}

export async function createTestCarrier(options: { vocabulary?: string; modes?: TransportMode[]; active?: boolean; secret?: string | null } = {}): Promise<TestCarrier> {
  const code = `test-${options.vocabulary ?? "ponte"}-${tag()}`;
  const secret = options.secret === undefined ? `whsec_${randomBytes(16).toString("hex")}` : options.secret;
  const carrier = await unscopedDb.carrier.create({
    data: { code, name: `Test carrier ${code}`, modes: options.modes ?? ["AIR"], vocabulary: options.vocabulary ?? "ponte", webhookSecret: secret, active: options.active ?? true },
  });
  return { id: carrier.id, code, secret: secret ?? "", vocabulary: carrier.vocabulary };
}

/** A random air waybill with a valid check digit, in its stored form "784-12345675". */
export function airWaybill(prefix = "784"): string {
  const serial = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
  return `${prefix}-${serial}${Number(serial) % 7}`;
}

/** A random ISO 6346 container number with its check digit: "MSCU1234565". */
export function containerNumber(owner = "MSC"): string {
  const first10 = `${owner}U${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

export interface LegSpec {
  mode: TransportMode;
  carrierId: string | null;
  referenceKind: TransportReferenceKind;
  reference: string;
  fromLocode: string;
  toLocode: string;
  /** Hours after the shipment's start. */
  departsAfterHours: number;
  durationHours: number;
}

export interface TestShipment {
  id: string;
  reference: string;
  plannedArrivalAt: Date;
  start: Date;
  legs: { id: string; sequence: number; reference: string; plannedDepartureAt: Date; plannedArrivalAt: Date }[];
}

let counter = 0;

/**
 * An order's export shipment written directly (no order row: the tracking code only needs its id), legs in the given
 * order, promised at the last leg's planned arrival, and booked (a BOOKED event from Ponte) unless `book` is false.
 * Default route: truck Zhuhai → Hong Kong (6 h), air HKG → GRU (from +12 h, 36 h), delivery GRU → São Paulo (from +60 h, 12 h).
 */
export async function createTestShipment(
  parties: Pick<TrackingParties, "makerId" | "buyerId">,
  options: { legs: LegSpec[]; start?: Date; book?: boolean; destinationCountryCode?: string; destinationTimeZone?: string },
): Promise<TestShipment> {
  counter += 1;
  const start = options.start ?? new Date(Date.now() - 24 * HOUR_MS);
  const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS);
  const legs = options.legs.map((leg, i) => ({ ...leg, sequence: i + 1, plannedDepartureAt: at(leg.departsAfterHours), plannedArrivalAt: at(leg.departsAfterHours + leg.durationHours) }));
  const plannedArrivalAt = legs[legs.length - 1]!.plannedArrivalAt;
  const reference = `SHP-2026-T${tag().toUpperCase()}${counter}`;
  const shipment = await unscopedDb.shipment.create({
    data: {
      reference,
      kind: "ORDER_EXPORT",
      organizationId: parties.makerId,
      buyerOrganizationId: parties.buyerId,
      orderId: randomUUID(),
      originLocode: legs[0]!.fromLocode,
      originName: "Zhuhai",
      destinationLocode: legs[legs.length - 1]!.toLocode,
      destinationName: "São Paulo",
      destinationCountryCode: options.destinationCountryCode ?? "BR",
      destinationTimeZone: options.destinationTimeZone ?? "America/Sao_Paulo",
      plannedArrivalAt,
      estimatedArrivalAt: plannedArrivalAt,
      legs: {
        create: legs.map((leg) => ({
          organizationId: parties.makerId,
          buyerOrganizationId: parties.buyerId,
          sequence: leg.sequence,
          mode: leg.mode,
          carrierId: leg.carrierId,
          referenceKind: leg.referenceKind,
          reference: leg.reference,
          fromLocode: leg.fromLocode,
          fromName: leg.fromLocode,
          toLocode: leg.toLocode,
          toName: leg.toLocode,
          plannedDepartureAt: leg.plannedDepartureAt,
          plannedArrivalAt: leg.plannedArrivalAt,
        })),
      },
    },
    select: { id: true, legs: { orderBy: { sequence: "asc" }, select: { id: true, sequence: true, reference: true, plannedDepartureAt: true, plannedArrivalAt: true } } },
  });
  if (options.book !== false) await recordPonteEvent({ shipmentId: shipment.id, milestone: "BOOKED", occurredAt: start, utcOffsetMinutes: 480, locode: legs[0]!.fromLocode });
  return { id: shipment.id, reference, plannedArrivalAt, start, legs: shipment.legs };
}

/** The default three legs: a truck (consignment), the air leg (air waybill) and the last mile, each on its carrier. */
export function defaultLegs(carriers: { truck: string | null; air: string | null; lastMile: string | null }, references: { truck?: string; air?: string; lastMile?: string } = {}): LegSpec[] {
  return [
    { mode: "ROAD", carrierId: carriers.truck, referenceKind: "CONSIGNMENT", reference: references.truck ?? `HZMB${tag().toUpperCase()}`, fromLocode: "CNZUH", toLocode: "HKHKG", departsAfterHours: 0, durationHours: 6 },
    { mode: "AIR", carrierId: carriers.air, referenceKind: "AIR_WAYBILL", reference: references.air ?? airWaybill(), fromLocode: "HKHKG", toLocode: "BRGRU", departsAfterHours: 12, durationHours: 36 },
    { mode: "ROAD", carrierId: carriers.lastMile, referenceKind: "CONSIGNMENT", reference: references.lastMile ?? `JD${tag().toUpperCase()}`, fromLocode: "BRGRU", toLocode: "BRSAO", departsAfterHours: 60, durationHours: 12 },
  ];
}

/** One carrier event, its time written with the given offset (default +08:00). */
export function carrierEvent(fields: { id?: string; code: string; reference: string; at: Date; offsetMinutes?: number; locode?: string; name?: string; description?: string }): CarrierEvent {
  return {
    id: fields.id ?? `evt-${randomBytes(8).toString("hex")}`,
    code: fields.code,
    occurredAt: formatWithOffset(fields.at, fields.offsetMinutes ?? 480),
    reference: fields.reference,
    ...(fields.locode || fields.name ? { location: { ...(fields.locode ? { locode: fields.locode } : {}), ...(fields.name ? { name: fields.name } : {}) } } : {}),
    ...(fields.description ? { description: fields.description } : {}),
  };
}

/** A webhook request as a carrier sends it: the raw body signed with the secret (or a given header). */
export function signedWebhookRequest(carrierCode: string, secret: string, events: CarrierEvent[], options: { signature?: string | null; baseUrl?: string; body?: string } = {}): Request {
  const body = options.body ?? JSON.stringify({ events });
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const signature = options.signature === undefined ? signCarrierBody(secret, body) : options.signature;
  if (signature !== null) headers[SIGNATURE_HEADER] = signature;
  return new Request(`${options.baseUrl ?? "http://localhost"}/webhooks/carriers/${carrierCode}`, { method: "POST", headers, body });
}
