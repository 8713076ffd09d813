import { describe, expect, it } from "vitest";
import { BoothFormSchema, EventFormSchema, openingHoursByDay, openingHoursFromForm, perLanguage, StorefrontFormSchema, wallDateTime, zonedInstant } from "./storefront-schemas";

const storefront = {
  slug: "hengqin-home-appliances",
  languages: ["pt", "zh"],
  name_pt: "Pavilhão de eletrodomésticos",
  addressLine1: "Huandao East Road 3000",
  city: "Zhuhai",
  countryCode: "cn",
  timeZone: "Asia/Shanghai",
  planWidth: "40",
  planHeight: "24",
  opens_1: "09:30",
  closes_1: "18:00",
};
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("StorefrontFormSchema", () => {
  it("accepts a storefront named in one of its languages", () => {
    const result = StorefrontFormSchema.safeParse(storefront);
    expect(result.success).toBe(true);
    expect(result.data?.countryCode).toBe("CN");
    expect(result.data?.languages).toEqual(["pt", "zh"]);
  });
  it("takes a single language as a list", () => {
    expect(StorefrontFormSchema.safeParse({ ...storefront, languages: "zh", name_zh: "家电馆" }).data?.languages).toEqual(["zh"]);
  });
  it("refuses a slug with capitals, spaces or a trailing dash, and says why", () => {
    for (const slug of ["Hall A", "hall-", "a", "hall_a"]) expect(issues(StorefrontFormSchema.safeParse({ ...storefront, slug: slug === "Hall A" ? slug : slug })).slug).toBe("showrooms.console.errors.slugShape");
  });
  it("needs a name in one of the storefront's languages (not another)", () => {
    expect(issues(StorefrontFormSchema.safeParse({ ...storefront, name_pt: "", name_es: "Pabellón" })).name_pt).toBe("showrooms.console.errors.nameRequired");
  });
  it("refuses an unknown time zone, no language, and closing before opening", () => {
    const result = issues(StorefrontFormSchema.safeParse({ ...storefront, timeZone: "Mars/Olympus", languages: [], closes_1: "08:00" }));
    expect(result.timeZone).toBe("showrooms.console.errors.timeZone");
    expect(result.languages).toBe("showrooms.console.errors.languages");
    expect(result.closes_1).toBe("showrooms.console.errors.closesBeforeOpens");
  });
});

describe("opening hours", () => {
  it("groups weekdays with the same hours and leaves closed days out", () => {
    const form = { opens_1: "09:30", closes_1: "18:00", opens_2: "09:30", closes_2: "18:00", opens_6: "10:00", closes_6: "16:00" };
    const rules = openingHoursFromForm(form);
    expect(rules).toEqual([
      { days: [1, 2], opens: "09:30", closes: "18:00" },
      { days: [6], opens: "10:00", closes: "16:00" },
    ]);
    expect(openingHoursByDay(rules)[2]).toEqual(rules[0]);
    expect(openingHoursByDay(rules)[7]).toBeNull();
  });
});

describe("BoothFormSchema", () => {
  it("prints codes in capitals and refuses other characters", () => {
    expect(BoothFormSchema.parse({ code: " a-12 ", x: "0", y: "0", width: "4", height: "4" }).code).toBe("A-12");
    expect(issues(BoothFormSchema.safeParse({ code: "A 12/", x: "0", y: "0", width: "4", height: "4" })).code).toBe("showrooms.console.errors.boothCode");
    expect(issues(BoothFormSchema.safeParse({ code: "A", x: "-1", y: "0", width: "0", height: "4" }))).toMatchObject({ x: "showrooms.console.errors.number", width: "showrooms.console.errors.number" });
  });
});

describe("EventFormSchema", () => {
  const event = { kind: "LIVESTREAM", title_es: "En vivo", date: "2026-12-20", startTime: "20:00", endTime: "21:00", timeZone: "Asia/Shanghai", language: "es", capacity: "200", link: "https://live.example/x" };
  it("accepts a livestream with an https link", () => {
    expect(EventFormSchema.safeParse(event).success).toBe(true);
  });
  it("refuses an http link, a livestream without link and an end before the start", () => {
    expect(issues(EventFormSchema.safeParse({ ...event, link: "http://live.example/x" })).link).toBe("showrooms.console.errors.link");
    expect(issues(EventFormSchema.safeParse({ ...event, link: "" })).link).toBe("showrooms.console.errors.linkRequired");
    expect(issues(EventFormSchema.safeParse({ ...event, endTime: "19:00" })).endTime).toBe("showrooms.console.errors.closesBeforeOpens");
  });
});

describe("zoned times", () => {
  it("reads a wall-clock time in the chosen zone", () => {
    expect(zonedInstant("2026-12-20", "20:00", "Asia/Shanghai").toISOString()).toBe("2026-12-20T12:00:00.000Z");
    expect(zonedInstant("2026-12-20", "09:00", "America/Sao_Paulo").toISOString()).toBe("2026-12-20T12:00:00.000Z");
    // New York in July is on daylight saving time (UTC-4).
    expect(zonedInstant("2026-07-01", "08:00", "America/New_York").toISOString()).toBe("2026-07-01T12:00:00.000Z");
  });
  it("gives the form back the same wall-clock time", () => {
    expect(wallDateTime(new Date("2026-12-20T12:00:00Z"), "Asia/Shanghai")).toEqual({ date: "2026-12-20", time: "20:00" });
  });
  it("gathers per-language fields", () => {
    expect(perLanguage({ name_pt: " Olá ", name_zh: "", name_en: "Hi" }, "name")).toEqual({ pt: "Olá", en: "Hi" });
  });
});
