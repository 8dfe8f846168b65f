import type { MiddlewareHandler } from 'hono';

/**
 * Security headers on every answer: no MIME sniffing, no referrer leaks, and
 * a Content Security Policy without inline scripts or styles (the page loads
 * its script and stylesheet from the Worker's own origin).
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (!h.has('Content-Security-Policy')) {
    h.set(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
    );
  }
};
