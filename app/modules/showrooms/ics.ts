import { createEvent, type EventAttributes } from "ics";

/**
 * iCalendar files for showroom events (npm `ics`): times are written in UTC, so that every calendar shows them in its
 * owner's zone; the event's own zone is named in the description, where the operator's wording of it lives.
 */
export interface IcsEventInput {
  /** Stable per event (or per registration), so that a second download updates the first instead of duplicating it. */
  uid: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  url: string;
  location: string | null;
  cancelled: boolean;
  /** Bumped when the event changes (its updatedAt), so calendars take the new times. */
  sequence: number;
}

export class IcsError extends Error {}

export function eventIcs(input: IcsEventInput): string {
  const attributes: EventAttributes = {
    uid: input.uid,
    productId: "ponte/showrooms",
    title: input.title,
    description: input.description,
    start: input.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: input.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    url: input.url,
    ...(input.location ? { location: input.location } : {}),
    status: input.cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: input.sequence,
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new IcsError(error?.message ?? "ics: no value");
  return value;
}

/** A file name for the download: ASCII, no separators ("ponte-event-<id>.ics"). */
export function icsFileName(kind: "event" | "registration", id: string): string {
  return `ponte-${kind}-${id.replace(/[^A-Za-z0-9-]/g, "")}.ics`;
}
