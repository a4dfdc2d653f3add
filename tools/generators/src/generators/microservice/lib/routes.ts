import type { NormalizedOptions } from './normalize-options';

export interface SampleRoute {
  /** Key used by the templates, e.g. `POST /items`. */
  key: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  access: 'public' | 'internal';
}

/**
 * The sample endpoints a new service starts with: one per chosen adapter (and the activity feed fed by events, with
 * messaging), so every adapter is shown working.
 * Public services expose everything, internal services nothing; hybrid services expose reads and keep writes
 * internal (plus an internal runtime endpoint, so both sides always exist).
 */
export function sampleRoutes(options: NormalizedOptions): SampleRoute[] {
  const routes: Omit<SampleRoute, 'access'>[] = [{ key: 'GET /info', method: 'GET', path: '/info' }];
  if (options.accessibility === 'hybrid')
    routes.push({ key: 'GET /info/runtime', method: 'GET', path: '/info/runtime' });
  if (options.database) {
    routes.push(
      { key: 'POST /items', method: 'POST', path: '/items' },
      { key: 'GET /items', method: 'GET', path: '/items' },
      { key: 'GET /items/:id', method: 'GET', path: '/items/:id' },
    );
  }
  if (options.messaging) routes.push({ key: 'GET /activity', method: 'GET', path: '/activity' });
  if (options.fileStorage) {
    routes.push(
      { key: 'PUT /files/:key', method: 'PUT', path: '/files/:key' },
      { key: 'GET /files/:key', method: 'GET', path: '/files/:key' },
    );
  }
  if (options.cache) routes.push({ key: 'GET /summary', method: 'GET', path: '/summary' });

  return routes.map((route) => ({ ...route, access: accessOf(options, route) }));
}

function accessOf(options: NormalizedOptions, route: Omit<SampleRoute, 'access'>): 'public' | 'internal' {
  switch (options.accessibility) {
    case 'public':
      return 'public';
    case 'internal':
      return 'internal';
    case 'hybrid':
      return route.method === 'GET' && route.key !== 'GET /info/runtime' ? 'public' : 'internal';
  }
}
