/** A form's current failure: which input it belongs to (null: the form as a whole) and its text. */
export type FormError = { field: string | null; text: string };

/** The message for one input, or null; `fields` lists the inputs that show their own errors. */
export function errorFor(err: FormError | null, field: string): string | null {
  return err?.field === field ? err.text : null;
}

export function formLevel(err: FormError | null, fields: readonly string[]): string {
  return err && !fields.includes(err.field ?? '') ? err.text : '';
}
