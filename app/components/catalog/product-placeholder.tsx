/** The neutral picture of a product that has no image yet (drawn by the stylesheet: tailwind.css). */
export function ProductPlaceholder({ className = "" }: { className?: string }) {
  return <div className={className ? `product-placeholder ${className}` : "product-placeholder"} />;
}
