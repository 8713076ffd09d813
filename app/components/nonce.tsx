import { createContext, useContext } from "react";

// The CSP nonce exists only on the server render; the browser never needs it after hydration.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
