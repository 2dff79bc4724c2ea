export const CANDIDATES_PATH = '/api/v1/candidates';
export const CANDIDATE_PATH = '/api/v1/candidates/:id';
/** Every test-only endpoint lives under this prefix: never faulted, delayed or counted. */
export const CONTROL_PREFIX = '/_test/';

/** The contract's four endpoints, as faults target them and stats count them. */
export const API_ROUTE_KINDS = ['list', 'detail', 'post', 'put'] as const;
export type ApiRouteKind = (typeof API_ROUTE_KINDS)[number];
export type RouteKind = ApiRouteKind | 'other';

/** Which contract endpoint a request was routed to; `routeUrl` is the route's pattern, undefined for no route. */
export function routeKindOf(method: string, routeUrl: string | undefined): RouteKind {
  if (routeUrl === CANDIDATES_PATH) return method === 'GET' ? 'list' : method === 'POST' ? 'post' : 'other';
  if (routeUrl === CANDIDATE_PATH) return method === 'GET' ? 'detail' : method === 'PUT' ? 'put' : 'other';
  return 'other';
}

export function isControlPath(url: string): boolean {
  return url.startsWith(CONTROL_PREFIX);
}
