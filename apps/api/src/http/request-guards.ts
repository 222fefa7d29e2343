import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorBody, ErrorCode, HTTP_STATUS_BY_CODE } from '@koers/core';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isApi = (request: Request) => request.path === '/api' || request.path.startsWith('/api/');

/** API answers, exports and PDFs hold working data: no browser or proxy keeps a copy. */
export function noStore(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (isApi(request)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * Cross-site request forgery: a change must come from our own origin. Browsers send `Sec-Fetch-Site`
 * (anything but same-origin, such as a form on another port of the same host, which is "same-site", is
 * refused) and `Origin` (must be this server's own origin, the one the request is addressed to, or one of
 * KOERS_ALLOWED_ORIGINS). Programs that send neither (scripts, the tests) carry no one's cookie and pass.
 */
export function sameOriginChanges(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request: Request, response: Response, next: NextFunction) => {
    if (!CHANGES.has(request.method) || !isApi(request)) return next();
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && !allowed.has(origin) && hostOf(origin) !== request.headers.host;
    if (!foreignSite && !foreignOrigin) return next();
    refuse(response, ErrorCode.Forbidden, 'Deze wijziging komt niet van Koers zelf en is geweigerd.');
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Changes are JSON only: a form post (urlencoded, multipart, text/plain), which a page on another site can
 * send without asking, is refused with 415 before anything reads it. A change without a body passes.
 */
export function jsonOnlyChanges(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!CHANGES.has(request.method) || !isApi(request)) return next();
    const type = request.headers['content-type'];
    const hasBody =
      type !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || isJson(type) || (isFileUpload(request) && isMultipart(type))) return next();
    if (isCsvImport(request) && isCsv(type)) return next();
    refuse(response, ErrorCode.UnsupportedMediaType, 'Stuur wijzigingen als JSON (Content-Type: application/json).');
  };
}

/**
 * Uploads of attachments (docs/files.md) are the one kind of change sent as multipart/form-data; like every
 * change they pass sameOriginChanges first, so another site cannot post a file with someone's cookie.
 */
const FILE_UPLOAD =
  /^\/api\/(?:(?:workgroups|sessions|agenda-items|knowledge|actions|consultation-answers)\/[^/]+\/files|files\/[^/]+\/versions)\/?$/;

function isFileUpload(request: Request): boolean {
  return request.method === 'POST' && FILE_UPLOAD.test(request.path);
}

/**
 * The CSV imports in Beheer (docs/region-setup.md) take a `text/csv` body. A page on another site cannot send
 * that type without a CORS preflight, and like every change it passed sameOriginChanges first.
 */
const CSV_IMPORT = /^\/api\/imports\/[a-z-]+\/?$/;

function isCsvImport(request: Request): boolean {
  return request.method === 'POST' && CSV_IMPORT.test(request.path);
}

function isCsv(contentType: string | undefined): boolean {
  return (contentType?.split(';')[0].trim().toLowerCase() ?? '') === 'text/csv';
}

function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*;/i.test(contentType ?? '');
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

function refuse(response: Response, code: ErrorCode, message: string) {
  const body: ErrorBody = { error: { code, message } };
  response.status(HTTP_STATUS_BY_CODE[code]).json(body);
}
