import type { ActionHandler, Capability, Responder, TurnInput } from '../core/turn';

export type RouteResult = 'handled' | 'unknownAction' | 'unhandledText' | 'personalOnly' | 'needsIdentity';

/**
 * Sends a card action to the capability that owns its verb, and free text to the capabilities in order.
 * Duplicate verbs are a programming error and fail at start-up, not at the first button press.
 */
export class Router {
  private readonly actions = new Map<string, ActionHandler>();
  private readonly owners = new Map<string, string>();
  /** Verbs of personal-only capabilities: card data can be replayed from any chat, so each press is checked. */
  private readonly personalOnlyVerbs = new Set<string>();
  /** Verbs that read or write a person's stored data: refused without the authenticated object id. */
  private readonly identityVerbs = new Set<string>();

  constructor(private readonly capabilities: Capability[]) {
    for (const capability of capabilities) {
      for (const [verb, handler] of Object.entries(capability.actions)) {
        if (this.actions.has(verb)) throw new Error(`card verb "${verb}" is registered twice`);
        this.actions.set(verb, handler);
        this.owners.set(verb, capability.name);
        if (capability.personalOnly) this.personalOnlyVerbs.add(verb);
        if (capability.needsIdentity) this.identityVerbs.add(verb);
      }
    }
  }

  /** Every registered card verb (a test checks that every verb on a card is one of them). */
  verbs(): string[] {
    return [...this.actions.keys()];
  }

  /** `answeredBy` hears the name of the capability that handles the turn (for telemetry). */
  async route(
    turn: TurnInput,
    reply: Responder,
    answeredBy: (capability: string) => void = () => undefined,
  ): Promise<RouteResult> {
    const personal = turn.conversation.kind === 'personal';
    if (turn.action) {
      const handler = this.actions.get(turn.action.verb);
      if (!handler) return 'unknownAction';
      if (!personal && this.personalOnlyVerbs.has(turn.action.verb)) return 'personalOnly';
      if (!turn.user.aadObjectId && this.identityVerbs.has(turn.action.verb)) return 'needsIdentity';
      answeredBy(this.owners.get(turn.action.verb)!);
      await handler(turn, reply);
      return 'handled';
    }
    for (const capability of this.capabilities) {
      const refusal = !personal && capability.personalOnly ? 'personalOnly' : undefined;
      const withoutIdentity =
        !turn.user.aadObjectId && capability.needsIdentity ? 'needsIdentity' : undefined;
      if (refusal ?? withoutIdentity) {
        // Not even offered the text: its command is only recognised, to say why it is not done here.
        if (capability.recognizesText?.(turn)) return (refusal ?? withoutIdentity)!;
        continue;
      }
      if (capability.onText && (await capability.onText(turn, reply))) {
        answeredBy(capability.name);
        return 'handled';
      }
    }
    return 'unhandledText';
  }
}
