import type { NormalizedOptions } from './normalize-options';

export interface SampleRoute {
  /** Key used by the templates, e.g. `POST /items`. */
  key: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  access: 'public' | 'internal';
  /** Internal routes: the services allowed to call them (the route table's `callers`). */
  callers?: string[];
}

/** Who a generated internal route lets in until its team names the real callers: the gateway's BFF. */
export const DEFAULT_INTERNAL_CALLERS = ['gateway'];

/**
 * The sample endpoints a new service starts with: one per chosen adapter (and the activity feed fed by events, with
 * messaging), so every adapter is shown working.
 * Public services expose reads only: a write anyone on the internet may call (create items, overwrite files) is no
 * sample to copy — writes need a signed-in user (as the gateway's checkout does) or belong to a hybrid or internal
 * service. Internal services expose nothing; hybrid services expose reads and keep writes internal (plus an internal
 * runtime endpoint, so both sides always exist).
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

  return routes
    .filter((route) => !(options.accessibility === 'public' && route.method !== 'GET'))
    .map((route) => {
      const access = accessOf(options, route);
      return access === 'internal' ? { ...route, access, callers: DEFAULT_INTERNAL_CALLERS } : { ...route, access };
    });
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
