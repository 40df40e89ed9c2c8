// The short soak (npm run soak runs 2 minutes): plugin mode against a collector that keeps restarting, with
// one outage longer than the exporter's retries. Every point is delivered, or reported and spooled and then
// delivered by pxlc resend — the counts add up exactly, and the API key appears nowhere.

import test from 'ava';
import { soak } from '../soak/soak.js';

test('15 s of --every 1s against a flapping collector: every point delivered or spooled, exactly', async (t) => {
  const r = await soak(15);
  t.deepEqual(r.problems, []);
  t.true(r.windows >= 4 && r.restarts >= 2, JSON.stringify(r));
  t.true(r.reportedSent > 0, 'points got through between outages');
  t.true(r.reportedFailed > 0, 'the 8 s outage outlasts the retries: points were spooled');
  t.is(r.reportedSent + r.reportedFailed, r.expected);
  t.is(r.exitCode, 1, 'a run with undelivered windows exits 1');
});
