import {
  ConnectionError,
  HTTPError,
  IncompleteStreamError,
  ProtocolError,
  StreamEventError,
} from '../errors.ts';

/** The reader's error class for each `expectedError.kind` of the mocks catalogue. */
export const expectedErrorClass = {
  http: HTTPError,
  'stream-event': StreamEventError,
  connection: ConnectionError,
  incomplete: IncompleteStreamError,
  protocol: ProtocolError,
} as const;
