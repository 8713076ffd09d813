import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { io, type Socket } from "socket.io-client";
import { LANG_NAMES, type Lang } from "~/modules/i18n/config";

const RFQ_TONE: Record<string, string> = {
  OPEN: "bg-amber-100 text-amber-900",
  QUOTED: "bg-sky-100 text-sky-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  DECLINED: "bg-red-100 text-red-900",
  CLOSED: "bg-slate-200 text-slate-800",
};

export function RfqStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${RFQ_TONE[status] ?? ""}`}>{t(`rfq.status.${status}`)}</span>;
}

const QUOTE_TONE: Record<string, string> = {
  OFFERED: "bg-sky-100 text-sky-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  DECLINED: "bg-red-100 text-red-900",
};

export function QuoteStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${QUOTE_TONE[status] ?? "bg-slate-200 text-slate-800"}`}>{t(`rfq.quoteStatus.${status}`)}</span>;
}

/** The language a message was written in, named in that language (中文, Português…), so either side can tell. */
export function LanguageBadge({ locale }: { locale: Lang }) {
  const { t } = useTranslation();
  return (
    <span className="badge border border-slate-300 bg-white text-slate-700" title={t("rfq.thread.writtenIn", { language: LANG_NAMES[locale] })} lang={locale}>
      {LANG_NAMES[locale]}
    </span>
  );
}

const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

/**
 * The live side of a thread page: joins the RFQ's room over socket.io (the page's session cookie; the server checks
 * the member belongs to one of the two organizations), reloads the page's data when the other side writes, offers,
 * decides or reads, and shows when the other side is typing. Without JavaScript the page is the same, by reloading.
 */
export function useRfqLive(rfqId: string, userId: string) {
  const revalidator = useRevalidator();
  const [connected, setConnected] = useState(false);
  const [typing, setTyping] = useState(false);
  const socketRef = useRef<Socket | null>(null);
  const lastSent = useRef(0);
  useEffect(() => {
    const socket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    socketRef.current = socket;
    let hide: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect", () => socket.emit("rfq:join", rfqId, (answer: { ok: boolean }) => setConnected(answer.ok)));
    socket.on("disconnect", () => setConnected(false));
    const refresh = (event: { rfqId?: string; type?: string }) => {
      if (event?.rfqId !== rfqId) return;
      // What was being typed has arrived.
      if (event.type === "message" || event.type === "offer") {
        clearTimeout(hide);
        setTyping(false);
      }
      revalidator.revalidate();
    };
    const onTyping = (event: { rfqId?: string; userId?: string }) => {
      if (event?.rfqId !== rfqId || event.userId === userId) return;
      setTyping(true);
      clearTimeout(hide);
      hide = setTimeout(() => setTyping(false), TYPING_SHOWN_MS);
    };
    socket.on("rfq:update", refresh);
    socket.on("rfq:typing", onTyping);
    return () => {
      clearTimeout(hide);
      socket.off("rfq:update", refresh);
      socket.off("rfq:typing", onTyping);
      socket.disconnect();
      socketRef.current = null;
    };
    // revalidator is a new object each render; reconnecting on each render would flood the server.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rfqId, userId]);

  /** Called on input in the message box: tells the other side, at most every two seconds. */
  const notifyTyping = () => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_SENT_EVERY_MS) return;
    lastSent.current = now;
    socketRef.current?.emit("rfq:typing", rfqId);
  };
  return { connected, typing, notifyTyping };
}
