import type { ReactNode } from 'react';
import { demoTools } from '../chat/demo-tools.ts';

/** The client tools the model may call, and which of them ask before running. */
export function ToolsPanel(): ReactNode {
  return (
    <section className="panel tools-panel" aria-label="Browser tools">
      <h2>Browser tools</h2>
      <ul>
        {Object.entries(demoTools).map(([name, tool]) => (
          <li key={name}>
            <code>{name}</code>
            <span className="tool-kind" data-approval={tool.needsApproval || undefined}>
              {tool.needsApproval ? 'asks first' : 'runs here'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
