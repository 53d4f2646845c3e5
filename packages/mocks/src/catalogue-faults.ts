import { contentScenarios } from './catalogue-content.ts';
import {
  dropConnection,
  endWithoutMessageStop,
  failFirst,
  httpError,
  malformedEvent,
  oversizedEvent,
  stall,
  wrongContentType,
} from './faults.ts';
import type { MockScenario } from './scenario-types.ts';
import { scenario } from './builder.ts';
import { withFaults } from './with-faults.ts';

/** Names of the catalogue's failure scenarios. */
export type FaultScenarioName =
  | 'badRequest'
  | 'promptTooLong'
  | 'unauthorized'
  | 'notFound'
  | 'requestTooLarge'
  | 'rateLimited'
  | 'serverError'
  | 'overloaded'
  | 'flakyThenOk'
  | 'overloadedMidStream'
  | 'droppedConnection'
  | 'stalled'
  | 'noMessageStop'
  | 'malformedEvent'
  | 'wrongContentType'
  | 'oversizedEvent';

const { basic, longAnswer } = contentScenarios;

const fault = (
  name: FaultScenarioName,
  base: MockScenario,
  description: string,
  ...faults: Parameters<typeof withFaults>[1][]
): MockScenario => withFaults(base, faults.flat(), { name, description });

/** Things going wrong: HTTP errors, a mid-stream error event, broken transports, bad framing. */
export const faultScenarios: Readonly<Record<FaultScenarioName, MockScenario>> = {
  badRequest: fault('badRequest', basic, '400 invalid_request_error.', httpError(400)),
  promptTooLong: fault(
    'promptTooLong',
    basic,
    '400 invalid_request_error: the conversation outgrew the context window.',
    httpError(400, { message: 'prompt is too long: 211181 tokens > 200000 maximum' }),
  ),
  unauthorized: fault('unauthorized', basic, '401 authentication_error.', httpError(401)),
  notFound: fault('notFound', basic, '404 not_found_error.', httpError(404)),
  requestTooLarge: fault('requestTooLarge', basic, '413 request_too_large.', httpError(413)),
  rateLimited: fault('rateLimited', basic, '429 rate_limit_error with retry-after: 1.', httpError(429)),
  serverError: fault('serverError', basic, '500 api_error.', httpError(500)),
  overloaded: fault('overloaded', basic, '529 overloaded_error.', httpError(529)),
  flakyThenOk: fault(
    'flakyThenOk',
    basic,
    'Two 529s, then the basic stream (exercises retries).',
    failFirst(2),
  ),
  overloadedMidStream: scenario('overloadedMidStream', {
    description:
      'Text streams, then an overloaded_error event ends the stream; continued (Retry), the rest streams.',
    continuation: scenario('overloadedMidStream')
      .text(' affordable, and ideas spread across Europe faster than ever before.')
      .stop('end_turn'),
  })
    .text('The printing press, developed around 1440 by Johannes Gutenberg, made books')
    .error('overloaded_error', 'Overloaded'),
  droppedConnection: fault(
    'droppedConnection',
    longAnswer,
    'The connection drops after 1,600 bytes, a sentence into the answer.',
    dropConnection(1600),
  ),
  stalled: fault('stalled', basic, '30 s of silence after message_start (idle timeouts).', stall(30_000, 1)),
  noMessageStop: fault(
    'noMessageStop',
    basic,
    'Closes cleanly without message_stop.',
    endWithoutMessageStop(),
  ),
  malformedEvent: fault(
    'malformedEvent',
    basic,
    'An event with cut-off JSON after three events.',
    malformedEvent(3),
  ),
  wrongContentType: fault(
    'wrongContentType',
    basic,
    'A 200 text/html page instead of a stream.',
    wrongContentType(),
  ),
  oversizedEvent: fault(
    'oversizedEvent',
    basic,
    'One 2 MiB ping event (buffer limits); a reader without a limit still gets the basic message.',
    oversizedEvent(2 * 1024 * 1024),
  ),
};
