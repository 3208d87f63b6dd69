import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { App } from "./app/App.tsx";
import "./app/i18n/i18n.ts";

// The server's Content-Security-Policy allows no eval: zod must not even probe for its compiled parsers
// (the probe is caught, but the browser reports it as a violation).
z.config({ jitless: true });

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
