// The Genesys chaos run: 100 messages each way (the visitor typing into the real composer in
// Genesys mode, the agent over GWS REST) while the stand-in drops the widget's long polls and
// restarts the GMS Bayeux server at seeded random intervals, and the visitor reloads now and then.
// It ends with 0 lost, 0 doubled and 0 out of order against the stand-in's transcript, with no
// manual Retry. CHAOS_SEED overrides the seed (it fixes the fault plan, not the run);
// CHAOS_MESSAGES makes it longer.
import { runGenesysChaos } from './support/genesys-chaos';
import { expect, test } from './support/fixtures';

const SEED = Number(process.env.CHAOS_SEED ?? 20_261_202);
const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 100);

test.afterEach(async ({ request }) => {
  await request.delete('/agent/api/genesys/faults');
});

test('Genesys chaos: long-poll drops and Bayeux restarts, nothing lost, doubled or out of order', async ({ page, widget, request }) => {
  test.setTimeout(Math.max(150_000, MESSAGES * 1_200));
  for (const [name, value] of Object.entries({ CHAOS_SEED: SEED, CHAOS_MESSAGES: MESSAGES })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  }
  expect(MESSAGES).toBeGreaterThanOrEqual(100);
  console.log(`genesys chaos: seed ${SEED} (CHAOS_SEED overrides), ${MESSAGES} messages each way`);
  const report = await runGenesysChaos(page, widget, request, {
    seed: SEED,
    messagesEachWay: MESSAGES,
    service: `chaos-${Date.now().toString(36)}`,
    log: (line) => console.log(line),
  });
  const { problems, ...counts } = report;
  console.log(`genesys chaos report: ${JSON.stringify(counts)}`);
  await test.info().attach('genesys-chaos-report.json', { body: JSON.stringify(report, null, 2), contentType: 'application/json' });
  expect(problems).toEqual([]);
  expect(counts.duplicatesFound).toBe(0);
  expect(counts.manualRetries).toBe(0);
  // The faults really happened.
  expect(counts.restarts).toBeGreaterThan(0);
  expect(counts.longPollsDropped).toBeGreaterThan(0);
  expect(counts.visitorMessages).toBeGreaterThan(MESSAGES);
  expect(counts.agentMessages).toBeGreaterThanOrEqual(MESSAGES);
});
