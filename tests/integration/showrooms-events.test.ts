import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { formatEventRange } from "~/modules/showrooms/event-times";
import { eventIcsFile, loadEventPage } from "~/modules/showrooms/public-events.server";
import { cancelRegistration, registerForEvent, RegistrationError } from "~/modules/showrooms/registrations.server";
import { sendEventReminders } from "~/modules/showrooms/reminders.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { addMember, createOrganization, createUser } from "../support/inventory-core-fixtures";
import { createShowroomWorld, type ShowroomWorld } from "../support/showroom-public-fixtures";

/**
 * Event seats on a real database (PGlite, and the PostgreSQL server when TEST_DATABASE_URL is set): parallel
 * registrations never overbook, the rest wait in order, a cancellation promotes the first in line; reminders go once,
 * in each buyer's language, with the time in the event's zone.
 */

let database: TestDatabase;
let world: ShowroomWorld;

beforeAll(async () => {
  database = await setupTestDatabase();
  world = await createShowroomWorld();
}, 240_000);
afterAll(() => database.cleanup());

async function createEvent(capacity: number, startsAt = new Date(Date.now() + 3 * 24 * 3600_000)) {
  return unscopedDb.showroomEvent.create({
    data: {
      organizationId: world.operator.id,
      storefrontId: world.storefront.id,
      kind: "EXHIBITION",
      title: { pt: "Feira de cozinha", es: "Feria de cocina", zh: "厨房展" },
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      timeZone: "Asia/Shanghai",
      language: "pt",
      capacity,
      link: "https://meet.example.com/x",
    },
  });
}

async function buyers(n: number, locales: ("pt" | "es" | "zh" | "en")[] = ["en"]) {
  const org = await createOrganization("BUYER");
  const users = [];
  for (let i = 0; i < n; i++) {
    const user = await createUser(undefined, `Buyer ${i}`, locales[i % locales.length]);
    await addMember(org.id, user.id, "MEMBER");
    users.push(user);
  }
  return { org, users };
}

describe("registration", () => {
  it("parallel registrations never overbook: exactly `capacity` seats, the rest wait in distinct places", async () => {
    const event = await createEvent(5);
    const { org, users } = await buyers(14);
    const outcomes = await Promise.all(users.map((u) => registerForEvent({ eventId: event.id, userId: u.id, buyerOrganizationId: org.id })));
    expect(outcomes.filter((o) => o.status === "REGISTERED")).toHaveLength(5);
    const waiting = outcomes.filter((o) => o.status === "WAITLISTED");
    expect(waiting).toHaveLength(9);
    expect(waiting.map((o) => o.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await unscopedDb.showroomEventRegistration.count({ where: { eventId: event.id, status: "REGISTERED" } })).toBe(5);
    // Registering again changes nothing.
    const again = await registerForEvent({ eventId: event.id, userId: users[0]!.id, buyerOrganizationId: org.id });
    expect(again.unchanged).toBe(true);
  });

  it("buyers arriving in the same millisecond, or with clocks read before the lock, still get distinct places in lock order", async () => {
    const event = await createEvent(1);
    const { org, users } = await buyers(6);
    const sameInstant = new Date();
    // The later callers carry EARLIER clocks: their place must follow the lock, not the clock they read.
    const outcomes = await Promise.all(
      users.map((u, i) => registerForEvent({ eventId: event.id, userId: u.id, buyerOrganizationId: org.id, now: new Date(sameInstant.getTime() - (i % 2) * 5) })),
    );
    const waiting = outcomes.filter((o) => o.status === "WAITLISTED");
    expect(waiting.map((o) => o.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5]);
    // The line read back later agrees with what each buyer was told.
    const line = await unscopedDb.showroomEventRegistration.findMany({ where: { eventId: event.id, status: "WAITLISTED" }, orderBy: [{ registeredAt: "asc" }, { id: "asc" }], select: { id: true } });
    expect(line.map((r) => r.id)).toEqual([...waiting].sort((a, b) => a.position! - b.position!).map((o) => o.registrationId));
  });

  it("a cancellation frees a seat for the first in line, also under parallel cancellations and registrations", async () => {
    const event = await createEvent(2);
    const { org, users } = await buyers(6);
    for (const u of users) await registerForEvent({ eventId: event.id, userId: u.id, buyerOrganizationId: org.id });
    const [a, b, c, d] = users as [typeof users[0], typeof users[0], typeof users[0], typeof users[0]];
    const { promotedRegistrationId } = await cancelRegistration({ eventId: event.id, userId: a.id });
    const promoted = await unscopedDb.showroomEventRegistration.findUniqueOrThrow({ where: { id: promotedRegistrationId! } });
    expect(promoted.userId).toBe(c.id);
    expect(promoted.status).toBe("REGISTERED");
    const page = (await loadEventPage(world.storefront.slug, event.id, "pt", d.id))!;
    expect(page.registration).toEqual({ id: expect.any(String), status: "WAITLISTED", position: 1 });
    // A waiting buyer leaving promotes nobody.
    expect((await cancelRegistration({ eventId: event.id, userId: d.id })).promotedRegistrationId).toBeNull();
    // Both seat holders cancel at once while two newcomers register: still never more than 2 seats.
    const late = await buyers(2);
    await Promise.all([
      cancelRegistration({ eventId: event.id, userId: b.id }),
      cancelRegistration({ eventId: event.id, userId: c.id }),
      ...late.users.map((u) => registerForEvent({ eventId: event.id, userId: u.id, buyerOrganizationId: late.org.id })),
    ]);
    expect(await unscopedDb.showroomEventRegistration.count({ where: { eventId: event.id, status: "REGISTERED" } })).toBe(2);
    await expect(cancelRegistration({ eventId: event.id, userId: a.id })).rejects.toBeInstanceOf(RegistrationError);
  });

  it("a cancelled or past event takes no registration; the link shows only to a seat holder", async () => {
    const { org, users } = await buyers(2);
    const cancelled = await createEvent(3);
    await unscopedDb.showroomEvent.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    await expect(registerForEvent({ eventId: cancelled.id, userId: users[0]!.id, buyerOrganizationId: org.id })).rejects.toMatchObject({ code: "event_closed" });
    const open = await createEvent(1);
    await registerForEvent({ eventId: open.id, userId: users[0]!.id, buyerOrganizationId: org.id });
    await registerForEvent({ eventId: open.id, userId: users[1]!.id, buyerOrganizationId: org.id });
    expect((await loadEventPage(world.storefront.slug, open.id, "pt", users[0]!.id))!.link).toBe("https://meet.example.com/x");
    expect((await loadEventPage(world.storefront.slug, open.id, "pt", users[1]!.id))!.link).toBeNull();
    expect((await loadEventPage(world.storefront.slug, open.id, "pt", null))!.link).toBeNull();
    // An event of a draft storefront is not found.
    expect(await loadEventPage(world.draft.slug, open.id, "pt", null)).toBeNull();
  });

  it("serves an .ics per event and per registration", async () => {
    const { org, users } = await buyers(1);
    const event = await createEvent(4);
    const eventIcs = (await eventIcsFile(world.storefront.slug, event.id, "es"))!;
    expect(eventIcs).toContain(`UID:event-${event.id}@ponte`);
    expect(eventIcs).toContain("Feria de cocina");
    expect(await eventIcsFile(world.storefront.slug, event.id, "es", { registrationOf: users[0]!.id })).toBeNull();
    const outcome = await registerForEvent({ eventId: event.id, userId: users[0]!.id, buyerOrganizationId: org.id });
    const mine = (await eventIcsFile(world.storefront.slug, event.id, "es", { registrationOf: users[0]!.id }))!;
    expect(mine).toContain(`UID:registration-${outcome.registrationId}@ponte`);
  });
});

describe("reminders", () => {
  it("go once, the day before, to seat holders only, in each buyer's language, with the time in the event's zone", async () => {
    const now = new Date();
    // Starts in 20 hours: due (the window is the next 24 hours).
    const reference = new Date(now.getTime() + 20 * 3600_000);
    const event = await createEvent(2, reference);
    const later = await createEvent(2, new Date(now.getTime() + 3 * 24 * 3600_000));
    const { org, users } = await buyers(3, ["es", "zh", "pt"]);
    for (const u of users) await registerForEvent({ eventId: event.id, userId: u.id, buyerOrganizationId: org.id });
    await registerForEvent({ eventId: later.id, userId: users[0]!.id, buyerOrganizationId: org.id });

    const [first, second] = await Promise.all([sendEventReminders(now), sendEventReminders(now)]);
    expect(first + second).toBe(2);
    expect(await sendEventReminders(now)).toBe(0);
    const emails = await unscopedDb.emailMessage.findMany({ where: { kind: "showroom_event_reminder", toAddress: { in: users.map((u) => u.email) } } });
    expect(emails.map((e) => e.toAddress).sort()).toEqual([users[0]!.email, users[1]!.email].sort());
    const spanish = emails.find((e) => e.toAddress === users[0]!.email)!;
    const chinese = emails.find((e) => e.toAddress === users[1]!.email)!;
    expect(spanish.subject).toBe("Mañana: Feria de cocina");
    expect(spanish.text).toContain("Cuándo:");
    expect(spanish.text).toContain(`/es/showrooms/${world.storefront.slug}/events/${event.id}`);
    expect(chinese.subject).toBe("明天：厨房展");
    const zone = new Intl.DateTimeFormat("es-419", { timeZone: "Asia/Shanghai", timeZoneName: "long" }).formatToParts(reference).find((p) => p.type === "timeZoneName")!.value;
    expect(spanish.text).toContain(zone);
    // The event's own wall clock (Shanghai), whatever the server's zone.
    expect(spanish.text).toContain(formatEventRange(reference, new Date(reference.getTime() + 2 * 3600_000), "Asia/Shanghai", "es-419"));
    // The waiting buyer (pt) gets none; the later event's seat waits for its own day.
    expect(await unscopedDb.showroomEventRegistration.count({ where: { eventId: later.id, reminderSentAt: { not: null } } })).toBe(0);
  });
});
