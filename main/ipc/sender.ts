/**
 * Is `senderUrl` the app's own page? The app page is either the built renderer (file://…/index.html)
 * or, in development only, the electron-vite dev server URL. Compared by origin + path, never by
 * prefix, so `file:///app/index.html.evil` or `http://127.0.0.1:5173.evil.com` do not pass.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (sender.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return sender.pathname === app.pathname && sender.host === '';
  return sender.origin === app.origin;
}
