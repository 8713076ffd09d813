import { describe, expect, it } from "vitest";
import { formatEventRange, isLive, isTimeZone, openState, parseOpeningHours, reminderWindow, timeZoneLabel, wallClock } from "~/modules/showrooms/event-times";
import { eventIcs, icsFileName } from "~/modules/showrooms/ics";

describe("event-times", () => {
  const hours = parseOpeningHours([{ days: [1, 2, 3, 4, 5], opens: "09:30", closes: "18:00" }, { days: [6], opens: "10:00", closes: "16:00" }, { days: [9], opens: "x", closes: "y" }, "junk"]);

  it("keeps only well-formed rules", () => {
    expect(hours).toEqual([
      { days: [1, 2, 3, 4, 5], opens: "09:30", closes: "18:00" },
      { days: [6], opens: "10:00", closes: "16:00" },
    ]);
    expect(parseOpeningHours(null)).toEqual([]);
    expect(parseOpeningHours([{ days: [1], opens: "18:00", closes: "09:00" }])).toEqual([]);
  });

  it("reads the wall clock of the hall's zone, not the server's", () => {
    // 2026-12-07 is a Monday; 01:30 UTC is 09:30 in Shanghai and still Sunday evening in São Paulo.
    const instant = new Date("2026-12-07T01:30:00Z");
    expect(wallClock(instant, "Asia/Shanghai")).toEqual({ weekday: 1, minutes: 9 * 60 + 30, date: "2026-12-07" });
    expect(wallClock(instant, "America/Sao_Paulo")).toEqual({ weekday: 7, minutes: 22 * 60 + 30, date: "2026-12-06" });
  });

  it("is open from opening (inclusive) to closing (exclusive) by the hall's clock", () => {
    expect(openState(hours, "Asia/Shanghai", new Date("2026-12-07T01:29:00Z")).open).toBe(false);
    expect(openState(hours, "Asia/Shanghai", new Date("2026-12-07T01:30:00Z"))).toEqual({ open: true, today: { opens: "09:30", closes: "18:00" } });
    expect(openState(hours, "Asia/Shanghai", new Date("2026-12-07T10:00:00Z")).open).toBe(false);
    // Sunday in Zhuhai: closed all day.
    expect(openState(hours, "Asia/Shanghai", new Date("2026-12-06T04:00:00Z"))).toEqual({ open: false, today: null });
  });

  it("formats an event in a named zone, and the same instant differently in another", () => {
    const start = new Date("2026-12-08T02:00:00Z");
    const end = new Date("2026-12-08T04:00:00Z");
    expect(formatEventRange(start, end, "Asia/Shanghai", "en")).toContain("10:00");
    expect(formatEventRange(start, end, "America/Sao_Paulo", "pt-BR")).toContain("23:00");
    // Still the 7th in São Paulo: the date moves with the zone too.
    expect(formatEventRange(start, end, "America/Sao_Paulo", "pt-BR")).toContain("7 de dez.");
    expect(timeZoneLabel(start, "Asia/Shanghai", "en")).toBe("China Standard Time");
  });

  it("validates zones, live events and the reminder window", () => {
    expect(isTimeZone("America/Bogota")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    const now = new Date("2026-12-08T03:00:00Z");
    expect(isLive({ startsAt: new Date("2026-12-08T02:00:00Z"), endsAt: new Date("2026-12-08T04:00:00Z") }, now)).toBe(true);
    expect(isLive({ startsAt: new Date("2026-12-08T04:00:00Z"), endsAt: new Date("2026-12-08T05:00:00Z") }, now)).toBe(false);
    expect(reminderWindow(now).to.toISOString()).toBe("2026-12-09T03:00:00.000Z");
  });
});

describe("ics", () => {
  const input = {
    uid: "event-0190a1b2-0000-7000-8000-000000000001@ponte",
    title: "Feira de eletrodomésticos · Hengqin",
    description: "Sala A (Asia/Shanghai)\n\nhttps://ponte.test/pt/showrooms/x/events/1",
    startsAt: new Date("2026-12-08T02:00:00Z"),
    endsAt: new Date("2026-12-08T04:30:00Z"),
    url: "https://ponte.test/pt/showrooms/x/events/1",
    location: "Rua 1, Zhuhai",
    cancelled: false,
    sequence: 3,
  };

  it("writes one VEVENT in UTC with uid, sequence, status and url", () => {
    const ics = eventIcs(input);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("DTSTART:20261208T020000Z");
    expect(ics).toContain("DTEND:20261208T043000Z");
    expect(ics).toContain(`UID:${input.uid}`);
    expect(ics).toContain("SEQUENCE:3");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).toContain("LOCATION:Rua 1\\, Zhuhai");
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("SUMMARY:Feira de eletrodomésticos · Hengqin");
  });

  it("marks a cancelled event and leaves out an unknown location", () => {
    const ics = eventIcs({ ...input, cancelled: true, location: null });
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).not.toContain("LOCATION:");
  });

  it("names the file safely", () => {
    expect(icsFileName("registration", "0190a1b2-../x")).toBe("ponte-registration-0190a1b2-x.ics");
  });
});
