import type { ActionHandler, Capability, Responder, TurnInput } from '../core/turn';

export type RouteResult = 'handled' | 'unknownAction' | 'unhandledText';

/**
 * Sends a card action to the capability that owns its verb, and free text to the capabilities in order.
 * Duplicate verbs are a programming error and fail at start-up, not at the first button press.
 */
export class Router {
  private readonly actions = new Map<string, ActionHandler>();
  private readonly owners = new Map<string, string>();

  constructor(private readonly capabilities: Capability[]) {
    for (const capability of capabilities) {
      for (const [verb, handler] of Object.entries(capability.actions)) {
        if (this.actions.has(verb)) throw new Error(`card verb "${verb}" is registered twice`);
        this.actions.set(verb, handler);
        this.owners.set(verb, capability.name);
      }
    }
  }

  /** `answeredBy` hears the name of the capability that handles the turn (for telemetry). */
  async route(
    turn: TurnInput,
    reply: Responder,
    answeredBy: (capability: string) => void = () => undefined,
  ): Promise<RouteResult> {
    if (turn.action) {
      const handler = this.actions.get(turn.action.verb);
      if (!handler) return 'unknownAction';
      answeredBy(this.owners.get(turn.action.verb)!);
      await handler(turn, reply);
      return 'handled';
    }
    for (const capability of this.capabilities) {
      if (capability.onText && (await capability.onText(turn, reply))) {
        answeredBy(capability.name);
        return 'handled';
      }
    }
    return 'unhandledText';
  }
}
