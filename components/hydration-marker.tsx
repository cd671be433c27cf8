"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it, so browser tests (and anything else that drives the page)
 * act on live forms rather than on server HTML whose handlers are not attached yet.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
