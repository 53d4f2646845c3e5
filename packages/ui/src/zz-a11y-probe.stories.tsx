import preview from '../../../.storybook/preview.tsx';
import { StopButton } from './stop-button.tsx';
const meta = preview.meta({ component: StopButton, title: 'Probe/A11y' });
export const Bad = meta.story({ render: () => <button type="button" style={{ color: '#eee', background: '#fff' }}><img src="data:," /></button> });
