import type { Event, IpcMainInvokeEvent, Session, WebContents } from 'electron';

/** The only origin the app's pages come from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'offramp';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The Content Security Policy of every page. No inline script or style, no eval, no
 * network: the renderer talks to the backend only through the preload's invoke.
 * renderer/index.html carries the same policy as a meta tag (a test keeps them equal),
 * less frame-ancestors, which browsers ignore in a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** Chromium features that would reach out to the network on their own. */
export const OFFLINE_SWITCHES: readonly (readonly [string, string?])[] = [
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-sync'],
  ['no-pings'],
  ['disable-features', 'AutofillServerCommunication,CertificateTransparencyComponentUpdater,MediaRouter,OptimizationHints,Translate'],
];

/** Whether a URL belongs to the app itself (the only thing a page may load). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The network kill switch: every request that is not for app:// is cancelled, and
 * every permission (camera, notifications, geolocation, …) is refused.
 */
export function hardenSession(session: Session, log: (line: string) => void): void {
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAppUrl(details.url);
    if (!allowed) log(`offramp: blocked a request to ${new URL(details.url).protocol} (the app is offline by design)`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** Navigation, new windows and webviews are denied for every web contents. */
export function hardenWebContents(contents: WebContents): void {
  const deny = (event: Event) => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * IPC is accepted only from the main frame of our own window showing an app://
 * page. Anything else (a subframe, another window, a foreign origin) is refused.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, trusted: () => WebContents | null): boolean {
  const contents = trusted();
  if (contents === null || event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
