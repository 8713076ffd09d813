import type { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { OVERSEAS_WAREHOUSES, ORIGIN_CITY, ORIGIN_TIME_ZONE, originCode, TRANSIT_LANES, TRANSIT_LANES_VALID_FROM } from "./reference-data";

type Client = Prisma.TransactionClient | typeof unscopedDb;

/**
 * The inventory's reference data (reference-data.ts): the overseas warehouses, their service areas and the
 * transit lanes from China, created when missing and never overwritten (the platform edits lead days, costs,
 * addresses); then the Zhuhai origin location of every manufacturer that has none yet.
 */
export async function seedInventoryReferenceData(client: Client = unscopedDb) {
  for (const seed of OVERSEAS_WAREHOUSES) {
    const { serviceAreas, ...data } = seed;
    const warehouse = await client.warehouse.upsert({ where: { code: seed.code }, create: { ...data, kind: "OVERSEAS" }, update: {}, select: { id: true } });
    await client.warehouseServiceArea.createMany({ data: serviceAreas.map((a) => ({ ...a, warehouseId: warehouse.id })), skipDuplicates: true });
  }
  // A lane is "missing" when the pair has none at all: a platform edit (a row with a later validFrom) stays the answer.
  const existing = await client.transitLane.findMany({ where: { originCountry: "CN" }, select: { destinationCountry: true } });
  const have = new Set(existing.map((l) => l.destinationCountry));
  const missing = TRANSIT_LANES.filter((l) => !have.has(l.destinationCountry));
  if (missing.length) await client.transitLane.createMany({ data: missing.map((l) => ({ ...l, originCountry: "CN", validFrom: TRANSIT_LANES_VALID_FROM })), skipDuplicates: true });
  await ensureOriginLocations(client);
}

/**
 * A manufacturer's own dispatch point in Zhuhai (kind ORIGIN, code "ZUH-…"): where made-to-order goods and
 * inbound shipments start. Created once per manufacturer; an existing one is returned untouched.
 */
export async function ensureOriginLocation(
  client: Client,
  organization: { id: string; name: string; addressLine1?: string | null; postalCode?: string | null },
): Promise<{ id: string; code: string }> {
  const found = await client.warehouse.findFirst({ where: { ownerOrganizationId: organization.id, kind: "ORIGIN" }, orderBy: { createdAt: "asc" }, select: { id: true, code: true } });
  if (found) return found;
  const short = originCode(organization.id);
  // The short code is 32 random bits of the id; on the rare clash, the whole id.
  const code = (await client.warehouse.findUnique({ where: { code: short }, select: { id: true } })) ? originCode(organization.id, true) : short;
  return client.warehouse.create({
    data: {
      kind: "ORIGIN",
      code,
      name: `${organization.name} — ${ORIGIN_CITY}`,
      city: ORIGIN_CITY,
      countryCode: "CN",
      region: "Guangdong",
      addressLine1: organization.addressLine1?.trim() || ORIGIN_CITY,
      postalCode: organization.postalCode?.trim() || null,
      timeZone: ORIGIN_TIME_ZONE,
      ownerOrganizationId: organization.id,
    },
    select: { id: true, code: true },
  });
}

/** The origin location of every manufacturer that has none (the seed, and manufacturers created before inventory). */
export async function ensureOriginLocations(client: Client = unscopedDb) {
  const manufacturers = await client.organization.findMany({
    where: { kind: "MANUFACTURER", originLocations: { none: { kind: "ORIGIN" } } },
    select: { id: true, name: true, addressLine1: true, postalCode: true },
  });
  for (const organization of manufacturers) await ensureOriginLocation(client, organization);
}
