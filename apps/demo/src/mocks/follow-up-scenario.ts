import { type MockScenario, scenario } from '@chatstream/mocks';
import { followUpText } from './follow-up-text.ts';

/**
 * The mocks' `pick`: a tool-result follow-up or a continuation is answered with
 * {@link followUpText}; any other request gets the usual choice (its scenario keyword). Built from
 * the request alone, so a resume after a reload picks the same answer again.
 */
export function followUpScenario(body: unknown): MockScenario | undefined {
  const text = followUpText(body);
  return text === undefined ? undefined : scenario('followUp').text(text).stop('end_turn');
}
