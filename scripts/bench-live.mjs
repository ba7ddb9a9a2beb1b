// The live results part of `make bench` (scripts/bench.sh starts the server and passes what
// it needs): BENCH_SUBSCRIBERS streams open on poll 1, then one verified voter moves their
// vote around the poll's choices at a steady rate. It prints the delay from sending each vote
// to the last subscriber's event showing it (median and p99), the server's memory per open
// stream, and the reads of the poll's numbers per vote (from /metrics). It measures; it never
// fails on a figure. Node's own modules only.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE = new URL(env('BENCH_BASE', 'http://127.0.0.1:3100'));
const METRICS = env('BENCH_METRICS', 'http://127.0.0.1:3101/metrics');
const COOKIE = env('BENCH_COOKIE', '');
const CHOICES = env('BENCH_CHOICES', '').split(',').filter(Boolean);
const SERVER_PID = env('BENCH_SERVER_PID', '');
const SUBSCRIBERS = Number(env('BENCH_SUBSCRIBERS', '1000'));
const SLOW_VOTES = Number(env('BENCH_LIVE_VOTES', '40'));
const SLOW_RATE = Number(env('BENCH_LIVE_RATE', '4'));
const FAST_RATE = 100;
const FAST_SECONDS = 5;

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function rssKb() {
  const status = readFileSync(`/proc/${SERVER_PID}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

async function snapshotReads() {
  const text = await (await fetch(METRICS)).text();
  return Number(/^pollstr_live_snapshot_reads_total (\d+)/m.exec(text)[1]);
}

/** One open stream: the time and votes of every `results` event it gets. */
function subscribe() {
  return new Promise((opened, failed) => {
    const events = [];
    const request = http.get(
      { host: BASE.hostname, port: BASE.port, path: '/polls/1/events', agent, headers: { Accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          failed(new Error(`a stream was refused: ${response.statusCode}`));
          return;
        }
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          const now = performance.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.includes('event: results')) continue;
            const data = block.split('\n').find((line) => line.startsWith('data:')).slice(5).trim();
            const votes = JSON.parse(data).choices.map((choice) => choice.votes).join(',');
            events.push({ at: now, votes });
            if (events.length === 1) opened({ events, close: () => request.destroy() });
          }
        });
      },
    );
    request.on('error', failed);
  });
}

function vote(choice) {
  return new Promise((done, failed) => {
    const body = `poll_id=1&choice_id=${choice}`;
    const started = performance.now();
    const request = http.request(
      {
        host: BASE.hostname,
        port: BASE.port,
        path: '/api/vote',
        method: 'POST',
        agent,
        headers: {
          Cookie: COOKIE,
          Origin: BASE.origin,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? done({ started, took: performance.now() - started }) : failed(new Error(`vote: ${response.statusCode}`)),
        );
      },
    );
    request.on('error', failed);
    request.end(body);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const ms = (value) => (value === undefined ? 'n/a' : value.toFixed(1));

const rssBefore = rssKb();
const streams = [];
for (let i = 0; i < SUBSCRIBERS; i += 100) {
  streams.push(...(await Promise.all(Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, subscribe))));
}
await sleep(1000);
const rssOpen = rssKb();
// Slow enough that every vote is its own read: each one's delay to the last subscriber. Each
// vote goes to another choice than the one before (the cycle starts past the first choice,
// which the page benchmark's votes leave the voter on), so each one changes the numbers.
const readsBefore = await snapshotReads();
const sent = [];
for (let k = 0; k < SLOW_VOTES; k++) {
  const index = (k + 1) % CHOICES.length;
  sent.push({ ...(await vote(CHOICES[index])), index });
  await sleep(1000 / SLOW_RATE);
}
await sleep(1000);
const slowReads = (await snapshotReads()) - readsBefore;
// The k-th new state a stream showed belongs to the k-th vote when it raised that vote's choice.
const delays = [];
let missed = 0;
const reference = streams[0].events;
for (let k = 0; k < SLOW_VOTES; k++) {
  const state = reference[k + 1]?.votes;
  const before = reference[k]?.votes;
  const raised = (votes) => Number(votes.split(',')[sent[k].index]);
  const ok = state && before && raised(state) > raised(before);
  let last = -Infinity;
  for (const stream of streams) {
    const event = stream.events[k + 1];
    if (!ok || !event || event.votes !== state) {
      last = null;
      break;
    }
    last = Math.max(last, event.at);
  }
  if (last === null) missed += 1;
  else delays.push(last - sent[k].started);
}
delays.sort((a, b) => a - b);
const voteTimes = sent.map((s) => s.took).sort((a, b) => a - b);

// As fast as votes come (FAST_RATE a second): reads are coalesced.
const fastBefore = await snapshotReads();
const fastVotes = FAST_RATE * FAST_SECONDS;
const fastStart = performance.now();
let fastRecorded = 0;
for (let k = 0; k < fastVotes; k++) {
  vote(CHOICES[k % CHOICES.length]).then(
    () => (fastRecorded += 1),
    () => {},
  );
  const due = fastStart + ((k + 1) * 1000) / FAST_RATE;
  await sleep(Math.max(0, due - performance.now()));
}
await sleep(1500);
const fastReads = (await snapshotReads()) - fastBefore;

for (const stream of streams) stream.close();

console.log(`| live results: ${SUBSCRIBERS} streams on poll 1 | figure |`);
console.log('|---|---|');
console.log(`| delay, vote sent to the last stream's event (${SLOW_RATE} votes/s), median | ${ms(percentile(delays, 50))} ms |`);
console.log(`| the same, p99 | ${ms(percentile(delays, 99))} ms |`);
console.log(`| the vote's own answer, median (inside the delay) | ${ms(percentile(voteTimes, 50))} ms |`);
console.log(`| votes whose state some stream never showed | ${missed} of ${SLOW_VOTES} |`);
console.log(`| server memory per open stream | ${((rssOpen - rssBefore) / SUBSCRIBERS).toFixed(1)} KB |`);
console.log(`| reads of the poll per vote, at ${SLOW_RATE} votes/s | ${(slowReads / SLOW_VOTES).toFixed(2)} |`);
console.log(`| reads of the poll per vote, at ${FAST_RATE} votes/s (coalesced; ${fastRecorded} of ${fastVotes} recorded) | ${(fastReads / Math.max(1, fastRecorded)).toFixed(2)} |`);
