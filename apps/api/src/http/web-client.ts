import { firstScreen, PUBLIC_WEB_PATHS } from '@koers/contracts';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@koers/identity';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import * as fs from 'node:fs';
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

  const preloads = firstScreenPreloads(webDistDir);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    if (isNavigation(request)) {
      const link = preloads(request);
      if (link) response.setHeader('Link', link);
      request.url = '/index.html';
    }
    serveFile(request, response, (error?: unknown) => {
      // Not served after all (a dotfile, a file deleted since start-up): the 404 must not claim an encoding.
      if (!response.headersSent)
        for (const header of ['Content-Encoding', 'Content-Type', 'Link']) response.removeHeader(header);
      next(error);
    });
  });
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/**
 * The `Link` header of a first screen (FIRST_SCREENS in libs/contracts): its chunks and their static imports
 * as modulepreloads and stylesheets as preloads (crossorigin, as Vite's loader asks for them), from Vite's build manifest, and, when the request carries a
 * session cookie, `/api/me` and the screen's data as fetch preloads. The browser starts them with the page,
 * in parallel with the main chunk, instead of after it; the client's requests take the answers over.
 * Without a manifest (an older build) there is no header.
 */
function firstScreenPreloads(webDistDir: string): (request: Request) => string | null {
  let manifest: Record<string, ManifestChunk>;
  let indexHtml: string;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(webDistDir, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    indexHtml = fs.readFileSync(path.join(webDistDir, 'index.html'), 'utf8');
  } catch {
    return () => null;
  }
  const modulesLinks = new Map<string, string[]>();
  const linksOf = (modules: string[]) => {
    const key = modules.join(',');
    let links = modulesLinks.get(key);
    if (!links) {
      const scripts = new Set<string>();
      const styles = new Set<string>();
      const visit = (name: string) => {
        const chunk = manifest[name];
        if (!chunk || scripts.has(chunk.file)) return;
        scripts.add(chunk.file);
        for (const css of chunk.css ?? []) styles.add(css);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      modules.forEach(visit);
      // What index.html loads itself needs no second mention.
      const loaded = (file: string) => indexHtml.includes(`/${file}"`);
      links = [
        ...[...scripts].filter((file) => !loaded(file)).map((file) => `</${file}>; rel=modulepreload`),
        ...[...styles].filter((file) => !loaded(file)).map((file) => `</${file}>; rel=preload; as=style; crossorigin`),
      ];
      modulesLinks.set(key, links);
    }
    return links;
  };
  return (request) => {
    if (PUBLIC_WEB_PATHS.includes(request.path)) return null;
    const screen = firstScreen(request.path);
    const loggedIn = Boolean(request.cookies?.[ACCESS_COOKIE] || request.cookies?.[REFRESH_COOKIE]);
    const links = [
      ...(screen ? linksOf(screen.modules) : []),
      ...(loggedIn ? ['/me', ...(screen?.data ?? [])] : []).map(
        (route) => `</api${route}>; rel=preload; as=fetch; crossorigin`,
      ),
    ];
    return links.length > 0 ? links.join(', ') : null;
  };
}

function isApiPath(urlPath: string) {
  return urlPath === '/api' || urlPath.startsWith('/api/');
}

/** Client-side routes have no file extension; anything with one is a file that exists or a 404. */
function isNavigation(request: Request) {
  const lastSegment = request.path.slice(request.path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.') && !request.path.startsWith('/assets/') && Boolean(request.accepts('html'));
}
