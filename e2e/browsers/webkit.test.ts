import { describeDemoIn } from './demo-suite.ts';
import { launchWebKit } from './webkit.ts';

describeDemoIn('WebKit', launchWebKit);
