/**
 * The Content Security Policy of the renderer, one string for both shells: Vite writes it into
 * index.html as a meta tag (what Electron enforces) and the web server also sends it as a header.
 * - no 'unsafe-eval' and no inline scripts;
 * - 'unsafe-inline' styles only because Monaco and React set element styles at run time;
 * - workers from our own origin (Monaco's language workers), or blob: for Monaco's fallback;
 * - connections only to our own origin, which in web mode is the contract's WebSocket.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
