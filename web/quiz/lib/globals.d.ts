// Parting Kit: globals our page scripts read that no library declares.

interface Window {
  /**
   * The offline bundle's Worker-like engine for file:// pages
   * (scripts/products/bundle_assets/offline-engine.js); absent on the hosted site.
   */
  PartingKitOfflineEngine?: (runtime: import("./types.js").RuntimeSettings) => Worker;
}
