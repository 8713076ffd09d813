import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef6ff",
          100: "#d9eaff",
          500: "#1d6fd8",
          600: "#165bb5",
          700: "#134a91",
          800: "#113d78",
          900: "#0e2a52",
        },
        // White text needs 600 or darker (4.6:1; 500 is 3.4:1).
        accent: { 500: "#e0672b", 600: "#c4531c", 700: "#a94615" },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
