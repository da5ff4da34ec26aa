import { performance } from 'node:perf_hooks';
import { botInstalled, cardSubmit, message, type TestUser } from '../test/support/activities';
import type { FakeConnector } from '../test/support/fakeConnector';
import { COMPLETE_ANSWERS, findActions } from '../test/support/reportFlow';
import { newConversation, type Conversation } from './scenarios';
import { percentile } from './stats';

const REFERENCE = /IR-\d{4}-\d{4}/;
/** Forms filled at once before the measured moment (bounded load on a shared machine). */
const FILL_WIDTH = 10;
/** How long the chief's alerts may take before the row reports a failure instead of waiting on. */
const ARRIVAL_TIMEOUT_MS = 30_000;

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`bot answered ${response.status}`);
}

/** A reporter whose report form is complete, one press of "Skicka" away. */
async function readyReporter(botUrl: string, connector: FakeConnector): Promise<Conversation> {
  const conversation = newConversation(connector.url, 'submit-alert');
  const button = (verb: string, move?: string) => {
    const card = connector.activitiesIn(conversation.conversationId).at(-1)?.attachments?.[0]?.content;
    return findActions(card).find((data) => data.verb === verb && (!move || data.move === move))!;
  };
  await post(botUrl, message('rapportera incident', conversation));
  for (const answers of COMPLETE_ANSWERS)
    await post(botUrl, cardSubmit({ ...button('report.step', 'next'), ...answers }, conversation));
  return conversation;
}

/** When each reference first appeared in a POST to the chat (a single alert or a digest listing it). */
function firstArrivals(connector: FakeConnector, conversationId: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const call of connector.calls) {
    if (call.method !== 'POST' || call.conversationId !== conversationId || !call.activity) continue;
    for (const reference of JSON.stringify(call.activity).match(new RegExp(REFERENCE, 'g')) ?? [])
      if (!seen.has(reference)) seen.set(reference, call.at);
  }
  return seen;
}

/**
 * `count` reporters press "Skicka" at the same moment; returns, per report, the milliseconds from the press
 * to the security chief's chat receiving a message that lists it (single alert card or digest).
 */
async function simultaneousSubmits(
  botUrl: string,
  connector: FakeConnector,
  chiefChat: string,
  count: number,
): Promise<number[]> {
  const reporters: Conversation[] = [];
  for (let i = 0; i < count; i += FILL_WIDTH)
    reporters.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(FILL_WIDTH, count - i) }, () => readyReporter(botUrl, connector)),
      )),
    );
  const submits = reporters.map((conversation) => {
    const card = connector.activitiesIn(conversation.conversationId).at(-1)?.attachments?.[0]?.content;
    return cardSubmit(
      findActions(card).find((data) => data.verb === 'report.submit')!,
      conversation,
    );
  });
  const pressedAt = Date.now();
  const started = performance.now();
  await Promise.all(submits.map((submit) => post(botUrl, submit)));
  const references = reporters.map((conversation) => {
    const found = REFERENCE.exec(JSON.stringify(connector.activitiesIn(conversation.conversationId).at(-1)));
    if (!found) throw new Error('a submit got no reference');
    return found[0];
  });
  const deadline = started + ARRIVAL_TIMEOUT_MS;
  let arrived = firstArrivals(connector, chiefChat);
  while (!references.every((reference) => arrived.has(reference))) {
    if (performance.now() > deadline) throw new Error(`the chief's alerts did not all arrive within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    arrived = firstArrivals(connector, chiefChat);
  }
  return references.map((reference) => arrived.get(reference)! - pressedAt);
}

/**
 * Bench rows "submit → chief's alert": 1 report alone, then `burst` reports submitted at the same moment,
 * against a running bot whose security chief is `chief` (the fake connector records the alert cards).
 */
export async function submitToAlertRows(
  botUrl: string,
  connector: FakeConnector,
  chief: TestUser,
  burst = 50,
): Promise<string[][]> {
  const chiefChat = `a:bench-alert-chief-${chief.id}`;
  await post(botUrl, botInstalled({ serviceUrl: connector.url, conversationId: chiefChat, user: chief }));
  const rows: string[][] = [];
  for (const count of [1, burst]) {
    const latencies = await simultaneousSubmits(botUrl, connector, chiefChat, count);
    rows.push([
      "submit → chief's alert",
      String(count),
      percentile(latencies, 50).toFixed(0),
      percentile(latencies, 99).toFixed(0),
    ]);
  }
  return rows;
}

export const SUBMIT_TO_ALERT_HEADER = ['measure', 'simultaneous', 'median ms', 'p99 ms'];
