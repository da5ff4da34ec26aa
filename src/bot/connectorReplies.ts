import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { Activity, ResourceResponse } from 'botbuilder';

/** The slice of botframework-connector's ConnectorClient a turn's replies use, and what they are sent through. */
interface ReplyingClient {
  baseUri?: string;
  conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: Activity): Promise<unknown>;
    sendToConversation(conversationId: string, activity: Activity): Promise<unknown>;
  };
  /** The client's own pipeline (credentials, retries on 429/5xx and resets, user agent); the request as given. */
  sendRequest(request: ReturnType<typeof createPipelineRequest>): Promise<{
    status: number;
    bodyAsText?: string | null;
    parsedBody?: unknown;
  }>;
}

/**
 * A turn's replies ("reply to activity", "send to conversation") as one JSON POST through the client's own
 * pipeline. The generated operations walk the Bot Framework schema for every property of every reply to build the
 * same JSON, and again to read the answer (~6 % of a guidance turn's CPU side by side). Same URL, headers and
 * body for every activity the bot sends (tested against the SDK's serializer), same retries, same credentials.
 * One difference: a property outside the schema is sent rather than dropped. The bot's own activities have
 * none; members Teams adds to `from`, `recipient` or `conversation` would be echoed back, which the connector's
 * own models keep and send too. Everything else (updates, deletes, proactive sends) stays the SDK's.
 */
export function withLeanReplies<T>(client: T): T {
  const replying = client as unknown as ReplyingClient;
  const serviceUrl = replying.baseUri ?? '';
  const operationUrl = operationUrls(serviceUrl);
  const post = async (path: string, activity: Activity, headers: Record<string, string> = {}) => {
    const request = createPipelineRequest({
      url: operationUrl(path),
      method: 'POST',
      body: JSON.stringify(activity),
      headers: createHttpHeaders({ 'Content-Type': 'application/json; charset=utf-8', ...headers }),
      // As the SDK's client decides it: plain HTTP only for an http: service URL (local mode's connector).
      allowInsecureConnection: serviceUrl.toLowerCase().startsWith('http:'),
    });
    const response = await replying.sendRequest(request);
    const body = response.parsedBody ?? parsedBody(response.bodyAsText);
    if (response.status < 200 || response.status > 299) throw replyError(response.status, body);
    return (body ?? {}) as ResourceResponse;
  };
  // The generated "reply" names the conversation in a header as well; "send" does not.
  replying.conversations.replyToActivity = (conversationId, activityId, activity) =>
    post(`v3/conversations/${encode(conversationId)}/activities/${encode(activityId)}`, activity, {
      'x-ms-conversation-id': conversationId,
    });
  replying.conversations.sendToConversation = (conversationId, activity) =>
    post(`v3/conversations/${encode(conversationId)}/activities`, activity);
  return client;
}

const encode = encodeURIComponent;

/**
 * An operation's URL: its path after the service URL's own path, the service URL's query kept at the end (as the
 * SDK builds it). The service URL is parsed once per client, not on every reply.
 */
function operationUrls(serviceUrl: string): (path: string) => string {
  const url = new URL(serviceUrl);
  const query = url.search;
  url.search = '';
  url.hash = '';
  const base = url.href.replace(/\/+$/, '');
  return (path) => `${base}/${path}${query}`;
}

function parsedBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** As the SDK reports a failed operation: a RestError with the status and the connector's error code. */
function replyError(status: number, body: unknown): RestError {
  const detail = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const message = typeof detail?.message === 'string' ? detail.message : `The connector answered ${status}`;
  const error = new RestError(message, {
    statusCode: status,
    ...(typeof detail?.code === 'string' ? { code: detail.code } : {}),
  });
  error.details = body;
  return error;
}
