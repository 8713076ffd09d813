import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { io } from "socket.io-client";

/**
 * Joins the organization's live room over socket.io (same session cookie as the page) and reloads the page's
 * data when something in the organization changes, e.g. a member accepted an invitation.
 */
export function useOrganizationLiveUpdates(organizationId: string) {
  const revalidator = useRevalidator();
  useEffect(() => {
    const socket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    socket.on("connect", () => socket.emit("organization:join", organizationId));
    const refresh = () => revalidator.revalidate();
    socket.on("organization:changed", refresh);
    return () => {
      socket.off("organization:changed", refresh);
      socket.disconnect();
    };
    // revalidator is a new object each render; reconnecting on each render would flood the server.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organizationId]);
}
