import { version as reactVersion } from 'react';
import { version as domVersion } from 'react-dom';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useChatSelector, useStreamingChat } from '@chatstream/react';

function Probe(): React.ReactNode {
  const { chat, status } = useStreamingChat();
  const count = useChatSelector((state) => state.messages.length, Object.is, chat);
  return <p role="status">{`${status} ${count}`}</p>;
}

describe('the react18 project', () => {
  it('runs against React 18 and react-dom 18', () => {
    expect(reactVersion).toMatch(/^18\./);
    expect(domVersion).toMatch(/^18\./);
  });

  it("renders @chatstream/react's hooks with that React through Testing Library", () => {
    render(<Probe />);
    expect(screen.getByRole('status').textContent).toBe('ready 0');
  });
});
