import { describe, expect, it } from "vitest";
import { formatBankReference } from "~/modules/ordering/order-numbers";
import { classifyMatch, nearReferences, strictReferences } from "./bank-transfer";
import { dueDate, fitsLimit, standing } from "./credit";
import { daysOverdue, isOverdue } from "./overdue";
import { bankTransferOnlyCountry, isPayable } from "./payment-options";

const ref = formatBankReference(2026, 123); // PNT26000012 3 + check digit

describe("references in a payer's text", () => {
  it("strict: valid check digit only, typed loosely", () => {
    expect(strictReferences(`pagamento ${ref.toLowerCase().replace("pnt", "pnt ")}`)).toEqual([ref]);
    const wrong = `${ref.slice(0, -1)}${(Number(ref.at(-1)) + 1) % 10}`;
    expect(strictReferences(wrong)).toEqual([]);
    expect(strictReferences("")).toEqual([]);
  });

  it("near: a missing or wrong check digit proposes the reference", () => {
    const body = ref.slice(3, -1);
    expect(nearReferences(`PNT${body}`)).toContain(ref);
    const wrong = `${ref.slice(0, -1)}${(Number(ref.at(-1)) + 1) % 10}`;
    expect(nearReferences(wrong)).toContain(ref);
    expect(nearReferences(`paid ${body}`)).toContain(ref);
    expect(nearReferences("invoice 12345")).toEqual([]);
  });

  it("near: separators inside the digits are ignored", () => {
    const body = ref.slice(3, -1);
    const typed = `pnt ${body.slice(0, 2)}-${body.slice(2, 5)}.${body.slice(5, 7)}/${body.slice(7)}_`;
    expect(nearReferences(typed)).toEqual([ref]);
  });

  it("near: nine digits are read only as a reference without its check digit", () => {
    // Dropping a digit from a 9-digit run would leave 8, shorter than any reference.
    const body = ref.slice(3, -1);
    expect(body).toHaveLength(9);
    expect(nearReferences(`PNT${body}`)).toEqual([ref]);
  });
});

describe("classifyMatch", () => {
  it("exact, partial, over, and a cancelled order owes nothing", () => {
    expect(classifyMatch(1000n, 1000n)).toEqual({ outcome: "matched", remainingMinor: 0n, surplusMinor: 0n });
    expect(classifyMatch(1000n, 400n)).toEqual({ outcome: "partial", remainingMinor: 600n, surplusMinor: 0n });
    expect(classifyMatch(1000n, 1250n)).toEqual({ outcome: "over", remainingMinor: 0n, surplusMinor: 250n });
    expect(classifyMatch(1000n, 500n, true)).toEqual({ outcome: "over", remainingMinor: 0n, surplusMinor: 500n });
    expect(classifyMatch(-100n, 500n)).toEqual({ outcome: "over", remainingMinor: 0n, surplusMinor: 500n });
  });
});

describe("credit", () => {
  const account = { currencyCode: "USD", termsDays: 30, limitMinor: 1000n, suspendedAt: null };
  it("used, available (never below zero), and whether an order fits", () => {
    expect(standing(account, [300n, 200n, -50n])).toMatchObject({ usedMinor: 500n, availableMinor: 500n, active: true });
    expect(standing(account, [1500n]).availableMinor).toBe(0n);
    const s = standing(account, [600n]);
    expect(fitsLimit(s, 400n)).toEqual({ ok: true });
    expect(fitsLimit(s, 401n)).toEqual({ ok: false, reason: "over_limit" });
    expect(fitsLimit(standing({ ...account, suspendedAt: new Date() }, []), 1n)).toEqual({ ok: false, reason: "suspended" });
  });

  it("due date: calendar days in UTC, across month and year ends", () => {
    expect(dueDate(new Date("2026-12-05T23:30:00Z"), 30).toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(dueDate(new Date("2026-01-31T00:00:00Z"), 60).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });
});

describe("isOverdue", () => {
  const order = { status: "IN_FULFILMENT", paymentDueOn: new Date("2026-11-30T00:00:00Z"), buyerTotalMinor: 1000n, paidMinor: 0n };
  it("the due day itself is on time; the day after is overdue", () => {
    expect(isOverdue(order, new Date("2026-11-30T23:59:59Z"))).toBe(false);
    expect(isOverdue(order, new Date("2026-12-01T00:00:00Z"))).toBe(true);
    expect(daysOverdue(order, new Date("2026-12-03T10:00:00Z"))).toBe(3);
    expect(daysOverdue(order, new Date("2026-11-29T10:00:00Z"))).toBe(0);
  });
  it("paid, overpaid, cancelled or without a due date: never overdue", () => {
    const late = new Date("2027-02-01T00:00:00Z");
    expect(isOverdue({ ...order, paidMinor: 1000n }, late)).toBe(false);
    expect(isOverdue({ ...order, paidMinor: 1200n }, late)).toBe(false);
    expect(isOverdue({ ...order, paidMinor: 999n }, late)).toBe(true);
    expect(isOverdue({ ...order, status: "CANCELLED" }, late)).toBe(false);
    expect(isOverdue({ ...order, paymentDueOn: null }, late)).toBe(false);
  });
});

describe("payment options rules", () => {
  it("Angola and Mozambique pay by transfer only", () => {
    expect(bankTransferOnlyCountry("AO")).toBe(true);
    expect(bankTransferOnlyCountry("mz")).toBe(true);
    expect(bankTransferOnlyCountry("BR")).toBe(false);
  });
  it("payable while placed or awaiting payment with something due", () => {
    expect(isPayable("PLACED", 1n)).toBe(true);
    expect(isPayable("AWAITING_PAYMENT", 1n)).toBe(true);
    expect(isPayable("AWAITING_PAYMENT", 0n)).toBe(false);
    expect(isPayable("PAID", 1n)).toBe(false);
    expect(isPayable("IN_FULFILMENT", 1n)).toBe(false);
  });
});
