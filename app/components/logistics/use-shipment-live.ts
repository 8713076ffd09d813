import { useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { SHIPMENT_LIVE_EVENT, type ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import type { PlaceView, TimelineEventView } from "~/modules/logistics/shipment-presenter.server";
import { compareEvents } from "~/modules/logistics/shipment-state";

const asStateEvent = (e: TimelineEventView) => ({ id: e.id, milestone: e.milestone, occurredAt: new Date(e.occurredAt) });

export interface LiveSummary {
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: string | null;
  estimatedArrivalAt: string;
  late: boolean;
}

export interface LiveShipment<E extends TimelineEventView> extends LiveSummary {
  /** Oldest first: the loader's events and the ones pushed since, each once. */
  events: (E | TimelineEventView)[];
  /** Ids of events that arrived while the page was open (highlighted). */
  fresh: ReadonlySet<string>;
  /** The latest pushed event, for the page's live region. */
  lastPushed: TimelineEventView | null;
  connected: boolean;
  /** The page's data is being fetched again (after a push or a reconnection). */
  refreshing: boolean;
}

/**
 * The live side of the shipment page: joins the shipment's socket.io room (the server checks the viewer may see the
 * shipment, as the page did) and, on each pushed tracking event, adds it to the timeline and takes the status, the
 * open exception, the ETA and the late flag from it — in place, without a navigation. The loader's data is then
 * refreshed quietly for what the push does not carry (the legs' actual times); a reconnection refreshes too, since
 * events may have come while the socket was away.
 */
export function useShipmentLive<E extends TimelineEventView>(
  shipmentId: string,
  initial: LiveSummary & { events: E[] },
  placeOf: (locode: string | null, name: string | null) => PlaceView | null,
): LiveShipment<E> {
  const revalidator = useRevalidator();
  const [connected, setConnected] = useState(false);
  const [pushed, setPushed] = useState<{ summary: LiveSummary; event: TimelineEventView }[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const placeRef = useRef(placeOf);
  placeRef.current = placeOf;
  const refreshing = revalidator.state === "loading";
  const revalidatorRef = useRef(revalidator);
  revalidatorRef.current = revalidator;

  useEffect(() => {
    // Another shipment on the same route: what was pushed for the previous one is not this one's.
    setPushed([]);
    setFresh(new Set());
    const socket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    let joinedOnce = false;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect", () => {
      socket.emit("shipment:join", shipmentId, (answer: { ok: boolean }) => {
        setConnected(Boolean(answer?.ok));
        // Back after a drop: what happened meanwhile is in the database, not in any push.
        if (answer?.ok && joinedOnce) revalidatorRef.current.revalidate();
        if (answer?.ok) joinedOnce = true;
      });
    });
    socket.on("disconnect", () => setConnected(false));
    const onEvent = (payload: ShipmentLivePayload) => {
      if (payload?.shipmentId !== shipmentId) return;
      const e = payload.event;
      const event: TimelineEventView = {
        id: e.id,
        milestone: e.milestone,
        occurredAt: e.occurredAt,
        utcOffsetMinutes: e.utcOffsetMinutes,
        place: placeRef.current(e.locode, e.placeName),
        legSequence: e.legSequence,
      };
      const summary: LiveSummary = {
        status: payload.status,
        exception: payload.exception,
        exceptionAt: payload.exception && payload.exception === e.milestone ? e.occurredAt : null,
        estimatedArrivalAt: payload.estimatedArrivalAt,
        late: payload.late,
      };
      setPushed((list) => (list.some((p) => p.event.id === e.id) ? list : [...list, { summary, event }]));
      setFresh((ids) => new Set([...ids, e.id]));
      // A burst of events is one refresh.
      clearTimeout(refresh);
      refresh = setTimeout(() => revalidatorRef.current.revalidate(), 800);
    };
    socket.on(SHIPMENT_LIVE_EVENT, onEvent);
    return () => {
      clearTimeout(refresh);
      socket.off(SHIPMENT_LIVE_EVENT, onEvent);
      socket.emit("shipment:leave", shipmentId);
      socket.disconnect();
    };
  }, [shipmentId]);

  return useMemo(() => {
    const known = new Set(initial.events.map((e) => e.id));
    const added = pushed.filter((p) => !known.has(p.event.id));
    const events = [...initial.events, ...added.map((p) => p.event)].sort((a, b) => compareEvents(asStateEvent(a), asStateEvent(b)));
    // The latest push describes the shipment as the server saw it after that event; until the loader has caught up
    // with it (its data then includes the event), it is the fresher of the two.
    const latest = added.at(-1);
    const summary: LiveSummary = latest
      ? { ...latest.summary, exceptionAt: latest.summary.exception ? (latest.summary.exceptionAt ?? (initial.exception === latest.summary.exception ? initial.exceptionAt : null)) : null }
      : { status: initial.status, exception: initial.exception, exceptionAt: initial.exceptionAt, estimatedArrivalAt: initial.estimatedArrivalAt, late: initial.late };
    return { ...summary, events, fresh, lastPushed: pushed.at(-1)?.event ?? null, connected, refreshing };
  }, [initial, pushed, fresh, connected, refreshing]);
}
