import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { orderIdentifiers } from "~/modules/ordering/order-numbers";
import { seedPlatformBankAccounts } from "~/modules/payments/bank-transfer-accounts.server";
import { BankTransferError, candidatesFor, chooseBankTransfer, listTransfers, matchTransfer, recordTransfer, recordTransferRefund, transferRefundsDue } from "~/modules/payments/bank-transfer.server";
import { acceptTerms, approveCredit, buyerCredit, convertInto, suspendCredit, TermsRefusedError } from "~/modules/payments/credit.server";
import { isOverdue } from "~/modules/payments/overdue";
import { flagOverdueOrders, OVERDUE_EVENT } from "~/modules/payments/overdue.server";
import { paymentOptions } from "~/modules/payments/payment-options.server";
import { addMember, createManufacturer, createOrganization, createUser } from "../support/inventory-core-fixtures";
import { withTestDatabase } from "../support/database";

withTestDatabase();

let makerId: string;
let platform: { userId: string; organizationId: string };
let sequence = 5000;

async function createBuyer(countryCode = "BR") {
  const org = await unscopedDb.organization.create({ data: { kind: "BUYER", name: `Buyer ${randomUUID().slice(0, 6)}`, countryCode } });
  const user = await createUser(undefined, "Buyer User", "pt");
  await addMember(org.id, user.id, "OWNER");
  return { id: org.id, countryCode, actor: { userId: user.id, organizationId: org.id } };
}

/** An order as checkout leaves it (PLACED), amounts in one currency for readability. */
async function createOrder(buyerId: string, totalMinor: bigint, currency = "USD") {
  sequence += 1;
  const { number, bankReference } = orderIdentifiers(2026, sequence);
  return unscopedDb.order.create({
    data: {
      number,
      bankReference,
      organizationId: makerId,
      buyerOrganizationId: buyerId,
      source: "WAREHOUSE",
      warehouseId: randomUUID(),
      tradeTerm: "DDP",
      currencyCode: currency,
      subtotalMinor: totalMinor,
      totalMinor,
      buyerCurrencyCode: currency,
      buyerTotalMinor: totalMinor,
      fxRate: "1",
      fxRateDate: new Date(),
      leadTimeDaysMin: 2,
      leadTimeDaysMax: 5,
      buyerSnapshot: {},
      deliveryAddress: {},
    },
  });
}

const order = (id: string) => unscopedDb.order.findUniqueOrThrow({ where: { id } });
let transactionCounter = 0;
const txId = () => `BANK-${Date.now()}-${++transactionCounter}`;
const receivedOn = new Date("2026-12-04");

/** "PNT2650000017" → "pnt 265 000 0017", as a payer might type it. */
const spaced = (reference: string) => `Pedido ${reference.toLowerCase().replace(/^(pnt)(\d{3})(\d{3})/, "$1 $2 $3 ")}`;

beforeAll(async () => {
  makerId = (await createManufacturer()).id;
  const platformOrg = await createOrganization("PLATFORM");
  const platformUser = await createUser(undefined, "Desk", "en");
  await addMember(platformOrg.id, platformUser.id, "ADMIN");
  platform = { userId: platformUser.id, organizationId: platformOrg.id };
  await seedPlatformBankAccounts();
});

afterEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
});

describe("payment options", () => {
  it("without Stripe keys: bank transfer only, said plainly, with the platform's account in the order's currency", async () => {
    const buyer = await createBuyer("MX");
    const o = await createOrder(buyer.id, 150_000n, "MXN");
    const choice = await paymentOptions(o, buyer);
    expect(choice.payable).toBe(true);
    expect(choice.bankTransferOnly).toBe("no_stripe");
    expect(choice.options.map((x) => x.kind)).toEqual(["bank_transfer"]);
    const transfer = choice.options[0]!;
    expect(transfer.kind === "bank_transfer" && transfer.reference).toBe(o.bankReference);
    expect(transfer.kind === "bank_transfer" && transfer.bankAccount?.currencyCode).toBe("MXN");
  });

  it("with Stripe keys: Stripe first, with the currency's methods; Angola and Mozambique still bank transfer only", async () => {
    process.env.STRIPE_SECRET_KEY = "sk_test_x";
    const mexican = await createBuyer("MX");
    const mx = await createOrder(mexican.id, 2_000_000n, "MXN");
    const choice = await paymentOptions(mx, mexican);
    expect(choice.bankTransferOnly).toBeNull();
    expect(choice.options.map((x) => x.kind)).toEqual(["stripe", "bank_transfer"]);
    const stripe = choice.options[0]!;
    // MXN 20,000 is above OXXO's cap: card only, OXXO explained.
    expect(stripe.kind === "stripe" && stripe.methods.methods).toEqual(["card"]);
    for (const country of ["AO", "MZ"]) {
      const buyer = await createBuyer(country);
      const o = await createOrder(buyer.id, 10_000n, "USD");
      const only = await paymentOptions(o, buyer);
      expect(only.bankTransferOnly).toBe("country");
      expect(only.options.map((x) => x.kind)).toEqual(["bank_transfer"]);
    }
  });

  it("nothing to choose once the order is paid", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 10_000n);
    await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "X", referenceText: o.bankReference, currencyCode: "USD", amountText: "100.00" }, platform);
    const choice = await paymentOptions(await order(o.id), buyer);
    expect(choice.payable).toBe(false);
    expect(choice.options).toEqual([]);
  });
});

describe("bank transfer (T/T) matching", () => {
  it("choosing a transfer: the order awaits payment, one pending payment however often it is chosen", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 123_456n);
    await chooseBankTransfer({ orderId: o.id, actor: buyer.actor });
    await chooseBankTransfer({ orderId: o.id, actor: buyer.actor });
    expect(await order(o.id)).toMatchObject({ status: "AWAITING_PAYMENT", paymentMethod: "BANK_TRANSFER" });
    const payments = await unscopedDb.payment.findMany({ where: { orderId: o.id } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ method: "BANK_TRANSFER", status: "PENDING", amountMinor: 123_456n });
    // Another buyer cannot choose for it.
    const other = await createBuyer();
    await expect(chooseBankTransfer({ orderId: o.id, actor: other.actor })).rejects.toMatchObject({ code: "order_not_found" });
  });

  it("exact amount with the reference typed loosely (spaces, lower case): matched, order paid, payment succeeded", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 123_456n);
    await chooseBankTransfer({ orderId: o.id, actor: buyer.actor });
    const result = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "Casa Paulista Ltda", referenceText: spaced(o.bankReference), currencyCode: "USD", amountText: "1.234,56" }, platform);
    expect(result.kind).toBe("recorded");
    if (result.kind !== "recorded") return;
    expect(result.match?.outcome).toBe("matched");
    expect(result.transfer).toMatchObject({ status: "MATCHED", orderId: o.id });
    expect(await order(o.id)).toMatchObject({ status: "PAID", paidMinor: 123_456n });
    expect(await unscopedDb.payment.findFirst({ where: { orderId: o.id } })).toMatchObject({ status: "SUCCEEDED", receivedMinor: 123_456n });
    const events = await unscopedDb.orderEvent.findMany({ where: { orderId: o.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.event)).toEqual(["await_payment", "payment_received"]);
    expect(events[1]).toMatchObject({ amountMinor: 123_456n, actorOrganizationId: platform.organizationId });
    // The buyer's member is told in Portuguese (in-app and by email), committed with the payment.
    const notices = await unscopedDb.notification.findMany({ where: { organizationId: buyer.id, kind: "order.order_paid" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.href).toBe(`/pt/orders/${o.number}`);
  });

  it("a bank transaction id typed twice is recorded once", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 50_000n);
    const id = txId();
    const input = { bankTransactionId: id, receivedOn, payerName: "Twice", referenceText: o.bankReference, currencyCode: "USD", amountText: "500" };
    const first = await recordTransfer(input, platform);
    const second = await recordTransfer({ ...input, bankTransactionId: ` ${id} ` }, platform);
    expect(first.kind).toBe("recorded");
    expect(second.kind).toBe("duplicate");
    expect(await unscopedDb.bankTransfer.count({ where: { bankTransactionId: id } })).toBe(1);
    expect(await order(o.id)).toMatchObject({ paidMinor: 50_000n, status: "PAID" });
  });

  it("the same bank transaction recorded by two desks at once: one transfer, paid once", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 10_000n);
    const input = { bankTransactionId: txId(), receivedOn, payerName: "Race", referenceText: o.bankReference, currencyCode: "USD", amountText: "100" };
    const results = await Promise.all([recordTransfer(input, platform), recordTransfer(input, platform)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["duplicate", "recorded"]);
    expect(await unscopedDb.bankTransfer.count({ where: { bankTransactionId: input.bankTransactionId } })).toBe(1);
    expect(await order(o.id)).toMatchObject({ paidMinor: 10_000n, status: "PAID" });
  });

  it("partial: the order keeps awaiting payment with the rest due; the second transfer completes it", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 100_000n);
    await chooseBankTransfer({ orderId: o.id, actor: buyer.actor });
    const first = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "P", referenceText: o.bankReference, currencyCode: "USD", amountText: "400" }, platform);
    expect(first.kind === "recorded" && first.match).toMatchObject({ outcome: "partial", remainingMinor: 60_000n });
    expect(first.transfer.status).toBe("MATCHED_WITH_DIFFERENCE");
    expect(await order(o.id)).toMatchObject({ status: "AWAITING_PAYMENT", paidMinor: 40_000n });
    expect(await unscopedDb.notification.count({ where: { organizationId: buyer.id, kind: "order.payment_received" } })).toBe(1);
    expect(await unscopedDb.payment.findFirst({ where: { orderId: o.id } })).toMatchObject({ status: "PENDING", receivedMinor: 40_000n });
    const second = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "P", referenceText: o.bankReference, currencyCode: "USD", amountText: "600.00" }, platform);
    expect(second.kind === "recorded" && second.match?.outcome).toBe("matched");
    expect(await order(o.id)).toMatchObject({ status: "PAID", paidMinor: 100_000n });
    expect(await unscopedDb.payment.count({ where: { orderId: o.id } })).toBe(1);
    expect(await unscopedDb.payment.findFirst({ where: { orderId: o.id } })).toMatchObject({ status: "SUCCEEDED", receivedMinor: 100_000n });
  });

  it("over: paid, the surplus recorded as a refund due, refunded by transfer from the desk", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 100_000n);
    const result = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "O", referenceText: o.bankReference, currencyCode: "USD", amountText: "1,250.00" }, platform);
    expect(result.kind === "recorded" && result.match).toMatchObject({ outcome: "over", surplusMinor: 25_000n });
    expect(await order(o.id)).toMatchObject({ status: "PAID", paidMinor: 125_000n, paymentMethod: "BANK_TRANSFER" });
    expect(await unscopedDb.orderEvent.findFirst({ where: { orderId: o.id, event: "refund_due" } })).toMatchObject({ amountMinor: 25_000n });
    expect((await transferRefundsDue()).find((r) => r.id === o.id)?.dueBackMinor).toBe(25_000n);

    await expect(recordTransferRefund({ orderId: o.id, amountText: "1300", reason: "too much", actor: platform })).rejects.toMatchObject({ code: "refund_exceeds_paid" });
    const refund = await recordTransferRefund({ orderId: o.id, amountText: "250", reason: "overpaid", actor: platform });
    expect(refund).toMatchObject({ status: "SUCCEEDED", amountMinor: 25_000n, currencyCode: "USD" });
    expect(await order(o.id)).toMatchObject({ status: "PAID", paidMinor: 100_000n, refundedMinor: 25_000n });
    expect((await transferRefundsDue()).some((r) => r.id === o.id)).toBe(false);
  });

  it("wrong or missing check digit: never matched automatically, the order is proposed; matched by hand", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 77_700n);
    const last = Number(o.bankReference.at(-1));
    const wrongDigit = `${o.bankReference.slice(0, -1)}${(last + 1) % 10}`;
    const wrong = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "Wrong Digit SA", referenceText: wrongDigit, currencyCode: "USD", amountText: "10" }, platform);
    expect(wrong.kind === "recorded" && wrong.match).toBeNull();
    expect(wrong.transfer.status).toBe("UNMATCHED");
    expect((await candidatesFor(wrong.transfer)).map((c) => [c.number, c.because])).toContainEqual([o.number, "reference"]);

    const missing = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "No Digit SA", referenceText: `ref ${o.bankReference.slice(0, -1)}`, currencyCode: "USD", amountText: "20" }, platform);
    expect(missing.transfer.status).toBe("UNMATCHED");
    expect((await candidatesFor(missing.transfer)).map((c) => c.number)).toContain(o.number);
    expect(await order(o.id)).toMatchObject({ paidMinor: 0n, status: "PLACED" });

    const match = await matchTransfer({ transferId: missing.transfer.id, orderId: o.id, actor: platform });
    expect(match).toMatchObject({ outcome: "partial", remainingMinor: 75_700n });
    expect(await order(o.id)).toMatchObject({ paidMinor: 2_000n, status: "AWAITING_PAYMENT" });
    // Matching it again is refused: one transfer pays once.
    await expect(matchTransfer({ transferId: missing.transfer.id, orderId: o.id, actor: platform })).rejects.toMatchObject({ code: "already_matched" });
  });

  it("no reference at all: waits in the unmatched list, found by payer or amount, the order proposed by its amount due", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 98_765n);
    const result = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "Ferragens Nordeste", referenceText: "", currencyCode: "USD", amountText: "987.65" }, platform);
    expect(result.transfer.status).toBe("UNMATCHED");
    const byPayer = await listTransfers({ status: "UNMATCHED", q: "nordeste" });
    expect(byPayer.map((t) => t.id)).toEqual([result.transfer.id]);
    const byAmount = await listTransfers({ status: "UNMATCHED", q: "987,65" });
    expect(byAmount.map((t) => t.id)).toContain(result.transfer.id);
    const candidates = await candidatesFor(result.transfer);
    expect(candidates.find((c) => c.id === o.id)).toMatchObject({ because: "amount", dueMinor: 98_765n });
    await matchTransfer({ transferId: result.transfer.id, orderId: o.id, actor: platform });
    expect(await order(o.id)).toMatchObject({ status: "PAID" });
    expect((await listTransfers({ status: "MATCHED", q: o.number })).map((t) => t.id)).toContain(result.transfer.id);
  });

  it("currency mismatch: refused with the reason, the transfer stays unmatched and the order unpaid", async () => {
    const buyer = await createBuyer();
    const o = await createOrder(buyer.id, 40_000n, "USD");
    const result = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "Euro Payer", referenceText: o.bankReference, currencyCode: "EUR", amountText: "400" }, platform);
    expect(result.kind === "recorded" && result.refusal).toBe("currency_mismatch");
    expect(result.transfer.status).toBe("UNMATCHED");
    const byHand = matchTransfer({ transferId: result.transfer.id, orderId: o.id, actor: platform });
    await expect(byHand).rejects.toBeInstanceOf(BankTransferError);
    await expect(byHand).rejects.toMatchObject({ code: "currency_mismatch", detail: { transfer: "EUR", order: "USD" } });
    expect(await order(o.id)).toMatchObject({ paidMinor: 0n, status: "PLACED" });
  });

  it("amounts are read by the one parser: too many decimals or not an amount is refused, nothing recorded", async () => {
    const id = txId();
    await expect(recordTransfer({ bankTransactionId: id, receivedOn, payerName: "X", referenceText: "", currencyCode: "USD", amountText: "12.345" }, platform)).rejects.toMatchObject({ code: "amount_decimals" });
    await expect(recordTransfer({ bankTransactionId: id, receivedOn, payerName: "X", referenceText: "", currencyCode: "USD", amountText: "abc" }, platform)).rejects.toMatchObject({ code: "amount_format" });
    await expect(recordTransfer({ bankTransactionId: id, receivedOn, payerName: "X", referenceText: "", currencyCode: "XYZ", amountText: "1" }, platform)).rejects.toMatchObject({ code: "unknown_currency" });
    expect(await unscopedDb.bankTransfer.count({ where: { bankTransactionId: id } })).toBe(0);
  });
});

describe("net terms and the credit limit", () => {
  it("orders beyond the limit are refused; paying frees the limit", async () => {
    const buyer = await createBuyer();
    await approveCredit({ buyerOrganizationId: buyer.id, termsDays: 30, limitMinor: 100_000n, currencyCode: "USD", note: "", approvedById: platform.userId });
    const first = await createOrder(buyer.id, 60_000n);
    const second = await createOrder(buyer.id, 50_000n);

    const offered = await paymentOptions(first, buyer);
    expect(offered.options.map((x) => x.kind)).toEqual(["bank_transfer", "terms"]);
    const today = new Date("2026-12-05T12:00:00Z");
    await acceptTerms({ orderId: first.id, actor: buyer.actor, now: today });
    const accepted = await order(first.id);
    expect(accepted).toMatchObject({ status: "IN_FULFILMENT", paymentMethod: "TERMS" });
    expect(accepted.paymentDueOn?.toISOString().slice(0, 10)).toBe("2027-01-04");
    expect(await unscopedDb.payment.findFirst({ where: { orderId: first.id } })).toMatchObject({ method: "TERMS", status: "PENDING", amountMinor: 60_000n });
    expect(await buyerCredit(buyer.id)).toMatchObject({ limitMinor: 100_000n, usedMinor: 60_000n, availableMinor: 40_000n });

    const refused = await paymentOptions(second, buyer);
    expect(refused.options.map((x) => x.kind)).toEqual(["bank_transfer"]);
    expect(refused.termsRefusal).toBe("over_limit");
    await expect(acceptTerms({ orderId: second.id, actor: buyer.actor })).rejects.toMatchObject({ code: "over_limit" });
    // Another buyer cannot put this buyer's order on its own terms: it does not exist for them.
    const stranger = await createBuyer();
    await approveCredit({ buyerOrganizationId: stranger.id, termsDays: 30, limitMinor: 10_000_000n, currencyCode: "USD", note: "", approvedById: platform.userId });
    await expect(acceptTerms({ orderId: second.id, actor: stranger.actor })).rejects.toMatchObject({ code: "order_not_found", status: 404 });
    expect(await order(second.id)).toMatchObject({ status: "PLACED", paymentMethod: null });

    // The first is paid by transfer: the limit is free again.
    const paid = await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "B", referenceText: first.bankReference, currencyCode: "USD", amountText: "600" }, platform);
    expect(paid.kind === "recorded" && paid.match?.outcome).toBe("matched");
    expect(await order(first.id)).toMatchObject({ status: "IN_FULFILMENT", paidMinor: 60_000n });
    expect(await unscopedDb.payment.findFirst({ where: { orderId: first.id } })).toMatchObject({ method: "TERMS", status: "SUCCEEDED" });
    expect(await buyerCredit(buyer.id)).toMatchObject({ usedMinor: 0n, availableMinor: 100_000n });
    await acceptTerms({ orderId: second.id, actor: buyer.actor });
    expect(await order(second.id)).toMatchObject({ status: "IN_FULFILMENT", paymentMethod: "TERMS" });
  });

  it("orders in another currency count at today's dated rate; a suspended account gets no terms", async () => {
    const buyer = await createBuyer();
    await approveCredit({ buyerOrganizationId: buyer.id, termsDays: 60, limitMinor: 1_000_000n, currencyCode: "USD", note: "", approvedById: platform.userId });
    const brl = await createOrder(buyer.id, 250_000n, "BRL");
    await acceptTerms({ orderId: brl.id, actor: buyer.actor });
    const expected = convertInto(await ratesAsOf(new Date()), 250_000n, "BRL", "USD");
    expect(expected).not.toBeNull();
    expect((await buyerCredit(buyer.id))?.usedMinor).toBe(expected);

    const account = await unscopedDb.creditAccount.findFirstOrThrow({ where: { organizationId: buyer.id } });
    expect(await suspendCredit(account.id)).toBe(true);
    const next = await createOrder(buyer.id, 1_000n);
    expect((await paymentOptions(next, buyer)).termsRefusal).toBe("suspended");
    await expect(acceptTerms({ orderId: next.id, actor: buyer.actor })).rejects.toBeInstanceOf(TermsRefusedError);
  });

  it("two orders accepted at the same moment cannot both squeeze under the limit", async () => {
    const buyer = await createBuyer();
    await approveCredit({ buyerOrganizationId: buyer.id, termsDays: 30, limitMinor: 100_000n, currencyCode: "USD", note: "", approvedById: platform.userId });
    const a = await createOrder(buyer.id, 60_000n);
    const b = await createOrder(buyer.id, 60_000n);
    const outcomes = await Promise.allSettled([acceptTerms({ orderId: a.id, actor: buyer.actor }), acceptTerms({ orderId: b.id, actor: buyer.actor })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "over_limit" });
    expect((await buyerCredit(buyer.id))?.usedMinor).toBe(60_000n);
  });

  it("only buyers can be approved", async () => {
    expect(await approveCredit({ buyerOrganizationId: makerId, termsDays: 30, limitMinor: 1n, currencyCode: "USD", note: "", approvedById: platform.userId })).toEqual({ ok: false, error: "not_buyer" });
  });
});

describe("overdue terms orders", () => {
  it("flagged once by the daily job, buyer and platform notified; paid ones are not", async () => {
    const buyer = await createBuyer();
    await approveCredit({ buyerOrganizationId: buyer.id, termsDays: 30, limitMinor: 10_000_000n, currencyCode: "USD", note: "", approvedById: platform.userId });
    const late = await createOrder(buyer.id, 30_000n);
    const settled = await createOrder(buyer.id, 20_000n);
    const acceptedOn = new Date("2026-10-01T10:00:00Z");
    await acceptTerms({ orderId: late.id, actor: buyer.actor, now: acceptedOn });
    await acceptTerms({ orderId: settled.id, actor: buyer.actor, now: acceptedOn });
    await recordTransfer({ bankTransactionId: txId(), receivedOn, payerName: "B", referenceText: settled.bankReference, currencyCode: "USD", amountText: "200" }, platform);

    const dueDay = new Date("2026-10-31T00:00:00Z");
    expect(isOverdue(await order(late.id), dueDay)).toBe(false);
    expect(isOverdue(await order(late.id), new Date("2026-11-01T08:00:00Z"))).toBe(true);
    expect(isOverdue(await order(settled.id), new Date("2026-11-01T08:00:00Z"))).toBe(false);

    const now = new Date("2026-11-02T00:15:00Z");
    const first = await flagOverdueOrders(now);
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    expect(await unscopedDb.orderEvent.count({ where: { orderId: late.id, event: OVERDUE_EVENT } })).toBe(1);
    expect(await unscopedDb.orderEvent.count({ where: { orderId: settled.id, event: OVERDUE_EVENT } })).toBe(0);
    const notices = await unscopedDb.notification.findMany({ where: { kind: "order.payment_overdue", OR: [{ organizationId: buyer.id }, { organizationId: platform.organizationId }] } });
    const forThisOrder = notices.filter((n) => n.title.includes(late.number));
    expect(forThisOrder.map((n) => n.organizationId).sort()).toEqual([buyer.id, platform.organizationId].sort());
    // The buyer's member reads Portuguese.
    expect(forThisOrder.find((n) => n.organizationId === buyer.id)?.title).toContain("Pagamento vencido");

    expect((await flagOverdueOrders(now)).flagged).toBe(0);
    expect(await unscopedDb.orderEvent.count({ where: { orderId: late.id, event: OVERDUE_EVENT } })).toBe(1);
  });
});
