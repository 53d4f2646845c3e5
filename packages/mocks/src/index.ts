export { scenario } from './builder.ts';
export type { ScenarioBuilder, ScenarioOptions } from './builder.ts';
export { DEFAULT_RETRIEVED_AT } from './server-tool-results.ts';
export type { ToolSearchErrorCode } from './tool-search-results.ts';
export type {
  BashRun,
  WebFetchErrorCode,
  WebFetchPage,
  WebSearchErrorCode,
  WebSearchHit,
} from './server-tool-results.ts';
export {
  charLocation,
  contentBlockLocation,
  pageLocation,
  searchResultLocation,
  webSearchResultLocation,
} from './citations.ts';
export type {
  CharLocation,
  CharLocationOptions,
  ContentBlockLocation,
  ContentBlockLocationOptions,
  PageLocation,
  PageLocationOptions,
  SearchResultLocation,
  SearchResultLocationOptions,
  WebSearchResultLocation,
  WebSearchResultLocationOptions,
} from './citations.ts';
export { defineScenario } from './define-scenario.ts';
export { scenarios } from './catalogue.ts';
export type { ScenarioName } from './catalogue.ts';
export { contentScenarios } from './catalogue-content.ts';
export type { ContentScenarioName } from './catalogue-content.ts';
export { faultScenarios } from './catalogue-faults.ts';
export type { FaultScenarioName } from './catalogue-faults.ts';
export type {
  BlockStep,
  ErrorStep,
  ExpectedError,
  FutureEvent,
  JsonObject,
  JsonValue,
  MockScenario,
  PauseStep,
  PingStep,
  RawEventStep,
  RedactedThinkingStep,
  ScenarioDescription,
  ScenarioStep,
  StopStep,
  StreamEvent,
  TextStep,
  ThinkingStep,
  TimelineEntry,
  ToolUseStep,
  UsageStep,
  UsageUpdate,
} from './scenario-types.ts';
export {
  dropConnection,
  endWithoutMessageStop,
  failFirst,
  httpError,
  malformedEvent,
  oversizedEvent,
  stall,
  wrongContentType,
} from './faults.ts';
export type {
  DropConnectionFault,
  EndWithoutMessageStopFault,
  FailFirstFault,
  Fault,
  HttpErrorFault,
  MalformedEventFault,
  OversizedEventFault,
  StallFault,
  WrongContentTypeFault,
} from './fault-types.ts';
export { withFaults } from './with-faults.ts';
export { anthropicErrorBody, HTTP_ERROR_TYPES } from './error-bodies.ts';
export { encodeSSE, encodeSSEEvent } from './encode-sse.ts';
export type { SSEEncoding } from './encode-sse.ts';
export { encodeTextChunk, encodeTextStream } from './encode-text.ts';
export type { TextEncoding } from './encode-text.ts';
export { splitBytes, splitText } from './chunking.ts';
export type { Chunking, RandomChunking } from './chunking.ts';
export type { Timing, TimingOptions } from './timing.ts';
export { createRandom } from './prng.ts';
export type { Random } from './prng.ts';
export { planResponse } from './plan-response.ts';
export type { ByteChunking, ResponsePlan, ServeOptions, TimedChunk } from './plan-response.ts';
export { createMockResponse, createMockStream } from './mock-response.ts';
export type { MockStreamOptions } from './mock-response.ts';
export type { PlayOptions, StreamOutcome } from './play-plan.ts';
export { selectScenario } from './select-scenario.ts';
export { attachmentsScenario } from './attachments-scenario.ts';
export { readImageSize } from './image-size.ts';
export type { ImageSize } from './image-size.ts';
export { checkMessages } from './check-messages.ts';
export { checkTools } from './check-tools.ts';
export { stringifyToolInput, readCutToolInput } from './tool-input-json.ts';
export type { RequestRecord } from './request-log.ts';
export type { MockControls } from './mock-controls.ts';
export type { UseOptions } from './scenario-picker.ts';
