import type { NormalizedOptions } from './normalize-options';

export interface SampleRoute {
  /** The route's name in the contracts' route table, and the typed client's method: `createItem`. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  access: 'public' | 'internal';
  /** Internal routes: the services allowed to call them (the route table's `callers`). */
  callers?: string[];
  /** Compile-time types of the declaration (`type<…>()`), named as in the contracts' DTOs. */
  body?: string;
  query?: string;
  response?: string;
}

/** Who a generated internal route lets in until its team names the real callers: the gateway's BFF. */
export const DEFAULT_INTERNAL_CALLERS = ['gateway'];

/**
 * The sample endpoints a new service starts with: one per chosen adapter (and the activity feed fed by events, with
 * messaging), so every adapter is shown working. Without an adapter a service starts with no route: the first is yours.
 * Public services expose reads only: a write anyone on the internet may call (create items, overwrite files) is no
 * sample to copy — writes need a signed-in user (as the gateway's checkout does) or belong to a hybrid or internal
 * service. Internal services expose nothing; hybrid services expose reads and keep writes internal.
 */
export function sampleRoutes(options: NormalizedOptions): SampleRoute[] {
  const routes: Omit<SampleRoute, 'access'>[] = [];
  if (options.database) {
    routes.push(
      { name: 'createItem', method: 'POST', path: '/items', body: 'CreateItemDto', response: 'ItemDto' },
      { name: 'listItems', method: 'GET', path: '/items', query: 'ListItemsQueryDto', response: 'ItemPageDto' },
      { name: 'getItem', method: 'GET', path: '/items/:id', response: 'ItemDto' },
    );
  }
  if (options.messaging) {
    routes.push({ name: 'listActivity', method: 'GET', path: '/activity', response: 'ActivityEntryDto[]' });
  }
  if (options.fileStorage) {
    // Bytes in and out (raw bodies, ranges): no JSON types to declare.
    routes.push(
      { name: 'putFile', method: 'PUT', path: '/files/:key' },
      { name: 'getFile', method: 'GET', path: '/files/:key' },
    );
  }
  if (options.cache) routes.push({ name: 'getSummary', method: 'GET', path: '/summary', response: 'SummaryDto' });

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
      return route.method === 'GET' ? 'public' : 'internal';
  }
}

/** The typed client's method for a route: its parameters (path placeholders, body, query) and the callRoute input. */
export interface ClientMethod {
  name: string;
  parameters: string;
  input: string;
}

/** Every JSON route gets a client method; file routes carry bytes, which a service reads through its own storage. */
export function clientMethods(routes: SampleRoute[]): ClientMethod[] {
  return routes
    .filter((route) => !route.path.startsWith('/files/'))
    .map((route) => {
      const params = (route.path.match(/:\w+/g) ?? []).map((param) => param.slice(1));
      const parameters = [
        ...params.map((param) => `${param}: string`),
        ...(route.body ? [`body: ${route.body}`] : []),
        ...(route.query ? [`query: ${route.query} = {}`] : []),
      ];
      const input = [
        ...(params.length ? [`params: { ${params.join(', ')} }`] : []),
        ...(route.body ? ['body'] : []),
        ...(route.query ? ['query'] : []),
      ];
      return {
        name: route.name,
        parameters: parameters.join(', '),
        input: input.length ? `, { ${input.join(', ')} }` : '',
      };
    });
}
