import { describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { notifyOrderEvent, notifyRfqEvent, type NotifiableOrder } from "~/modules/ordering/notifications.server";
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from "~/modules/ordering/notifications-inbox.server";
import { withTestDatabase } from "../support/database";
import { addMember, createOrganization, createUser } from "../support/inventory-core-fixtures";

withTestDatabase();

/** A manufacturer with a Chinese and an English member, a Mexican buyer with one Spanish member, and a bystander. */
async function parties() {
  const seller = await createOrganization("MANUFACTURER", "Gree-Lux Test");
  const buyer = await createOrganization("BUYER", "Comercializadora Prueba");
  const other = await createOrganization("BUYER", "Someone Else");
  const zh = await createUser(undefined, "王芳", "zh");
  const en = await createUser(undefined, "Ann", "en");
  const es = await createUser(undefined, "Lucía", "es");
  const outsider = await createUser(undefined, "Out", "pt");
  await addMember(seller.id, zh.id, "OWNER");
  await addMember(seller.id, en.id, "MEMBER");
  await addMember(buyer.id, es.id, "OWNER");
  await addMember(other.id, outsider.id, "OWNER");
  const order: NotifiableOrder = { number: `PO-2026-${Math.floor(Math.random() * 1e6).toString().padStart(6, "0")}`, organizationId: seller.id, buyerOrganizationId: buyer.id, buyerCurrencyCode: "MXN", buyerTotalMinor: 1_234_550n, paidMinor: 0n };
  return { seller, buyer, zh, en, es, outsider, order };
}

const notificationsOf = (userId: string) => unscopedDb.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const emailsTo = (address: string) => unscopedDb.emailMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });

describe("notifyOrderEvent", () => {
  it("writes one in-app notification and one email per member of both parties, each in the member's language", async () => {
    const { zh, en, es, outsider, order } = await parties();
    const result = await notifyOrderEvent(null, order, { kind: "order_paid" });
    expect(result.notifications).toBe(3);
    expect(result.emailIds).toHaveLength(3);

    const [zhNote] = await notificationsOf(zh.id);
    expect(zhNote.title).toBe(`订单 ${order.number} 已付款，可以备货`);
    expect(zhNote.body).toContain("Comercializadora Prueba");
    expect(zhNote.href).toBe(`/zh/orders/${order.number}`);
    expect(zhNote.readAt).toBeNull();

    const [enNote] = await notificationsOf(en.id);
    expect(enNote.title).toBe(`Order ${order.number} is paid: ready to prepare`);
    expect(enNote.href).toBe(`/en/orders/${order.number}`);

    const [esNote] = await notificationsOf(es.id);
    expect(esNote.title).toBe(`Pedido ${order.number} pagado`);
    // The buyer's amount in its currency, formatted for Latin American Spanish; the counterpart is the seller.
    expect(esNote.body).toMatch(/12[,.]345[.,]50/);
    expect(esNote.body).toContain("Gree-Lux Test");
    expect(esNote.organizationId).toBe(order.buyerOrganizationId);

    const [esMail] = await emailsTo(es.email);
    expect(esMail.subject).toBe(esNote.title);
    expect(esMail.text).toContain("Hola, Lucía:");
    expect(esMail.text).toContain(`/es/orders/${order.number}`);
    expect(esMail.kind).toBe("notification.order.order_paid");
    const [zhMail] = await emailsTo(zh.email);
    expect(zhMail.text).toContain("王芳，您好：");

    expect(await notificationsOf(outsider.id)).toEqual([]);
    expect(await emailsTo(outsider.email)).toEqual([]);
  });

  it("inside a transaction commits with it, and nothing is left when it rolls back", async () => {
    const { es, zh, order } = await parties();
    await expect(
      unscopedDb.$transaction(async (tx) => {
        await notifyOrderEvent(tx, order, { kind: "cancelled", reason: "Cliente desistiu" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await notificationsOf(es.id)).toEqual([]);
    expect(await emailsTo(zh.email)).toEqual([]);

    const result = await unscopedDb.$transaction((tx) => notifyOrderEvent(tx, order, { kind: "cancelled", reason: "Cliente desistiu" }));
    expect(result.emailIds).toHaveLength(3);
    const [note] = await notificationsOf(es.id);
    expect(note.body).toBe("El pedido a Gree-Lux Test fue cancelado. Motivo: Cliente desistiu");
  });

  it("says how much arrived and what is still due on a part payment, and the refund's amount", async () => {
    const { en, es, order } = await parties();
    await notifyOrderEvent(null, { ...order, paidMinor: 1_000_000n }, { kind: "payment_received", amountMinor: 1_000_000n });
    const [buyerNote] = await notificationsOf(es.id);
    expect(buyerNote.body).toMatch(/10[,.]000[.,]00/);
    expect(buyerNote.body).toMatch(/2[,.]345[.,]50/);
    await notifyOrderEvent(null, order, { kind: "refund", amountMinor: 50_000n });
    const notes = await notificationsOf(en.id);
    expect(notes.at(-1)!.title).toMatch(/^Refund of MX\$500\.00 for PO-/);
  });
});

describe("notifyRfqEvent", () => {
  it("tells the manufacturer of a new RFQ, and only the side that did not make an offer of a quote", async () => {
    const { seller, buyer, zh, en, es } = await parties();
    const rfq = { number: "RFQ-2026-000042", organizationId: seller.id, buyerOrganizationId: buyer.id, title: "Air fryer 5 L", quantity: 1200 };
    await notifyRfqEvent(null, rfq, { kind: "rfq_received" });
    expect((await notificationsOf(zh.id)).map((n) => n.title)).toEqual(["新询价 RFQ-2026-000042"]);
    expect((await notificationsOf(en.id))[0].href).toBe("/en/rfqs/RFQ-2026-000042");
    expect(await notificationsOf(es.id)).toEqual([]);

    await notifyRfqEvent(null, rfq, { kind: "quote_received", quote: { offeredByOrganizationId: seller.id, unitPriceMinor: 8_950n, currencyCode: "USD", quantity: 1200 } });
    const [quoteNote] = await notificationsOf(es.id);
    expect(quoteNote.title).toBe("Nueva cotización en RFQ-2026-000042");
    expect(quoteNote.body).toContain("89.50");
    expect(await notificationsOf(zh.id)).toHaveLength(1);

    await notifyRfqEvent(null, rfq, { kind: "quote_accepted", orderNumber: "PO-2026-000777" });
    expect((await notificationsOf(en.id)).at(-1)!.body).toBe("Comercializadora Prueba accepted the quote. Order PO-2026-000777 was created.");
  });
});

describe("the notifications inbox", () => {
  it("lists the user's own notifications, counts and marks them read, and ignores another user's ids", async () => {
    const { seller, zh, en, order } = await parties();
    await notifyOrderEvent(null, order, { kind: "order_placed" });
    await notifyOrderEvent(null, order, { kind: "shipped" });
    const listed = await listNotifications(zh.id);
    expect(listed.items.map((n) => n.title)).toEqual([`订单 ${order.number} 已发货`, `新订单 ${order.number}`]);
    expect(listed.unread).toBe(2);
    expect(await countUnreadNotifications(zh.id, [seller.id])).toBe(2);

    const enNote = (await listNotifications(en.id)).items[0];
    expect(await markNotificationRead(zh.id, enNote.id)).toBe(false);
    expect(await markNotificationRead(zh.id, listed.items[0].id)).toBe(true);
    expect(await countUnreadNotifications(zh.id, [seller.id])).toBe(1);
    expect(await markAllNotificationsRead(zh.id)).toBe(1);
    expect(await countUnreadNotifications(zh.id, [seller.id])).toBe(0);
    expect(await countUnreadNotifications(en.id, [seller.id])).toBe(2);

    const firstPage = await listNotifications(zh.id, { take: 1 });
    expect(firstPage.nextBefore).toBe(firstPage.items[0].id);
    const secondPage = await listNotifications(zh.id, { take: 1, before: firstPage.nextBefore });
    expect(secondPage.items.map((n) => n.title)).toEqual([`新订单 ${order.number}`]);
    expect(secondPage.nextBefore).toBeNull();

    // Someone who left the company no longer sees its notifications.
    await unscopedDb.membership.deleteMany({ where: { userId: en.id } });
    expect((await listNotifications(en.id)).items).toEqual([]);
  });
});
