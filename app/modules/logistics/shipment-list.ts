import { z } from "zod";
import type { ShipmentKind, ShipmentMilestone } from "~/generated/prisma/enums";

/**
 * The shipment list's filters and status groups: pure, shared by the loader (shipment-list.server.ts), the page and
 * the unit tests. A shipment's status is its furthest progress milestone (milestones.ts); the list groups them into
 * the five stages a buyer asks about. Exceptions (a customs hold, a delay) are a separate filter: they do not move
 * the status.
 */

export const STATUS_GROUPS = ["booked", "in_transit", "customs", "out_for_delivery", "delivered"] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** Which group each progress milestone belongs to. RETURNED (a failed journey's end) is not delivered: it stays with the goods on the move. */
export const GROUP_OF_STATUS: Readonly<Partial<Record<ShipmentMilestone, StatusGroup>>> = {
  BOOKED: "booked",
  PICKED_UP: "in_transit",
  ARRIVED_AT_HUB: "in_transit",
  DEPARTED: "in_transit",
  RETURNED: "in_transit",
  // 运抵 and export clearance in Zhuhai; arrival in the destination country until import clearance.
  ARRIVED_AT_EXPORT_SITE: "customs",
  EXPORT_CUSTOMS_CLEARED: "customs",
  ARRIVED_DEST: "customs",
  IMPORT_CUSTOMS_CLEARED: "customs",
  OUT_FOR_DELIVERY: "out_for_delivery",
  DELIVERED: "delivered",
};

export function statusGroupOf(status: ShipmentMilestone): StatusGroup {
  return GROUP_OF_STATUS[status] ?? "in_transit";
}

/** The statuses of a group (the database filter). */
export function statusesOfGroup(group: StatusGroup): ShipmentMilestone[] {
  return (Object.keys(GROUP_OF_STATUS) as ShipmentMilestone[]).filter((status) => GROUP_OF_STATUS[status] === group);
}

export const SHIPMENT_KINDS: readonly ShipmentKind[] = ["ORDER_EXPORT", "WAREHOUSE_REPLENISHMENT", "LOCAL_DELIVERY"];

export const PAGE_SIZE = 20;

export interface ShipmentListFilter {
  group?: StatusGroup;
  kind?: ShipmentKind;
  lateOnly?: boolean;
  exceptionOnly?: boolean;
  /** ISO 3166 alpha-2 of the destination. */
  country?: string;
  /** Part of a shipment reference or of a leg's transport reference (air waybill, container, bill of lading). */
  q?: string;
  page: number;
}

const field = {
  group: z.enum(STATUS_GROUPS),
  kind: z.enum(["ORDER_EXPORT", "WAREHOUSE_REPLENISHMENT", "LOCAL_DELIVERY"]),
  flag: z.enum(["1", "true", "on"]),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/),
  // References are letters, digits and dashes ("SHP-2026-000123", "784-76543213", "MSCU1234565").
  q: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^[A-Z0-9-]{1,40}$/)),
  page: z.coerce.number().int().min(1).max(10_000),
};

/**
 * Reads the filters from the query string. A value that does not parse is left out (the list still answers) and
 * named in `ignored`, so the page can say so.
 */
export function parseShipmentListFilter(params: URLSearchParams): { filter: ShipmentListFilter; ignored: string[] } {
  const filter: ShipmentListFilter = { page: 1 };
  const ignored: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, apply: (value: T) => void) => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") return;
    const parsed = schema.safeParse(raw);
    if (parsed.success) apply(parsed.data);
    else ignored.push(name);
  };
  read("group", field.group, (v) => (filter.group = v));
  read("kind", field.kind, (v) => (filter.kind = v));
  read("late", field.flag, () => (filter.lateOnly = true));
  read("exception", field.flag, () => (filter.exceptionOnly = true));
  read("country", field.country, (v) => (filter.country = v));
  read("q", field.q, (v) => (filter.q = v));
  read("page", field.page, (v) => (filter.page = v));
  return { filter, ignored };
}

/** The query string of a filter (and page), "" when nothing is set: links keep the reader's filters. */
export function shipmentListQuery(filter: Partial<ShipmentListFilter>, overrides: Partial<ShipmentListFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.group) params.set("group", f.group);
  if (f.kind) params.set("kind", f.kind);
  if (f.lateOnly) params.set("late", "1");
  if (f.exceptionOnly) params.set("exception", "1");
  if (f.country) params.set("country", f.country);
  if (f.q) params.set("q", f.q);
  if (f.page && f.page > 1) params.set("page", String(f.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** One cell of the grouped count: how many shipments share a status, a late flag and an open exception (or none). */
export interface StatusCountRow {
  status: ShipmentMilestone;
  late: boolean;
  exception: ShipmentMilestone | null;
  count: number;
}

export interface ShipmentCounts {
  /** Per group, under the late/problem filters in force. */
  groups: Record<StatusGroup, number>;
  /** All groups together, under the late/problem filters in force. */
  all: number;
  /** Late ones, under the group and problem filters in force. */
  late: number;
  /** With an open exception, under the group and late filters in force. */
  exception: number;
  /** What the list shows under every filter: the pages' total. */
  matching: number;
}

/**
 * The counts the page shows, from one grouped count (status × late × exception) taken under the other filters (kind,
 * country, reference): each chip answers "how many if I pick this", keeping the filters not about itself.
 */
export function summarizeCounts(rows: readonly StatusCountRow[], filter: Pick<ShipmentListFilter, "group" | "lateOnly" | "exceptionOnly">): ShipmentCounts {
  const groups = Object.fromEntries(STATUS_GROUPS.map((g) => [g, 0])) as Record<StatusGroup, number>;
  let all = 0;
  let late = 0;
  let exception = 0;
  let matching = 0;
  for (const row of rows) {
    const group = statusGroupOf(row.status);
    const inGroup = !filter.group || filter.group === group;
    const lateOk = !filter.lateOnly || row.late;
    const exceptionOk = !filter.exceptionOnly || row.exception !== null;
    if (lateOk && exceptionOk) {
      groups[group] += row.count;
      all += row.count;
    }
    if (row.late && inGroup && exceptionOk) late += row.count;
    if (row.exception !== null && inGroup && lateOk) exception += row.count;
    if (inGroup && lateOk && exceptionOk) matching += row.count;
  }
  return { groups, all, late, exception, matching };
}

/** The page to show: the one asked for, within the pages there are (the last one when asked beyond). */
export function clampPage(page: number, total: number, pageSize = PAGE_SIZE): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, page), pages), pages };
}
