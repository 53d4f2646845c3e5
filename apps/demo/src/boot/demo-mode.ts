import type { RelayModeInfo } from '../../vite-relay-plugin.ts';

/** Where the demo's `/api/chat` requests go. */
export type TransportKind = 'msw' | 'relay';

/** How the page runs: mocked in the browser, or through the relay, and what the relay said about itself. */
export interface DemoMode {
  readonly kind: TransportKind;
  /** What `GET /api/mode` answered (`{ relay: false }` when nothing answered). */
  readonly server: RelayModeInfo;
  /** Set by `?mode=msw` / `?mode=relay`. */
  readonly forced: boolean;
  /** Scenario keywords pick the response: MSW, or a relay in front of the fake Anthropic server. */
  readonly scenarios: boolean;
  /** The real Anthropic API is behind the relay: thinking and web search are real request options. */
  readonly realModel: boolean;
}
