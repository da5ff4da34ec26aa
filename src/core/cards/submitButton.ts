/**
 * A button that posts its data back (Action.Submit, or Action.Execute with the verb in the data): its title, the
 * data, whether it carries the card's inputs, and its style. The report and case cards share this shape.
 */
export interface SubmitButton {
  title: string;
  payload: Record<string, unknown>;
  /** 'none' for buttons that must not carry the card's inputs (cancel, menu). */
  associatedInputs: 'auto' | 'none';
  style: 'positive' | 'default' | 'destructive';
}
