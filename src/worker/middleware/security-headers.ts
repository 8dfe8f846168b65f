import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every answer, by Hono's secureHeaders: no MIME
 * sniffing, no referrer leaks beyond the origin, and a Content Security
 * Policy without inline scripts or styles (the page loads its script and
 * stylesheet from the Worker's own origin). A header an answer already has
 * is kept (`overwrite: false`).
 *
 * Hono's other defaults are off, each for a reason: Cross-Origin-Resource-
 * Policy `same-origin` would stop other sites from loading the embeddable
 * box's stylesheet (a `<link>` is fetched without CORS); Strict-Transport-
 * Security with `includeSubDomains` is the site owner's decision for their
 * whole domain, not this Worker's; the rest (frame, opener, XSS-filter and
 * download headers) say nothing the CSP's `frame-ancestors` and `default-src`
 * do not already say to the browsers that matter.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'self'"],
  },
  xContentTypeOptions: true,
  referrerPolicy: 'strict-origin-when-cross-origin',
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  overwrite: false,
});
