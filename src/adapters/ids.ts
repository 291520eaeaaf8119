/** A new unique id for saved items. */
export function newId(): string {
  return crypto.randomUUID();
}
