/**
 * Where a dialog's photo would be loaded from, and whether loading it needs the person's consent.
 * Loading an image from another site tells that site the moderator's IP address and when they
 * looked, so only the desk's own hosts and QuickBlox's are loaded without asking.
 */
export type PhotoSource =
  | { kind: 'none' }
  /** A QuickBlox content file ID: nothing to load from a link. */
  | { kind: 'file-id', id: string }
  /** Loaded at once: an inline `data:` image, the desk's own site, the API's host or QuickBlox's. */
  | { kind: 'own', url: string }
  /** Another site: shown only after the person asks. */
  | { kind: 'external', url: string, host: string }
  | { kind: 'invalid' }

/** Hosts of QuickBlox itself (api.quickblox.com, enterprise api<name>.quickblox.com) and its content bucket. */
const QUICKBLOX_HOSTS = [/(^|\.)quickblox\.com$/i, /^qbprod\.s3\.amazonaws\.com$/i]

function isOwnHost(host: string, ownHosts: readonly string[]): boolean {
  const h = host.toLowerCase()
  return ownHosts.some(own => own.toLowerCase() === h) || QUICKBLOX_HOSTS.some(re => re.test(h))
}

/**
 * Classifies a photo value. `ownHosts` are the hosts (with port) the desk itself talks to: its own
 * origin and the API's; anything else is external.
 */
export function photoSource(value: string | null | undefined, ownHosts: readonly string[]): PhotoSource {
  const v = (value ?? '').trim()
  if (!v)
    return { kind: 'none' }
  if (/^\d+$/.test(v))
    return { kind: 'file-id', id: v }
  if (/^data:image\//i.test(v))
    return { kind: 'own', url: v }
  let url: URL
  try {
    url = new URL(v)
  }
  catch {
    return { kind: 'invalid' }
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
    return { kind: 'invalid' }
  return isOwnHost(url.host, ownHosts) || isOwnHost(url.hostname, ownHosts)
    ? { kind: 'own', url: url.href }
    : { kind: 'external', url: url.href, host: url.host }
}

/** The desk's own hosts: the page's and the API base's (relative bases are the page's own). */
export function ownPhotoHosts(pageHref: string, apiBase: string): string[] {
  const page = new URL(pageHref)
  const hosts = [page.host]
  try {
    hosts.push(new URL(apiBase, page).host)
  }
  catch {
    // An unreadable base adds nothing.
  }
  return [...new Set(hosts)]
}
