import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import { SHIPMENT_LIVE_EVENT } from "~/modules/logistics/carrier-wire";

/** How long a burst of events is gathered into one reload of the list. */
const GATHER_MS = 600;

/**
 * Keeps a shipment list current: joins the rooms the list's viewer is entitled to (their organization's, the
 * agency's, their warehouses'; the server checks each join) and reloads the page's data when a tracking event
 * arrives, once per burst. Returns how many reloads it made (for a polite "updated" message).
 */
export function useShipmentListLive(rooms: { organizationId: string | null; agency: boolean; warehouseIds: string[] }): number {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [refreshes, setRefreshes] = useState(0);
  const key = `${rooms.organizationId ?? ""}|${rooms.agency}|${rooms.warehouseIds.join(",")}`;
  useEffect(() => {
    const socket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect", () => {
      if (rooms.organizationId) socket.emit("organization:join", rooms.organizationId);
      if (rooms.agency) socket.emit("agency:join");
      for (const id of rooms.warehouseIds) socket.emit("warehouse:join", id);
    });
    socket.on(SHIPMENT_LIVE_EVENT, () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        revalidate.current();
        setRefreshes((n) => n + 1);
      }, GATHER_MS);
    });
    return () => {
      if (timer) clearTimeout(timer);
      socket.disconnect();
    };
    // The rooms are described by `key`; the arrays are new objects on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return refreshes;
}
