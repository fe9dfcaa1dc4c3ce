import type { BenchScenario } from '../bench.types.js';
import { digestScenario } from './digest.bench.js';
import { fanoutScenario } from './fanout.scenario.js';
import { footprintScenario } from './footprint.scenario.js';
import { importScenario } from './import.scenario.js';
import { inboundScenario } from './inbound.scenario.js';
import { pulseResultsScenario } from './pulse-results.bench.js';
import { scaleOutScenario } from './scale-out.scenario.js';
import { tabScenario } from './tab.scenario.js';

/** Every scenario `npm run bench` runs, in this order. Register a new one with one line here. */
export const scenarios: BenchScenario[] = [
  footprintScenario,
  importScenario,
  inboundScenario,
  fanoutScenario,
  scaleOutScenario,
  digestScenario,
  pulseResultsScenario,
  tabScenario,
];
