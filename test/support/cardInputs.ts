type Json = Record<string, unknown>;

/** Every input on a card: id → value (its prefilled value, or empty). */
export function inputsOf(card: Json): Record<string, string> {
  const inputs: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Json;
    if (typeof element.type === 'string' && element.type.startsWith('Input.'))
      inputs[String(element.id)] = String(element.value ?? '');
    Object.values(element).forEach(visit);
  };
  visit(card);
  return inputs;
}
