import { describe, expect, it } from "vitest";
import { formatRfqNumber, isRfqOpen, mayDecide, mayOffer, previousOfferFate, responseSeconds, RFQ_NUMBER, RFQ_STATUSES, type QuoteStatus } from "./quotes";

const now = new Date("2026-12-05T12:00:00Z");
const later = new Date("2026-12-06T12:00:00Z");

describe("the negotiation rules", () => {
  it("keeps a thread open only while OPEN or QUOTED", () => {
    expect(RFQ_STATUSES.filter(isRfqOpen)).toEqual(["OPEN", "QUOTED"]);
  });

  it("lets the manufacturer offer any time the thread is open, the buyer only after a quote", () => {
    expect(mayOffer({ status: "OPEN", manufacturerHasQuoted: false }, "manufacturer")).toEqual({ ok: true });
    expect(mayOffer({ status: "OPEN", manufacturerHasQuoted: false }, "buyer")).toEqual({ ok: false, reason: "nothing_to_counter" });
    expect(mayOffer({ status: "QUOTED", manufacturerHasQuoted: true }, "buyer")).toEqual({ ok: true });
    for (const status of ["ACCEPTED", "DECLINED", "CLOSED"] as const) {
      expect(mayOffer({ status, manufacturerHasQuoted: true }, "manufacturer")).toEqual({ ok: false, reason: "rfq_closed" });
      expect(mayOffer({ status, manufacturerHasQuoted: true }, "buyer")).toEqual({ ok: false, reason: "rfq_closed" });
    }
  });

  it("marks the replaced offer COUNTERED when the other side answers, SUPERSEDED when its author replaces it", () => {
    expect(previousOfferFate("manufacturer", "buyer")).toBe("COUNTERED");
    expect(previousOfferFate("buyer", "manufacturer")).toBe("COUNTERED");
    expect(previousOfferFate("manufacturer", "manufacturer")).toBe("SUPERSEDED");
    expect(previousOfferFate("buyer", "buyer")).toBe("SUPERSEDED");
  });

  it("lets only the other side decide, on an open offer still valid, in an open thread", () => {
    const quote = { status: "OFFERED" as QuoteStatus, offeredBy: "manufacturer" as const, validUntil: later };
    expect(mayDecide({ status: "QUOTED" }, quote, "buyer", now)).toEqual({ ok: true });
    expect(mayDecide({ status: "QUOTED" }, quote, "manufacturer", now)).toEqual({ ok: false, reason: "own_offer" });
    expect(mayDecide({ status: "QUOTED" }, { ...quote, validUntil: now }, "buyer", now)).toEqual({ ok: false, reason: "quote_expired" });
    expect(mayDecide({ status: "ACCEPTED" }, quote, "buyer", now)).toEqual({ ok: false, reason: "rfq_closed" });
    for (const status of ["COUNTERED", "ACCEPTED", "DECLINED", "SUPERSEDED", "EXPIRED"] as const) {
      expect(mayDecide({ status: "QUOTED" }, { ...quote, status }, "buyer", now)).toEqual({ ok: false, reason: "quote_not_open" });
    }
  });

  it("counts the response in whole seconds, never negative", () => {
    expect(responseSeconds(now, new Date(now.getTime() + 5_400_999))).toBe(5400);
    expect(responseSeconds(now, new Date(now.getTime() - 1000))).toBe(0);
  });

  it("numbers requests RFQ-<year>-<six digits at least>", () => {
    expect(formatRfqNumber(2026, 42)).toBe("RFQ-2026-000042");
    expect(formatRfqNumber(2026, 1_234_567)).toBe("RFQ-2026-1234567");
    expect(RFQ_NUMBER.test("RFQ-2026-000042")).toBe(true);
    expect(RFQ_NUMBER.test("RFQ-2026-42")).toBe(false);
    expect(RFQ_NUMBER.test("PO-2026-000042")).toBe(false);
  });
});
