import { describeDemoIn } from './demo-suite.ts';
import { launchFirefox } from './firefox.ts';

describeDemoIn('Firefox', launchFirefox);
