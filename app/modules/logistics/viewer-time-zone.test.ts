import { describe, expect, it } from "vitest";
import { isTimeZone, placeClock, timeZoneCookiePaths, timeZoneFromCookieHeader, utcOffsetLabel, zoneOffsetMinutes } from "./viewer-time-zone";

describe("the tracking pages' time zone", () => {
  it("accepts real IANA zones only", () => {
    expect(isTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("Europe/Lisbon; Path=/")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it("reads the remembered zone from the Cookie header, ignoring a forged one", () => {
    expect(timeZoneFromCookieHeader("a=1; ponte_tz=America%2FSao_Paulo; b=2")).toBe("America/Sao_Paulo");
    expect(timeZoneFromCookieHeader("ponte_tz=Asia/Shanghai")).toBe("Asia/Shanghai");
    expect(timeZoneFromCookieHeader("ponte_tz=%3Cscript%3E")).toBeNull();
    expect(timeZoneFromCookieHeader("ponte_tz=%E0%A4%A")).toBeNull();
    expect(timeZoneFromCookieHeader(null)).toBeNull();
  });

  it("is sent to the tracking pages only, in every language", () => {
    expect(timeZoneCookiePaths()).toEqual(["/pt/shipments", "/pt/track", "/es/shipments", "/es/track", "/zh/shipments", "/zh/track", "/en/shipments", "/en/track"]);
  });

  it("writes a place's clock from the offset the carrier reported", () => {
    expect(placeClock("2026-12-05T13:00:00Z", -180, "en")).toBe("10:00 AM UTC\u22123");
    expect(placeClock("2026-12-05T13:00:00Z", 480, "zh-CN")).toBe("21:00 UTC+8");
    expect(utcOffsetLabel(330)).toBe("UTC+5:30");
    expect(utcOffsetLabel(0)).toBe("UTC");
  });

  it("knows a zone's offset at a moment, summer time included", () => {
    expect(zoneOffsetMinutes("Asia/Shanghai", new Date("2026-12-05T13:00:00Z"))).toBe(480);
    expect(zoneOffsetMinutes("America/Sao_Paulo", new Date("2026-12-05T13:00:00Z"))).toBe(-180);
    expect(zoneOffsetMinutes("Europe/Lisbon", new Date("2026-07-01T12:00:00Z"))).toBe(60);
    expect(zoneOffsetMinutes("Europe/Lisbon", new Date("2026-12-01T12:00:00Z"))).toBe(0);
  });
});
