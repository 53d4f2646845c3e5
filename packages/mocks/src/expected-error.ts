import type { Fault } from './fault-types.ts';
import type { ExpectedError } from './scenario-types.ts';

/**
 * How a correct client fails on the first request given these faults, or undefined when it should
 * succeed (stalls and oversized events only fail clients with timeouts or buffer limits;
 * `failFirst` is meant to be retried).
 */
export function expectedErrorOf(faults: readonly Fault[]): ExpectedError | undefined {
  for (const fault of faults) {
    switch (fault.kind) {
      case 'http-error':
        return { kind: 'http', status: fault.status, errorType: fault.errorType };
      case 'wrong-content-type':
        return { kind: 'http', status: 200, contentType: fault.contentType };
      case 'drop-connection':
        return { kind: 'connection' };
      case 'malformed-event':
        return { kind: 'protocol' };
      case 'end-without-message-stop':
        return { kind: 'incomplete' };
      default:
        break;
    }
  }
  return undefined;
}
