// The bench's scenarios, in the order they run: add one as a file here and list it below.
import type { Scenario } from '../scenario';
import { arrival } from './arrival';
import { burst } from './burst';
import { offline } from './offline';
import { pageview } from './pageview';
import { resync } from './resync';
import { storm } from './storm';
import { tabs } from './tabs';

export const scenarios: Scenario[] = [resync, burst, arrival, pageview, tabs, offline, storm];
