import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

/** Hashed build output: the name changes with the content, so a browser may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets: the browser asks every time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';
/** Unhashed files from apps/web/public (the favicon). */
const SHORT = 'public, max-age=3600';

/**
 * The built React client at `/`. The build leaves a brotli (`.br`) and a gzip (`.gz`) copy beside every
 * text file (apps/web/vite.config.ts); the copy the browser accepts is sent with `Content-Encoding` and
 * `Vary: Accept-Encoding`. A navigation route (a GET that accepts HTML, without a file extension) gets
 * index.html; a missing file, such as an old hashed asset, falls through to the API's 404.
 */
export function serveWebClient(app: NestExpressApplication, webDistDir: string) {
  const assetsDir = path.join(webDistDir, 'assets') + path.sep;
  const serveFile = expressStaticGzip(webDistDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders(response: ServerResponse, file: string) {
        const cacheControl = file.startsWith(assetsDir)
          ? IMMUTABLE
          : path.basename(file).startsWith('index.html')
            ? REVALIDATE
            : SHORT;
        response.setHeader('Cache-Control', cacheControl);
      },
    },
  });

  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    if (isNavigation(request)) request.url = '/index.html';
    serveFile(request, response, (error?: unknown) => {
      // Not served after all (a dotfile, a file deleted since start-up): the 404 must not claim an encoding.
      if (!response.headersSent)
        for (const header of ['Content-Encoding', 'Content-Type']) response.removeHeader(header);
      next(error);
    });
  });
}

function isApiPath(urlPath: string) {
  return urlPath === '/api' || urlPath.startsWith('/api/');
}

/** Client-side routes have no file extension; anything with one is a file that exists or a 404. */
function isNavigation(request: Request) {
  const lastSegment = request.path.slice(request.path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.') && !request.path.startsWith('/assets/') && Boolean(request.accepts('html'));
}
