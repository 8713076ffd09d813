/** The neutral picture of a product that has no image yet. */
export function ProductPlaceholder({ className = "" }: { className?: string }) {
  return (
    <div className={`grid h-full w-full place-items-center bg-slate-100 text-slate-400 ${className}`} data-testid="product-placeholder">
      <svg aria-hidden viewBox="0 0 64 64" className="h-1/3 w-1/3" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round">
        <path d="M32 6 56 18v28L32 58 8 46V18z" />
        <path d="M8 18l24 12 24-12M32 30v28" />
        <path d="M20 12l24 12" strokeDasharray="3 3" />
      </svg>
    </div>
  );
}
