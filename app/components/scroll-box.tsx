import type { ReactNode } from "react";

/**
 * A box that scrolls sideways (a wide table on a phone) so the page itself never does (WCAG 1.4.10). It is a named
 * group in the Tab order, so a keyboard user can reach it and scroll it with the arrow keys (WCAG 2.1.1), and a
 * screen reader says what it holds (a group, not a region: the section around it is already the landmark).
 */
export function ScrollBox({ labelledBy, label, className = "", children }: { labelledBy?: string; label?: string; className?: string; children: ReactNode }) {
  return (
    <div role="group" tabIndex={0} aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
