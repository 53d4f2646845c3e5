import type { RelayModeInfo } from '../../vite-relay-plugin.ts';
import type { DemoMode, TransportKind } from './demo-mode.ts';

/**
 * Asks the dev/preview server whether it relays `/api/chat` (`GET /api/mode`), then applies a
 * `?mode=msw` / `?mode=relay` override. A static host without the relay answers nothing: MSW then.
 */
export async function detectMode(search: string = location.search): Promise<DemoMode> {
  const server = await fetchModeInfo();
  const requested = new URLSearchParams(search).get('mode');
  const forced: TransportKind | undefined =
    requested === 'msw' || requested === 'relay' ? requested : undefined;
  const kind = forced ?? (server.relay ? 'relay' : 'msw');
  const fakeUpstream = server.relay && server.upstream === 'custom';
  return {
    kind,
    server,
    forced: forced !== undefined,
    scenarios: kind === 'msw' || fakeUpstream,
    realModel: kind === 'relay' && server.relay && server.upstream === 'anthropic',
  };
}

async function fetchModeInfo(): Promise<RelayModeInfo> {
  try {
    const response = await fetch('/api/mode', { signal: AbortSignal.timeout(2000) });
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return { relay: false };
    const info = (await response.json()) as Partial<RelayModeInfo>;
    return info.relay === true ? (info as RelayModeInfo) : { relay: false };
  } catch {
    return { relay: false };
  }
}
