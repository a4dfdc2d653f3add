import { callRoute, routePath, type, type RouteInput, type RouteResponse } from './route';
import type { ServiceCaller, ServiceRequest } from './service-caller';
import type { RouteTable, ServiceDescriptor } from './service-descriptor';

interface Shelf {
  id: string;
  books: number;
}

const ROUTES = {
  listShelves: {
    method: 'GET',
    path: '/shelves',
    access: 'public',
    query: type<{ q?: string }>(),
    response: type<Shelf[]>(),
  },
  getBook: {
    method: 'GET',
    path: '/shelves/:shelf/books/:bookId',
    access: 'public',
    response: type<{ title: string }>(),
  },
  moveShelf: {
    method: 'PATCH',
    path: '/shelves/:shelf',
    access: 'internal',
    callers: ['librarian'],
    body: type<{ room: string }>(),
    response: type<Shelf>(),
  },
  ping: { method: 'POST', path: '/ping', access: 'internal', status: 200 },
} as const satisfies RouteTable;

const SERVICE: ServiceDescriptor = {
  name: 'library',
  accessibility: 'hybrid',
  defaultPort: 3999,
  routes: Object.values(ROUTES),
};

/** A caller that records what it is asked and answers `answer`. */
function recordingCaller(answer: unknown = {}) {
  const requests: ServiceRequest[] = [];
  const caller: ServiceCaller = {
    call: async <T>(target: ServiceDescriptor, request: ServiceRequest) => {
      expect(target).toBe(SERVICE);
      requests.push(request);
      return answer as T;
    },
  };
  return { caller, requests };
}

describe('callRoute', () => {
  it('takes method and path from the declaration and fills the path parameters, URL-encoded', async () => {
    const { caller, requests } = recordingCaller({ title: 'Dune' });
    const book = await callRoute(caller, SERVICE, ROUTES.getBook, { params: { shelf: 'a b/c', bookId: 7 } });
    expect(book.title).toBe('Dune');
    expect(requests).toEqual([{ method: 'GET', path: '/shelves/a%20b%2Fc/books/7' }]);
  });

  it('passes the body, query, headers and timeout it is given, and nothing it is not', async () => {
    const { caller, requests } = recordingCaller();
    await callRoute(caller, SERVICE, ROUTES.moveShelf, {
      params: { shelf: 's1' },
      body: { room: 'attic' },
      headers: { 'idempotency-key': 'k-12345678' },
      timeoutMs: 900,
    });
    await callRoute(caller, SERVICE, ROUTES.listShelves, { query: { q: 'sci-fi' } });
    await callRoute(caller, SERVICE, ROUTES.ping);
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/shelves/s1',
        body: { room: 'attic' },
        headers: { 'idempotency-key': 'k-12345678' },
        timeoutMs: 900,
      },
      { method: 'GET', path: '/shelves', query: { q: 'sci-fi' } },
      { method: 'POST', path: '/ping' },
    ]);
  });

  it('refuses a missing path parameter at run time as well as at compile time', async () => {
    const { caller } = recordingCaller();
    // @ts-expect-error: bookId is required by the path
    await expect(callRoute(caller, SERVICE, ROUTES.getBook, { params: { shelf: 's1' } })).rejects.toThrow(
      'missing value for ":bookId"',
    );
  });

  it('types input and answer by the declaration', () => {
    const moves: RouteInput<typeof ROUTES.moveShelf> = { params: { shelf: 's' }, body: { room: 'r' } };
    const shelves: RouteResponse<typeof ROUTES.listShelves> = [{ id: 's', books: 1 }];
    // @ts-expect-error: the body is declared, so it is required
    const noBody: RouteInput<typeof ROUTES.moveShelf> = { params: { shelf: 's' } };
    // @ts-expect-error: a route without a response answers nothing a caller may use
    const pong: RouteResponse<typeof ROUTES.ping> = { ok: true };
    expect([moves, shelves, noBody, pong]).toHaveLength(4);
  });
});

describe('routePath', () => {
  it('fills placeholders and leaves a path without them as declared', () => {
    expect(routePath(ROUTES.moveShelf, { shelf: 'north wing' })).toBe('/shelves/north%20wing');
    expect(routePath(ROUTES.listShelves)).toBe('/shelves');
  });
});
