import { describe, expect, it } from "vitest";
import { PROGRESS_MILESTONES } from "./milestones";
import { GROUP_OF_STATUS, STATUS_GROUPS, clampPage, parseShipmentListFilter, shipmentListQuery, statusGroupOf, statusesOfGroup, summarizeCounts } from "./shipment-list";

describe("status groups", () => {
  it("put every progress milestone (every possible status) in exactly one group", () => {
    for (const status of PROGRESS_MILESTONES) expect(GROUP_OF_STATUS[status], status).toBeDefined();
    const all = STATUS_GROUPS.flatMap(statusesOfGroup);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...PROGRESS_MILESTONES].sort());
  });

  it("group customs steps together and keep delivered apart", () => {
    expect(statusGroupOf("EXPORT_CUSTOMS_CLEARED")).toBe("customs");
    expect(statusGroupOf("ARRIVED_DEST")).toBe("customs");
    expect(statusesOfGroup("delivered")).toEqual(["DELIVERED"]);
  });
});

describe("filter parsing", () => {
  it("reads every filter and writes it back as the same query", () => {
    const query = "group=customs&kind=ORDER_EXPORT&late=1&exception=1&country=BR&q=SHP-2026&page=3";
    const { filter, ignored } = parseShipmentListFilter(new URLSearchParams(query));
    expect(ignored).toEqual([]);
    expect(filter).toEqual({ group: "customs", kind: "ORDER_EXPORT", lateOnly: true, exceptionOnly: true, country: "BR", q: "SHP-2026", page: 3 });
    expect(shipmentListQuery(filter)).toBe(`?${query}`);
  });

  it("normalizes a reference typed with spaces or in lower case, and a country in lower case", () => {
    const { filter } = parseShipmentListFilter(new URLSearchParams("q= shp-2026 000123 &country=mx"));
    expect(filter.q).toBe("SHP-2026000123");
    expect(filter.country).toBe("MX");
  });

  it("leaves out what does not parse and says which", () => {
    const { filter, ignored } = parseShipmentListFilter(new URLSearchParams("group=DELIVERED&late=yes&page=-1&q=<script>"));
    expect(filter).toEqual({ page: 1 });
    expect(ignored.sort()).toEqual(["group", "late", "page", "q"]);
  });

  it("writes nothing for the first page and no filters", () => {
    expect(shipmentListQuery({ page: 1 })).toBe("");
    expect(shipmentListQuery({ group: "booked", page: 4 }, { page: 1 })).toBe("?group=booked");
  });
});

describe("counts", () => {
  const rows = [
    { status: "BOOKED" as const, late: false, exception: null, count: 4 },
    { status: "DEPARTED" as const, late: true, exception: null, count: 2 },
    { status: "DEPARTED" as const, late: true, exception: "DELAYED" as const, count: 1 },
    { status: "ARRIVED_DEST" as const, late: false, exception: "IMPORT_CUSTOMS_HOLD" as const, count: 3 },
    { status: "DELIVERED" as const, late: false, exception: null, count: 5 },
  ];

  it("without filters: every group, the late and the problem ones", () => {
    expect(summarizeCounts(rows, {})).toEqual({
      groups: { booked: 4, in_transit: 3, customs: 3, out_for_delivery: 0, delivered: 5 },
      all: 15,
      late: 3,
      exception: 4,
      matching: 15,
    });
  });

  it("each chip keeps the filters not about itself", () => {
    const counts = summarizeCounts(rows, { group: "in_transit", lateOnly: true });
    // Groups under the late filter; late under the group; problems under both.
    expect(counts.groups).toEqual({ booked: 0, in_transit: 3, customs: 0, out_for_delivery: 0, delivered: 0 });
    expect(counts.late).toBe(3);
    expect(counts.exception).toBe(1);
    expect(counts.matching).toBe(3);
  });

  it("pages: at least one, never beyond the last", () => {
    expect(clampPage(1, 0)).toEqual({ page: 1, pages: 1 });
    expect(clampPage(9, 41, 20)).toEqual({ page: 3, pages: 3 });
    expect(clampPage(2, 41, 20)).toEqual({ page: 2, pages: 3 });
  });
});
