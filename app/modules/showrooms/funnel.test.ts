import { describe, expect, it } from "vitest";
import { breakdown, daily, emptyCounts, funnel, leadToOrder, rate, totals, type FactRow, type Metric } from "./funnel";
import { ContactLeadSchema, guestProblems, parseInsightRange } from "./lead-schemas";

const row = (metric: Metric, count: number, over: Partial<FactRow> = {}): FactRow => ({ metric, count, storefront: "s1", event: "", booth: "", manufacturer: "", country: "ZZ", day: "2026-12-01", ...over });

describe("rate", () => {
  it("divides, and is null with nothing to divide by", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 4)).toBe(0);
    expect(rate(3, 0)).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate(-1, 4)).toBeNull();
    expect(rate(Number.NaN, 4)).toBeNull();
  });
});

describe("funnel", () => {
  it("starts from visits and scans together and gives each stage's conversion from the one before and from the top", () => {
    const stages = funnel({ visits: 150, scans: 50, leads: 20, rfqs: 10, orders: 4 });
    expect(stages.map((s) => [s.stage, s.count])).toEqual([["touches", 200], ["leads", 20], ["rfqs", 10], ["orders", 4]]);
    expect(stages[0]).toMatchObject({ fromPrevious: null, fromTop: null });
    expect(stages[1]).toMatchObject({ fromPrevious: 0.1, fromTop: 0.1 });
    expect(stages[2]).toMatchObject({ fromPrevious: 0.5, fromTop: 0.05 });
    expect(stages[3]).toMatchObject({ fromPrevious: 0.4, fromTop: 0.02 });
  });

  it("has no rates, not NaN, when nothing happened", () => {
    const stages = funnel(emptyCounts());
    expect(stages.every((s) => s.count === 0 && s.fromPrevious === null && s.fromTop === null)).toBe(true);
  });

  it("says lead-to-order", () => {
    expect(leadToOrder({ visits: 0, scans: 0, leads: 8, rfqs: 2, orders: 2 })).toBe(0.25);
    expect(leadToOrder(emptyCounts())).toBeNull();
  });
});

describe("breakdowns", () => {
  const rows = [
    row("visits", 10, { country: "BR", manufacturer: "m1", booth: "b1" }),
    row("scans", 5, { country: "MX", manufacturer: "m1", booth: "b1", day: "2026-12-03" }),
    row("leads", 2, { country: "MX", manufacturer: "m1", booth: "b1", day: "2026-12-03" }),
    row("rfqs", 1, { country: "MX", manufacturer: "m1", booth: "b1", day: "2026-12-03" }),
    row("visits", 30, { country: "BR" }),
    row("leads", 1, { country: "PT", manufacturer: "m2", booth: "b2" }),
    row("orders", 1, { country: "PT", manufacturer: "m2", booth: "b2" }),
  ];

  it("adds every row into the totals", () => {
    expect(totals(rows)).toEqual({ visits: 40, scans: 5, leads: 3, rfqs: 1, orders: 1 });
  });

  it("groups by a dimension, busiest first, leaving out rows without a value for it", () => {
    expect(breakdown(rows, "country").map((b) => [b.key, b.counts.visits + b.counts.scans])).toEqual([["BR", 40], ["MX", 5], ["PT", 0]]);
    const makers = breakdown(rows, "manufacturer");
    expect(makers.map((b) => b.key)).toEqual(["m1", "m2"]);
    expect(makers[0]!.counts).toEqual({ visits: 10, scans: 5, leads: 2, rfqs: 1, orders: 0 });
    // The storefront-wide visits are about no booth.
    expect(breakdown(rows, "booth").reduce((n, b) => n + b.counts.visits, 0)).toBe(10);
  });

  it("orders ties by key, so the same data always reads the same", () => {
    const tied = [row("leads", 1, { country: "PT" }), row("leads", 1, { country: "AO" })];
    expect(breakdown(tied, "country").map((b) => b.key)).toEqual(["AO", "PT"]);
  });

  it("lists every day of the range, zeros included", () => {
    const days = daily(rows, "2026-11-30", "2026-12-03");
    expect(days.map((d) => d.key)).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(days[0]!.counts).toEqual(emptyCounts());
    expect(days[1]!.counts.visits).toBe(40);
    expect(days[3]!.counts).toMatchObject({ scans: 5, leads: 2, rfqs: 1 });
  });
});

describe("insight range", () => {
  const today = new Date("2026-12-06T10:00:00Z");
  it("defaults to the last 30 days", () => {
    expect(parseInsightRange(null, null, today)).toEqual({ from: "2026-11-07", to: "2026-12-06" });
  });
  it("keeps a valid range and refuses a reversed, malformed or too long one", () => {
    expect(parseInsightRange("2026-12-01", "2026-12-05", today)).toEqual({ from: "2026-12-01", to: "2026-12-05" });
    expect(parseInsightRange("2026-12-09", "2026-12-05", today)).toEqual({ from: "2026-11-06", to: "2026-12-05" });
    expect(parseInsightRange("2026-13-40", "x", today)).toEqual({ from: "2026-11-07", to: "2026-12-06" });
    expect(parseInsightRange("2020-01-01", "2026-12-05", today).from).toBe("2026-11-06");
  });
});

describe("the contact form", () => {
  const base = { boothCode: "A-01", message: "Quero amostras", csrf: "x" };
  it("needs a booth or a product", () => {
    expect(ContactLeadSchema.safeParse({ message: "hi" }).success).toBe(false);
    expect(ContactLeadSchema.safeParse(base).success).toBe(true);
  });
  it("asks a guest for name, country, a way to answer and the ticked consent (unticked by default)", () => {
    const parsed = ContactLeadSchema.parse(base);
    expect(guestProblems(parsed)).toEqual({ name: "validation.required", countryCode: "validation.country", email: "showrooms.leads.errors.contact", consent: "showrooms.leads.errors.consent" });
    const full = ContactLeadSchema.parse({ ...base, name: "Ana", countryCode: "BR", phone: "+55 11 91234-5678", consent: "on" });
    expect(guestProblems(full)).toEqual({});
  });
  it("refuses a malformed email, phone or booth code", () => {
    expect(ContactLeadSchema.safeParse({ ...base, email: "ana@" }).success).toBe(false);
    expect(ContactLeadSchema.safeParse({ ...base, phone: "call me" }).success).toBe(false);
    expect(ContactLeadSchema.safeParse({ ...base, boothCode: "A 01" }).success).toBe(false);
  });
});
