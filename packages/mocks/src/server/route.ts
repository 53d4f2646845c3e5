import type { IncomingHttpHeaders } from 'node:http';
import type { ResponsePlan, ServeOptions } from '../plan-response.ts';
import type { Random } from '../prng.ts';
import type { MockScenario } from '../scenario-types.ts';

/** An error response ready to send: status, headers and body text. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request as a route sees it, its body read (up to the size limit). */
export interface RouteRequest {
  headers: IncomingHttpHeaders;
  /** The body text, or undefined when it is over the size limit (then it is not read to its end). */
  text: string | undefined;
  /** The parsed body, or undefined when it is not JSON. */
  json: { value: unknown } | undefined;
  /** The server's `apiKey` option. */
  apiKey: string | undefined;
  /** Draws the ids of refusals. */
  random: Random;
}

/**
 * What a route makes of a request: a refusal, or the body a scenario is picked for (and logged) and
 * how to plan the answer to it.
 */
export type RouteAnswer =
  | { refusal: ErrorAnswer }
  | { body: unknown; plan(scenario: MockScenario, options: ServeOptions): ResponsePlan };

/** One API of the fake server: how it answers a POST to `path`, or undefined when the path is not its own. */
export type Route = (path: string) => ((request: RouteRequest) => RouteAnswer) | undefined;

/** A path segment decoded, or undefined when there is none or its percent-encoding is broken. */
export function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
